#!/usr/bin/env bash
# Creates the KIND lab cluster (unless it exists), installs Calico and waits until the cluster is usable.
set -euo pipefail

# shellcheck source=SCRIPTDIR/lib.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"

USAGE="Usage: lab/up.sh [--help]

Creates the kind cluster '${CLUSTER_NAME}' from ${CLUSTER_CONFIG} (skipped when it already exists),
installs Calico ${CALICO_VERSION} (manifest mode, kube-system) and waits (each wait ${WAIT_TIMEOUT}) for
calico-node, calico-kube-controllers, every node Ready and CoreDNS. Then checks that Calico's IP pool
equals the podSubnet of the cluster config. Safe to run again.

Settings (environment): CLUSTER_NAME, CLUSTER_CONFIG, KIND_NODE_IMAGE, CALICO_VERSION,
CALICO_MANIFEST (URL or local file), WAIT_TIMEOUT. See lab/README.md."

main() {
  lab::maybe_help "${USAGE}" "$@"
  [[ $# -eq 0 ]] || lab::die "unexpected argument '$1' (fix: lab/up.sh --help)"

  lab::require kind kubectl docker
  lab::require_docker_daemon
  lab::require_source "CALICO_MANIFEST" "${CALICO_MANIFEST}"
  local pod_subnet
  pod_subnet="$(lab::config::pod_subnet)"

  if lab::cluster::exists; then
    lab::log "cluster '${CLUSTER_NAME}' already exists; not creating it"
    kind export kubeconfig --name "${CLUSTER_NAME}"
  else
    lab::log "creating cluster '${CLUSTER_NAME}' (${KIND_NODE_IMAGE})"
    kind create cluster --name "${CLUSTER_NAME}" --config "${CLUSTER_CONFIG}" --image "${KIND_NODE_IMAGE}"
  fi

  # Server-side apply: idempotent, and it avoids the last-applied annotation that makes client-side
  # apply fail on Calico's large CRDs (cluster.md §2.3). FELIX_IGNORELOOSERPF is deliberately not set:
  # Felix ignores it since 2020 (cluster.md §2.5; lab/README.md "FELIX_IGNORELOOSERPF").
  lab::log "installing Calico ${CALICO_VERSION} from ${CALICO_MANIFEST}"
  lab::kubectl apply --server-side --force-conflicts -f "${CALICO_MANIFEST}" >/dev/null

  lab::log "waiting for calico-node (timeout ${WAIT_TIMEOUT})"
  lab::kubectl -n kube-system rollout status daemonset/calico-node --timeout="${WAIT_TIMEOUT}"
  lab::log "waiting for calico-kube-controllers (timeout ${WAIT_TIMEOUT})"
  lab::kubectl -n kube-system rollout status deployment/calico-kube-controllers --timeout="${WAIT_TIMEOUT}"
  lab::log "waiting for every node to be Ready (timeout ${WAIT_TIMEOUT})"
  lab::kubectl wait --for=condition=Ready node --all --timeout="${WAIT_TIMEOUT}"
  lab::log "waiting for CoreDNS (timeout ${WAIT_TIMEOUT})"
  lab::kubectl -n kube-system rollout status deployment/coredns --timeout="${WAIT_TIMEOUT}"

  # calico-node creates its default pool once, from kubeadm's podSubnet (cluster.md §2.4).
  local pools
  pools="$(lab::kubectl get ippools.crd.projectcalico.org -o jsonpath='{range .items[*]}{.spec.cidr}{"\n"}{end}')"
  grep -qxF "${pod_subnet}" <<<"${pools}" \
    || lab::die "Calico IP pool is '${pools//$'\n'/ }', expected the podSubnet ${pod_subnet} (fix: lab/down.sh && lab/up.sh; the pool is created only once)"

  lab::log "cluster '${CLUSTER_NAME}' is ready (context ${KUBE_CONTEXT}, pod subnet ${pod_subnet}); next: lab/load-images.sh"
}

main "$@"
