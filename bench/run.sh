#!/usr/bin/env bash
# Side-by-side gRPC benchmark: the same echo backend reached directly (D), through the embedded
# gateway (G), HAProxy (H) and nginx grpc_pass (N). Installs what it needs, builds the project,
# warms up, then runs ROUNDS interleaved rounds of every scenario and writes target/bench/
# results.json, results.md (printed at the end) and chart.png. See bench/README.md.
set -euo pipefail

# ---- Settings (override with environment variables) ----------------------------------------
ROUNDS="${ROUNDS:-3}"                          # measured rounds; results are medians
WARMUP_SECONDS="${WARMUP_SECONDS:-12}"         # gateway JIT warm-up (up to 2x until stable); others a quarter
SATURATION_SECONDS="${SATURATION_SECONDS:-6}"  # unary saturation window (h2c and TLS)
ONE_IN_FLIGHT_SECONDS="${ONE_IN_FLIGHT_SECONDS:-4}"  # one call in flight (added latency)
FIXED_LOAD_SECONDS="${FIXED_LOAD_SECONDS:-5}"  # open-loop window at LOAD_FRACTION of G's max
STREAMING_SECONDS="${STREAMING_SECONDS:-4}"    # server-streaming window
SUT_CPU="${SUT_CPU:-0}"                        # the system under test runs alone here
DRIVER_CPU="${DRIVER_CPU:-1}"                  # h2load, the Java client and the backend
H2LOAD_CONNECTIONS="${H2LOAD_CONNECTIONS:-4}"  # h2load -c
H2LOAD_STREAMS="${H2LOAD_STREAMS:-50}"         # h2load -m
PAYLOAD_BYTES="${PAYLOAD_BYTES:-10}"           # request/response message size
LOAD_FRACTION="${LOAD_FRACTION:-0.5}"          # fixed load = this x gateway saturation rate
SYSTEMS="${SYSTEMS:-D,G,H,N}"                  # interleaving order
SCENARIOS="${SCENARIOS:-unary_h2c,unary_tls,one_in_flight,fixed_load,server_streaming}"
FOREIGN_MAX_PERCENT="${FOREIGN_MAX_PERCENT:-20}"  # other work allowed on SUT_CPU per window
GATEWAY_JVM_OPTS="${GATEWAY_JVM_OPTS:--Xms512m -Xmx512m -XX:+AlwaysPreTouch -XX:ActiveProcessorCount=1 -XX:+UseZGC}"
BACKEND_JVM_OPTS="${BACKEND_JVM_OPTS:--Xms256m -Xmx256m -XX:ActiveProcessorCount=1}"
DRIVER_JVM_OPTS="${DRIVER_JVM_OPTS:--Xms512m -Xmx512m -XX:ActiveProcessorCount=1}"
GATEWAY_JFR="${GATEWAY_JFR:-false}"            # true: JFR profile of the gateway + hotspots.txt
GATEWAY_MODE="${GATEWAY_MODE:-standalone}"     # standalone (gateway.jar) | dataplane (DataPlane alone)
MVN_FLAGS="${MVN_FLAGS:--q -B}"                # e.g. "-q -B -o" on a machine with a warm ~/.m2
SKIP_INSTALL="${SKIP_INSTALL:-false}"
SKIP_BUILD="${SKIP_BUILD:-false}"
OUT_DIR="${OUT_DIR:-target/bench}"
RUN_TIMEOUT_SECONDS="${RUN_TIMEOUT_SECONDS:-900}"  # hard bound on the measuring JVM
QUIET_WAIT_SECONDS="${QUIET_WAIT_SECONDS:-0}"  # wait up to this long for an idle machine (§6b)
OTHER_RUN_WAIT_SECONDS="${OTHER_RUN_WAIT_SECONDS:-900}"  # wait for another benchmark run to end
QUIET_IDLE_PERCENT="${QUIET_IDLE_PERCENT:-90}" # ... i.e. both CPUs at least this idle over 5 s
# ----------------------------------------------------------------------------------------------

usage() {
  cat <<EOF
Usage: bench/run.sh [--quick] [--skip-install] [--skip-build] [--jfr] [--help]

Measures unary saturation (h2c and TLS at the proxy), one call in flight, fixed load and server
streaming through D (direct), G (embedded gateway), H (HAProxy) and N (nginx grpc_pass), each
proxy alone on CPU ${SUT_CPU}, driver and backend on CPU ${DRIVER_CPU}. About 8 minutes with the
defaults on a 2-core machine (plus the build).

  --quick         1 round, short windows (a smoke test, not a result)
  --skip-install  do not apt-get install nginx, haproxy, nghttp2-client, sysstat
  --skip-build    use the jars already in gateway/target and bench/target
  --jfr           record the gateway with JFR and write ${OUT_DIR}/hotspots.txt
  --help          this text

Settings are environment variables, with their defaults at the top of this script, e.g.
  ROUNDS=5 SATURATION_SECONDS=10 bench/run.sh
Outputs: ${OUT_DIR}/results.json, results.md (also printed), chart.png, work/ (configs, logs).
EOF
}

log() {
  printf 'run.sh: %s\n' "$*"
}

while [[ $# -gt 0 ]]; do
  case "$1" in
    --quick)
      ROUNDS=1 WARMUP_SECONDS=4 SATURATION_SECONDS=2 ONE_IN_FLIGHT_SECONDS=1
      FIXED_LOAD_SECONDS=2 STREAMING_SECONDS=1
      ;;
    --skip-install) SKIP_INSTALL=true ;;
    --skip-build) SKIP_BUILD=true ;;
    --jfr) GATEWAY_JFR=true ;;
    -h | --help)
      usage
      exit 0
      ;;
    *)
      echo "run.sh: unknown argument '$1' (see --help)" >&2
      exit 2
      ;;
  esac
  shift
done

cd "$(dirname "$0")/.."

install_tools() {
  local missing=()
  command -v nginx >/dev/null || missing+=(nginx)
  command -v haproxy >/dev/null || missing+=(haproxy)
  command -v h2load >/dev/null || missing+=(nghttp2-client)
  command -v mpstat >/dev/null || missing+=(sysstat)
  if [[ ${#missing[@]} -eq 0 ]]; then
    log "nginx, haproxy, h2load and mpstat already installed"
    return
  fi
  local sudo=()
  if [[ $(id -u) -ne 0 ]]; then
    sudo=(sudo)
  fi
  log "installing ${missing[*]} (apt-get update first)"
  "${sudo[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
  # The packaged services (if Debian starts them) are left alone: the benchmark runs its own
  # instances on ephemeral loopback ports with configurations under ${OUT_DIR}/work.
}

build() {
  log "building gateway and bench (mvn ${MVN_FLAGS} -DskipTests package)"
  # shellcheck disable=SC2086 # MVN_FLAGS is a list of flags
  mvn ${MVN_FLAGS} -DskipTests -pl gateway,bench -am package
}

check_machine() {
  local cpus
  cpus=$(nproc --all)
  if ((cpus <= SUT_CPU || cpus <= DRIVER_CPU)); then
    echo "run.sh: CPUs ${SUT_CPU} and ${DRIVER_CPU} are needed, this machine has ${cpus}" >&2
    exit 1
  fi
  log "machine: ${cpus} CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
  log "load average now: $(cut -d' ' -f1-3 /proc/loadavg) (other work on CPU ${SUT_CPU} is flagged per window)"
  if command -v mpstat >/dev/null; then
    mpstat -P "${SUT_CPU},${DRIVER_CPU}" 1 1 | tail -n 3 || true
  fi
}

# performance.md §6b: check that nothing else runs before measuring. Waits (bounded) for both
# benchmark CPUs to be idle; measures anyway afterwards, and every window still reports how much
# of the system-under-test CPU other work took.
wait_for_quiet() {
  local deadline=$((SECONDS + QUIET_WAIT_SECONDS)) idle
  while ((SECONDS < deadline)); do
    idle=$(mpstat -P "${SUT_CPU},${DRIVER_CPU}" 5 1 | awk '/^Average/ && $2 ~ /^[0-9]+$/ {print int($NF)}' | sort -n | head -n 1)
    if [[ -n "${idle}" ]] && ((idle >= QUIET_IDLE_PERCENT)); then
      log "machine quiet (busiest CPU ${idle}% idle)"
      return
    fi
    log "machine busy (busiest CPU ${idle:-?}% idle); waiting up to $((deadline - SECONDS)) s more"
  done
  log "measuring on a busy machine: expect windows marked PLACEMENT NOT HELD"
}

# Two benchmark runs on the same CPUs invalidate each other: wait (bounded) for another run of
# this harness (any checkout) to finish. Only looks at processes, never signals them.
wait_for_other_runs() {
  local deadline=$((SECONDS + OTHER_RUN_WAIT_SECONDS)) others
  while others=$(pgrep -f 'io.grpcconformance.bench.BenchMain run' | tr '\n' ' ') && [[ -n "${others}" ]]; do
    if ((SECONDS >= deadline)); then
      log "another benchmark run (pid ${others}) is still going; measuring anyway"
      return
    fi
    log "another benchmark run is going (pid ${others}); waiting up to $((deadline - SECONDS)) s"
    sleep 10
  done
}

if [[ "${SKIP_INSTALL}" != true ]]; then
  install_tools
fi
for tool in nginx haproxy h2load taskset java; do
  command -v "${tool}" >/dev/null || { echo "run.sh: ${tool} not found" >&2; exit 1; }
done
if [[ "${SKIP_BUILD}" != true ]]; then
  build
fi
[[ -f bench/target/benchmarks.jar ]] || { echo "run.sh: bench/target/benchmarks.jar missing (build first)" >&2; exit 1; }
if [[ "${GATEWAY_MODE}" == standalone && ! -f gateway/target/gateway.jar ]]; then
  log "gateway/target/gateway.jar missing: G will be reported as not measured"
fi
check_machine
wait_for_other_runs
if ((QUIET_WAIT_SECONDS > 0)); then
  wait_for_quiet
fi

mkdir -p "${OUT_DIR}"
log "measuring (${ROUNDS} rounds, systems ${SYSTEMS}); progress below"
# The harness JVM is the Java driver: it lives on the driver CPU with h2load and the backend.
# shellcheck disable=SC2086 # DRIVER_JVM_OPTS is a list of flags
exec timeout -k 20 "${RUN_TIMEOUT_SECONDS}" taskset -c "${DRIVER_CPU}" java ${DRIVER_JVM_OPTS} \
  -cp bench/target/benchmarks.jar io.grpcconformance.bench.BenchMain run \
  --rounds "${ROUNDS}" \
  --warmup-seconds "${WARMUP_SECONDS}" \
  --saturation-seconds "${SATURATION_SECONDS}" \
  --one-in-flight-seconds "${ONE_IN_FLIGHT_SECONDS}" \
  --fixed-load-seconds "${FIXED_LOAD_SECONDS}" \
  --streaming-seconds "${STREAMING_SECONDS}" \
  --sut-cpu "${SUT_CPU}" --driver-cpu "${DRIVER_CPU}" \
  --h2load-connections "${H2LOAD_CONNECTIONS}" --h2load-streams "${H2LOAD_STREAMS}" \
  --payload-bytes "${PAYLOAD_BYTES}" --load-fraction "${LOAD_FRACTION}" \
  --systems "${SYSTEMS}" --scenarios "${SCENARIOS}" \
  --foreign-max-percent "${FOREIGN_MAX_PERCENT}" \
  --gateway-jvm-opts="${GATEWAY_JVM_OPTS}" --backend-jvm-opts="${BACKEND_JVM_OPTS}" \
  --gateway-jfr="${GATEWAY_JFR}" --gateway-mode "${GATEWAY_MODE}" \
  --conf-dir bench/conf --out-dir "${OUT_DIR}" \
  --gateway-jar gateway/target/gateway.jar --bench-jar bench/target/benchmarks.jar
