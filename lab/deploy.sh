#!/usr/bin/env bash
# Deploys the Gateway API CRDs, the in-cluster gateway, the sample services and the examples to the lab.
set -euo pipefail

# shellcheck source=SCRIPTDIR/lib.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"

USAGE="Usage: lab/deploy.sh [--help]

Applies, in this order, to context ${KUBE_CONTEXT}:
  1. the Gateway API ${GATEWAY_API_VERSION} standard CRDs (server-side apply; waits until Established)
  2. manifests/gateway/    the gateway's namespace, RBAC, classes, Deployment and Service (required);
                           waits until the Deployments in ${GATEWAY_NAMESPACE} are Available
  3. manifests/samples/    foo-svc, bar-svc, bar-svc-canary in namespace ${SAMPLES_NAMESPACE} (required)
  4. the TLS Secret ${LAB_TLS_SECRET} (self-signed for ${LAB_TLS_HOSTS}, with openssl) unless it exists
  5. LAB_EXAMPLE_FILES     ${LAB_EXAMPLE_FILES}
                           (the gRPC routing guide's Gateway and GRPCRoutes, in ${SAMPLES_NAMESPACE})
  6. LAB_NETPOL_FILES      ${LAB_NETPOL_FILES}
Files of steps 5 and 6 that do not exist are skipped with a line. Then waits (${WAIT_TIMEOUT}) until the
sample Deployments (${LAB_PART_OF_LABEL}) are Available. Safe to run again (kubectl apply).

Settings (environment): CLUSTER_NAME, GATEWAY_API_VERSION, GATEWAY_API_CRDS (URL or local file),
MANIFESTS_DIR, GATEWAY_NAMESPACE, SAMPLES_NAMESPACE, LAB_EXAMPLE_FILES, LAB_NETPOL_FILES, LAB_TLS_SECRET,
LAB_TLS_HOSTS, WAIT_TIMEOUT. See lab/README.md."

GATEWAY_API_CRD_NAMES=(
  gatewayclasses.gateway.networking.k8s.io
  gateways.gateway.networking.k8s.io
  grpcroutes.gateway.networking.k8s.io
  httproutes.gateway.networking.k8s.io
  referencegrants.gateway.networking.k8s.io
)

# Applies a required manifests/ sub-directory.
apply_required_dir() {
  local dir="$1"
  shift
  local path="${MANIFESTS_DIR}/${dir}"
  [[ -d "${path}" ]] \
    || lab::die "manifest directory '${path}' not found (fix: check out the complete repository or set MANIFESTS_DIR)"
  lab::log "applying manifests/${dir}/"
  lab::kubectl apply "$@" -R -f "${path}"
}

# Applies optional manifests/ files; absent ones are skipped with a log line.
apply_optional_files() {
  local files="$1"
  shift
  local file
  for file in ${files}; do
    if [[ -f "${MANIFESTS_DIR}/${file}" ]]; then
      lab::log "applying manifests/${file}"
      lab::kubectl apply "$@" -f "${MANIFESTS_DIR}/${file}"
    else
      lab::log "skipping manifests/${file} (absent)"
    fi
  done
}

# Creates a self-signed kubernetes.io/tls Secret for the example Gateway unless one exists.
# The key only ever lives in a private temporary directory that is removed on return.
ensure_tls_secret() {
  if lab::kubectl -n "${SAMPLES_NAMESPACE}" get secret "${LAB_TLS_SECRET}" >/dev/null 2>&1; then
    lab::log "secret ${SAMPLES_NAMESPACE}/${LAB_TLS_SECRET} exists; keeping it"
    return 0
  fi
  if ! command -v openssl >/dev/null 2>&1; then
    lab::log "openssl not found: not creating ${LAB_TLS_SECRET}; the example Gateway's HTTPS listener will report InvalidCertificateRef"
    return 0
  fi
  local tmp
  tmp="$(mktemp -d)"
  # shellcheck disable=SC2064 # expand tmp now: the trap must remove this directory
  trap "rm -rf '${tmp}'" RETURN
  openssl req -x509 -newkey rsa:2048 -nodes -days 30 -subj "/CN=${LAB_TLS_HOSTS}" \
    -addext "subjectAltName=DNS:${LAB_TLS_HOSTS}" -keyout "${tmp}/tls.key" -out "${tmp}/tls.crt" >/dev/null 2>&1 \
    || lab::die "openssl could not create a certificate for ${LAB_TLS_HOSTS} (fix: create Secret ${LAB_TLS_SECRET} yourself)"
  lab::log "creating self-signed secret ${SAMPLES_NAMESPACE}/${LAB_TLS_SECRET} for ${LAB_TLS_HOSTS}"
  lab::kubectl -n "${SAMPLES_NAMESPACE}" create secret tls "${LAB_TLS_SECRET}" \
    --cert="${tmp}/tls.crt" --key="${tmp}/tls.key" >/dev/null
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

  apply_required_dir gateway
  lab::log "waiting for the gateway in ${GATEWAY_NAMESPACE} (timeout ${WAIT_TIMEOUT})"
  lab::kubectl -n "${GATEWAY_NAMESPACE}" wait --for=condition=Available deployment --all --timeout="${WAIT_TIMEOUT}"

  apply_required_dir samples -n "${SAMPLES_NAMESPACE}"
  ensure_tls_secret
  apply_optional_files "${LAB_EXAMPLE_FILES}" -n "${SAMPLES_NAMESPACE}"
  apply_optional_files "${LAB_NETPOL_FILES}"

  lab::log "waiting for the sample services (${LAB_PART_OF_LABEL}, timeout ${WAIT_TIMEOUT})"
  lab::kubectl -n "${SAMPLES_NAMESPACE}" wait --for=condition=Available deployment -l "${LAB_PART_OF_LABEL}" --timeout="${WAIT_TIMEOUT}"
  lab::log "deployed; next: lab/run.sh (or lab/status.sh)"
}

main "$@"
