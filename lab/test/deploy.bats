#!/usr/bin/env bats
# lab/deploy.sh against stub kind/kubectl.

load test_helper

CRDS="https://github.com/kubernetes-sigs/gateway-api/releases/download/v1.6.1/standard-install.yaml"
K="kubectl --context kind-devops"

# A manifests/ tree with the given folders and files (empty files are enough for the stubs).
make_manifests() {
  export MANIFESTS_DIR="${BATS_TEST_TMPDIR}/manifests"
  local path
  for path in "$@"; do
    if [[ "${path}" == */ ]]; then
      mkdir -p "${MANIFESTS_DIR}/${path}"
    else
      mkdir -p "$(dirname "${MANIFESTS_DIR}/${path}")"
      : >"${MANIFESTS_DIR}/${path}"
    fi
  done
}

@test "deploy.sh applies CRDs server-side, the gateway, the samples, the guide's Gateway and routes, the policies, in order" {
  export STUB_KIND_CLUSTERS=devops STUB_KUBE_CONTEXTS=kind-devops
  make_manifests gateway/ samples/ examples/grpc-routing-guide/gateway.yaml examples/grpc-routing-guide/grpcroutes.yaml \
    netpol/workloads.yaml netpol/test-network-policy.yaml netpol/default-deny-ingress.yaml
  run "${LAB}/deploy.sh"
  [ "${status}" -eq 0 ]
  local expected=(
    "${K} apply --server-side --force-conflicts -f ${CRDS}"
    "${K} wait --for=condition=Established --timeout=300s crd/gatewayclasses.gateway.networking.k8s.io crd/gateways.gateway.networking.k8s.io crd/grpcroutes.gateway.networking.k8s.io crd/httproutes.gateway.networking.k8s.io crd/referencegrants.gateway.networking.k8s.io"
    "${K} apply -R -f ${MANIFESTS_DIR}/gateway"
    "${K} -n grpc-conformance-system wait --for=condition=Available deployment --all --timeout=300s"
    "${K} apply -n default -R -f ${MANIFESTS_DIR}/samples"
    "${K} -n default get secret example-com-tls"
    "${K} apply -n default -f ${MANIFESTS_DIR}/examples/grpc-routing-guide/gateway.yaml"
    "${K} apply -n default -f ${MANIFESTS_DIR}/examples/grpc-routing-guide/grpcroutes.yaml"
    "${K} apply -f ${MANIFESTS_DIR}/netpol/workloads.yaml"
    "${K} apply -f ${MANIFESTS_DIR}/netpol/test-network-policy.yaml"
    "${K} -n default wait --for=condition=Available deployment -l app.kubernetes.io/part-of=grpc-conformance --timeout=300s"
  )
  # Exactly these kubectl calls, in this order (the context probe aside).
  diff <(printf '%s\n' "${expected[@]}") <(grep '^kubectl --context' "${STUB_LOG}")
  # The default deny is never applied: in namespace default it would cut the gateway off from the samples.
  refute_called_containing "default-deny-ingress"
}

@test "deploy.sh skips absent example files with a line" {
  export STUB_KIND_CLUSTERS=devops STUB_KUBE_CONTEXTS=kind-devops
  make_manifests gateway/ samples/
  run "${LAB}/deploy.sh"
  [ "${status}" -eq 0 ]
  [[ "${output}" == *"skipping manifests/examples/grpc-routing-guide/gateway.yaml (absent)"* ]]
  [[ "${output}" == *"skipping manifests/netpol/test-network-policy.yaml (absent)"* ]]
}

@test "deploy.sh creates a self-signed TLS secret for the example Gateway when there is none, and removes the key" {
  command -v openssl >/dev/null || skip "openssl not installed"
  export STUB_KIND_CLUSTERS=devops STUB_KUBE_CONTEXTS=kind-devops STUB_FAIL="kubectl * get secret example-com-tls"
  make_manifests gateway/ samples/
  run "${LAB}/deploy.sh"
  [ "${status}" -eq 0 ]
  local create
  create="$(grep -- 'create secret tls example-com-tls' "${STUB_LOG}")"
  [[ "${create}" =~ ^kubectl\ --context\ kind-devops\ -n\ default\ create\ secret\ tls\ example-com-tls\ --cert=(.*)/tls.crt\ --key=(.*)/tls.key$ ]]
  [ ! -e "${BASH_REMATCH[2]}" ]
}

@test "deploy.sh fails with the fix when the cluster does not exist" {
  make_manifests gateway/ samples/
  run "${LAB}/deploy.sh"
  [ "${status}" -eq 1 ]
  [ "${output}" = "lab/deploy.sh: error: cluster 'devops' does not exist (fix: lab/up.sh)" ]
  refute_called_containing "kubectl"
}

@test "deploy.sh requires manifests/gateway/" {
  export STUB_KIND_CLUSTERS=devops STUB_KUBE_CONTEXTS=kind-devops
  make_manifests samples/
  run "${LAB}/deploy.sh"
  [ "${status}" -eq 1 ]
  [[ "${output}" == *"error: manifest directory '${MANIFESTS_DIR}/gateway' not found (fix: check out the complete repository or set MANIFESTS_DIR)" ]]
  refute_called_containing "/samples"
}

@test "deploy.sh takes the Gateway API CRDs from a local file" {
  export STUB_KIND_CLUSTERS=devops STUB_KUBE_CONTEXTS=kind-devops
  make_manifests gateway/ samples/
  local crds="${BATS_TEST_TMPDIR}/standard-install.yaml"
  : >"${crds}"
  GATEWAY_API_CRDS="${crds}" run "${LAB}/deploy.sh"
  [ "${status}" -eq 0 ]
  assert_called "${K} apply --server-side --force-conflicts -f ${crds}"
}
