#!/usr/bin/env bash
# Deletes the KIND lab cluster; does nothing when it does not exist.
set -euo pipefail

# shellcheck source=SCRIPTDIR/lib.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"

USAGE="Usage: lab/down.sh [--help]

Deletes the kind cluster '${CLUSTER_NAME}' (and its kube context ${KUBE_CONTEXT}).
Does nothing, successfully, when the cluster does not exist. Only this one cluster is ever deleted.

Settings (environment): CLUSTER_NAME. See lab/README.md."

main() {
  lab::maybe_help "${USAGE}" "$@"
  [[ $# -eq 0 ]] || lab::die "unexpected argument '$1' (fix: lab/down.sh --help)"
  lab::require kind

  if ! lab::cluster::exists; then
    lab::log "cluster '${CLUSTER_NAME}' does not exist; nothing to delete"
    return 0
  fi
  lab::log "deleting cluster '${CLUSTER_NAME}'"
  kind delete cluster --name "${CLUSTER_NAME}"
}

main "$@"
