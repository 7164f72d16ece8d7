#!/usr/bin/env bats
# lab/deploy.sh against stub kind/kubectl.

load test_helper

CRDS="https://github.com/kubernetes-sigs/gateway-api/releases/download/v1.6.1/standard-install.yaml"

make_manifests() {
  export MANIFESTS_DIR="${BATS_TEST_TMPDIR}/manifests"
  local dir
  for dir in "$@"; do
    mkdir -p "${MANIFESTS_DIR}/${dir}"
  done
}

@test "deploy.sh applies CRDs server-side, then gateway, samples and the examples, then waits" {
  export STUB_KIND_CLUSTERS=devops STUB_KUBE_CONTEXTS=kind-devops
  make_manifests gateway samples examples networkpolicies
  run "${LAB}/deploy.sh"
  [ "${status}" -eq 0 ]
  local crd gw samples ex np wait
  crd="$(call_index "kubectl --context kind-devops apply --server-side --force-conflicts -f ${CRDS}")"
  assert_called "kubectl --context kind-devops wait --for=condition=Established --timeout=300s crd/gatewayclasses.gateway.networking.k8s.io crd/gateways.gateway.networking.k8s.io crd/grpcroutes.gateway.networking.k8s.io crd/httproutes.gateway.networking.k8s.io crd/referencegrants.gateway.networking.k8s.io"
  gw="$(call_index "kubectl --context kind-devops apply -R -f ${MANIFESTS_DIR}/gateway")"
  samples="$(call_index "kubectl --context kind-devops apply -n default -R -f ${MANIFESTS_DIR}/samples")"
  ex="$(call_index "kubectl --context kind-devops apply -R -f ${MANIFESTS_DIR}/examples")"
  np="$(call_index "kubectl --context kind-devops apply -R -f ${MANIFESTS_DIR}/networkpolicies")"
  wait="$(call_index "kubectl --context kind-devops wait --for=condition=Available deployment --all-namespaces -l app.kubernetes.io/part-of=grpc-conformance --timeout=300s")"
  [ -n "${crd}" ] && [ -n "${gw}" ] && [ -n "${samples}" ] && [ -n "${ex}" ] && [ -n "${np}" ] && [ -n "${wait}" ]
  [ "${crd}" -lt "${gw}" ] && [ "${gw}" -lt "${samples}" ] && [ "${samples}" -lt "${ex}" ] && [ "${ex}" -lt "${np}" ] && [ "${np}" -lt "${wait}" ]
  # ingress/ is absent here: skipped with a log line, not an error.
  [[ "${output}" == *"skipping manifests/ingress/ (absent)"* ]]
}

@test "deploy.sh fails with the fix when the cluster does not exist" {
  make_manifests gateway samples
  run "${LAB}/deploy.sh"
  [ "${status}" -eq 1 ]
  [ "${output}" = "lab/deploy.sh: error: cluster 'devops' does not exist (fix: lab/up.sh)" ]
  refute_called_containing "kubectl"
}

@test "deploy.sh requires manifests/gateway/" {
  export STUB_KIND_CLUSTERS=devops STUB_KUBE_CONTEXTS=kind-devops
  make_manifests samples
  run "${LAB}/deploy.sh"
  [ "${status}" -eq 1 ]
  [[ "${output}" == *"error: manifest directory '${MANIFESTS_DIR}/gateway' not found (fix: check out the complete repository or set MANIFESTS_DIR)" ]]
  refute_called_containing "/samples"
}

@test "deploy.sh takes the Gateway API CRDs from a local file" {
  export STUB_KIND_CLUSTERS=devops STUB_KUBE_CONTEXTS=kind-devops
  make_manifests gateway samples
  local crds="${BATS_TEST_TMPDIR}/standard-install.yaml"
  : >"${crds}"
  GATEWAY_API_CRDS="${crds}" run "${LAB}/deploy.sh"
  [ "${status}" -eq 0 ]
  assert_called "kubectl --context kind-devops apply --server-side --force-conflicts -f ${crds}"
}
