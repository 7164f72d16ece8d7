#!/usr/bin/env bash
# Shared settings and helpers for the KIND lab scripts (lab/*.sh). Source it; do not run it.
#
# Every setting below can be overridden from the environment, e.g.
#   CLUSTER_NAME=devops2 CALICO_MANIFEST=./calico.yaml lab/up.sh
# lab/README.md documents each one.

# ---- settings ----------------------------------------------------------------------------------
LAB_DIR="${LAB_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)}"
REPO_ROOT="${REPO_ROOT:-$(cd "${LAB_DIR}/.." && pwd)}"

CLUSTER_NAME="${CLUSTER_NAME:-devops}"
CLUSTER_CONFIG="${CLUSTER_CONFIG:-${REPO_ROOT}/cluster-config.yaml}"
# kind v0.32.0's default node image (pkg/apis/config/defaults/image.go at v0.32.0), pinned by digest.
KIND_NODE_IMAGE="${KIND_NODE_IMAGE:-kindest/node:v1.36.1@sha256:3489c7674813ba5d8b1a9977baea8a6e553784dab7b84759d1014dbd78f7ebd5}"
KUBE_CONTEXT="${KUBE_CONTEXT:-kind-${CLUSTER_NAME}}"

CALICO_VERSION="${CALICO_VERSION:-v3.32.1}"
# Manifest install (calico.yaml, namespace kube-system); a URL or a local file for air-gapped users.
CALICO_MANIFEST="${CALICO_MANIFEST:-https://raw.githubusercontent.com/projectcalico/calico/${CALICO_VERSION}/manifests/calico.yaml}"

GATEWAY_API_VERSION="${GATEWAY_API_VERSION:-v1.6.1}"
GATEWAY_API_CRDS="${GATEWAY_API_CRDS:-https://github.com/kubernetes-sigs/gateway-api/releases/download/${GATEWAY_API_VERSION}/standard-install.yaml}"

IMAGE_REGISTRY="${IMAGE_REGISTRY:-grpc-conformance}"
IMAGE_TAG="${IMAGE_TAG:-0.1.0}"
LAB_IMAGES="${LAB_IMAGES:-${IMAGE_REGISTRY}/sample-services:${IMAGE_TAG} ${IMAGE_REGISTRY}/gateway:${IMAGE_TAG}}"
# How the images are built (Jib to the local Docker daemon); the lab only loads them.
BUILD_IMAGES_CMD="${BUILD_IMAGES_CMD:-mvn -B -pl sample-services,gateway -am -DskipTests package jib:dockerBuild}"
# auto: use `kind load image-archive` when Docker uses the containerd image store, else `kind load docker-image`.
LOAD_MODE="${LOAD_MODE:-auto}"

MANIFESTS_DIR="${MANIFESTS_DIR:-${REPO_ROOT}/manifests}"
# The in-cluster gateway's namespace (manifests/gateway/00-namespace.yaml); deploy.sh waits for its Deployments.
GATEWAY_NAMESPACE="${GATEWAY_NAMESPACE:-grpc-conformance-system}"
SAMPLES_NAMESPACE="${SAMPLES_NAMESPACE:-default}"
# The Gateway API gRPC guide's Gateway and GRPCRoutes (routing to the samples), applied to SAMPLES_NAMESPACE.
LAB_EXAMPLE_FILES="${LAB_EXAMPLE_FILES:-examples/grpc-routing-guide/gateway.yaml examples/grpc-routing-guide/grpcroutes.yaml}"
# NetworkPolicies (and the pods they select), applied as written (they name their namespaces).
# Not default-deny-ingress.yaml: in namespace default it would cut the gateway off from the samples.
LAB_NETPOL_FILES="${LAB_NETPOL_FILES:-netpol/workloads.yaml netpol/test-network-policy.yaml}"
# TLS Secret of the example Gateway's HTTPS listener: created self-signed (openssl) when absent.
LAB_TLS_SECRET="${LAB_TLS_SECRET:-example-com-tls}"
LAB_TLS_HOSTS="${LAB_TLS_HOSTS:-*.example.com}"
# Label on the sample Deployments; deploy.sh waits on it.
LAB_PART_OF_LABEL="${LAB_PART_OF_LABEL:-app.kubernetes.io/part-of=grpc-conformance}"

WAIT_TIMEOUT="${WAIT_TIMEOUT:-300s}"
MVN="${MVN:-mvn}"
# ------------------------------------------------------------------------------------------------

LAB_SCRIPT="${LAB_SCRIPT:-lab/$(basename "${0}")}"

# Prints a progress line on stderr, prefixed with the script name.
lab::log() {
  printf '%s: %s\n' "${LAB_SCRIPT}" "$*" >&2
}

# Prints a one-line error (reason, and the fix in parentheses) and exits 1.
lab::die() {
  printf '%s: error: %s\n' "${LAB_SCRIPT}" "$*" >&2
  exit 1
}

# The install hint for a tool, used in lab::require's error line.
lab::install_hint() {
  case "$1" in
    kind) echo "install kind v0.32.0: https://kind.sigs.k8s.io/docs/user/quick-start/#installation" ;;
    kubectl) echo "install kubectl: https://kubernetes.io/docs/tasks/tools/" ;;
    docker) echo "install Docker: https://docs.docker.com/engine/install/" ;;
    mvn) echo "install Maven 3.8+: https://maven.apache.org/install.html" ;;
    *) echo "install $1" ;;
  esac
}

# Fails unless every named tool is on PATH.
lab::require() {
  local tool
  for tool in "$@"; do
    command -v "${tool}" >/dev/null 2>&1 \
      || lab::die "required tool '${tool}' not found on PATH (fix: $(lab::install_hint "${tool}"))"
  done
}

# Fails unless the Docker daemon answers.
lab::require_docker_daemon() {
  docker info >/dev/null 2>&1 \
    || lab::die "Docker daemon not reachable (fix: start Docker, or check DOCKER_HOST)"
}

# True when a kind cluster named CLUSTER_NAME exists.
lab::cluster::exists() {
  local name
  while IFS= read -r name; do
    [[ "${name}" == "${CLUSTER_NAME}" ]] && return 0
  done < <(kind get clusters 2>/dev/null)
  return 1
}

# Fails unless the cluster exists and its kube context is known to kubectl.
lab::cluster::require() {
  lab::cluster::exists || lab::die "cluster '${CLUSTER_NAME}' does not exist (fix: lab/up.sh)"
  lab::context::exists \
    || lab::die "kube context '${KUBE_CONTEXT}' not found (fix: kind export kubeconfig --name ${CLUSTER_NAME})"
}

# True when kubectl knows the context KUBE_CONTEXT.
lab::context::exists() {
  local ctx
  while IFS= read -r ctx; do
    [[ "${ctx}" == "${KUBE_CONTEXT}" ]] && return 0
  done < <(kubectl config get-contexts -o name 2>/dev/null)
  return 1
}

# kubectl pinned to the lab's context: the lab never touches another cluster.
lab::kubectl() {
  kubectl --context "${KUBE_CONTEXT}" "$@"
}

# The pod subnet declared in CLUSTER_CONFIG (networking.podSubnet).
lab::config::pod_subnet() {
  [[ -f "${CLUSTER_CONFIG}" ]] || lab::die "cluster config '${CLUSTER_CONFIG}' not found (fix: run from a clone of the repository or set CLUSTER_CONFIG)"
  local subnet
  subnet="$(sed -n 's/^[[:space:]]*podSubnet:[[:space:]]*"\{0,1\}\([0-9./]*\)"\{0,1\}.*$/\1/p' "${CLUSTER_CONFIG}" | head -n 1)"
  [[ -n "${subnet}" ]] || lab::die "no networking.podSubnet in '${CLUSTER_CONFIG}' (fix: add one; Calico's pool is taken from it)"
  printf '%s\n' "${subnet}"
}

# Fails unless a manifest source (URL or file) is usable; files must exist.
lab::require_source() {
  local what="$1" source="$2"
  case "${source}" in
    http://* | https://*) return 0 ;;
    *) [[ -f "${source}" ]] || lab::die "${what} file '${source}' not found (fix: download it, or unset the variable to use the pinned URL)" ;;
  esac
}

# Handles --help/-h for a script whose usage text is given; other arguments are left to the script.
lab::maybe_help() {
  local usage="$1"
  shift
  local arg
  for arg in "$@"; do
    [[ "${arg}" == "--" ]] && return 0
    if [[ "${arg}" == "--help" || "${arg}" == "-h" ]]; then
      printf '%s\n' "${usage}"
      exit 0
    fi
  done
}
