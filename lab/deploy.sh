#!/usr/bin/env bash
# Deploys the Gateway API CRDs, the in-cluster gateway, the sample services and the examples to the lab.
set -euo pipefail

# shellcheck source=SCRIPTDIR/lib.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"

USAGE="Usage: lab/deploy.sh [--help]

Applies, in this order, to context ${KUBE_CONTEXT}:
  1. the Gateway API ${GATEWAY_API_VERSION} standard CRDs (server-side apply; waits until Established)
  2. manifests/gateway/   the gateway's RBAC, Deployment and Service (required)
  3. manifests/samples/   the sample services' Deployments and Services, in namespace ${SAMPLES_NAMESPACE} (required)
  4. manifests/<dir>/     for each dir in LAB_EXAMPLE_DIRS (${LAB_EXAMPLE_DIRS}) that exists:
                          the example Gateway, GRPCRoutes, Ingress and NetworkPolicies
then waits (${WAIT_TIMEOUT}) until every Deployment labelled ${LAB_PART_OF_LABEL} is Available.
Safe to run again (kubectl apply).

Settings (environment): CLUSTER_NAME, GATEWAY_API_VERSION, GATEWAY_API_CRDS (URL or local file),
MANIFESTS_DIR, SAMPLES_NAMESPACE, LAB_EXAMPLE_DIRS, WAIT_TIMEOUT. See lab/README.md."

GATEWAY_API_CRD_NAMES=(
  gatewayclasses.gateway.networking.k8s.io
  gateways.gateway.networking.k8s.io
  grpcroutes.gateway.networking.k8s.io
  httproutes.gateway.networking.k8s.io
  referencegrants.gateway.networking.k8s.io
)

# Applies one manifests/ sub-directory; fails when a required one is missing.
apply_dir() {
  local dir="$1" required="$2"
  shift 2
  local path="${MANIFESTS_DIR}/${dir}"
  if [[ ! -d "${path}" ]]; then
    [[ "${required}" == "required" ]] \
      && lab::die "manifest directory '${path}' not found (fix: check out the complete repository or set MANIFESTS_DIR)"
    lab::log "skipping manifests/${dir}/ (absent)"
    return 0
  fi
  lab::log "applying manifests/${dir}/"
  lab::kubectl apply "$@" -R -f "${path}"
}

main() {
  lab::maybe_help "${USAGE}" "$@"
  [[ $# -eq 0 ]] || lab::die "unexpected argument '$1' (fix: lab/deploy.sh --help)"
  lab::require kind kubectl
  lab::require_source "GATEWAY_API_CRDS" "${GATEWAY_API_CRDS}"
  lab::cluster::require

  lab::log "installing Gateway API ${GATEWAY_API_VERSION} CRDs from ${GATEWAY_API_CRDS}"
  lab::kubectl apply --server-side --force-conflicts -f "${GATEWAY_API_CRDS}" >/dev/null
  lab::kubectl wait --for=condition=Established --timeout="${WAIT_TIMEOUT}" "${GATEWAY_API_CRD_NAMES[@]/#/crd/}"

  apply_dir gateway required
  apply_dir samples required -n "${SAMPLES_NAMESPACE}"
  local dir
  for dir in ${LAB_EXAMPLE_DIRS}; do
    apply_dir "${dir}" optional
  done

  lab::log "waiting for Deployments labelled ${LAB_PART_OF_LABEL} (timeout ${WAIT_TIMEOUT})"
  lab::kubectl wait --for=condition=Available deployment --all-namespaces -l "${LAB_PART_OF_LABEL}" --timeout="${WAIT_TIMEOUT}"
  lab::log "deployed; next: lab/run.sh (or lab/status.sh)"
}

main "$@"
