#!/usr/bin/env bats
# lab/up.sh against stub kind/kubectl/docker.

load test_helper

CALICO_URL="https://raw.githubusercontent.com/projectcalico/calico/v3.32.1/manifests/calico.yaml"
NODE_IMAGE="kindest/node:v1.36.1@sha256:3489c7674813ba5d8b1a9977baea8a6e553784dab7b84759d1014dbd78f7ebd5"

@test "up.sh creates the cluster from cluster-config.yaml when it does not exist" {
  export STUB_KUBE_CONTEXTS="kind-devops"
  run "${LAB}/up.sh"
  [ "${status}" -eq 0 ]
  assert_called "kind create cluster --name devops --config ${REPO}/cluster-config.yaml --image ${NODE_IMAGE}"
  assert_called "kubectl --context kind-devops apply --server-side --force-conflicts -f ${CALICO_URL}"
  assert_called "kubectl --context kind-devops -n kube-system rollout status daemonset/calico-node --timeout=300s"
  assert_called "kubectl --context kind-devops -n kube-system rollout status deployment/calico-kube-controllers --timeout=300s"
  assert_called "kubectl --context kind-devops wait --for=condition=Ready node --all --timeout=300s"
  assert_called "kubectl --context kind-devops -n kube-system rollout status deployment/coredns --timeout=300s"
  # Calico is applied only after the cluster exists, and waited for after it is applied.
  create="$(call_index "kind create cluster --name devops --config ${REPO}/cluster-config.yaml --image ${NODE_IMAGE}")"
  apply="$(call_index "kubectl --context kind-devops apply --server-side --force-conflicts -f ${CALICO_URL}")"
  wait_calico="$(call_index "kubectl --context kind-devops -n kube-system rollout status daemonset/calico-node --timeout=300s")"
  [ "${create}" -lt "${apply}" ]
  [ "${apply}" -lt "${wait_calico}" ]
}

@test "up.sh does not create a cluster that already exists (idempotent)" {
  export STUB_KIND_CLUSTERS="other devops"
  run "${LAB}/up.sh"
  [ "${status}" -eq 0 ]
  refute_called_containing "kind create"
  assert_called "kind export kubeconfig --name devops"
  [[ "${output}" == *"cluster 'devops' already exists; not creating it"* ]]
}

@test "up.sh with a missing kind fails with one line naming the tool and the fix, calling nothing" {
  PATH="$(path_without kind)" run "${LAB}/up.sh"
  [ "${status}" -eq 1 ]
  [ "${output}" = "lab/up.sh: error: required tool 'kind' not found on PATH (fix: install kind v0.32.0: https://kind.sigs.k8s.io/docs/user/quick-start/#installation)" ]
  [ ! -s "${STUB_LOG}" ]
}

@test "up.sh with an unreachable Docker daemon fails with the reason and the fix" {
  export STUB_DOCKER_DOWN=1
  run "${LAB}/up.sh"
  [ "${status}" -eq 1 ]
  [ "${output}" = "lab/up.sh: error: Docker daemon not reachable (fix: start Docker, or check DOCKER_HOST)" ]
  refute_called_containing "kind create"
}

@test "up.sh never sets FELIX_IGNORELOOSERPF and never uses a context other than kind-devops" {
  run "${LAB}/up.sh"
  [ "${status}" -eq 0 ]
  refute_called_containing "FELIX_IGNORELOOSERPF"
  refute_called_containing "set env"
  [ -z "$(grep '^kubectl' "${STUB_LOG}" | grep -v '^kubectl --context kind-devops ')" ]
}

@test "up.sh fails when Calico's pool differs from the cluster config's podSubnet" {
  export STUB_IPPOOLS="192.168.0.0/16"
  run "${LAB}/up.sh"
  [ "${status}" -eq 1 ]
  [[ "${output}" == *"error: Calico IP pool is '192.168.0.0/16', expected the podSubnet 10.244.0.0/16 (fix: lab/down.sh && lab/up.sh; the pool is created only once)" ]]
}

@test "up.sh takes Calico from a local file, and rejects a file that does not exist" {
  local manifest="${BATS_TEST_TMPDIR}/calico.yaml"
  : >"${manifest}"
  CALICO_MANIFEST="${manifest}" run "${LAB}/up.sh"
  [ "${status}" -eq 0 ]
  assert_called "kubectl --context kind-devops apply --server-side --force-conflicts -f ${manifest}"

  : >"${STUB_LOG}"
  CALICO_MANIFEST="${BATS_TEST_TMPDIR}/absent.yaml" run "${LAB}/up.sh"
  [ "${status}" -eq 1 ]
  [[ "${output}" == *"error: CALICO_MANIFEST file '${BATS_TEST_TMPDIR}/absent.yaml' not found"* ]]
  refute_called_containing "kind create"
}

@test "up.sh honours CLUSTER_NAME for the cluster and its context" {
  CLUSTER_NAME=lab2 run "${LAB}/up.sh"
  [ "${status}" -eq 0 ]
  assert_called "kind create cluster --name lab2 --config ${REPO}/cluster-config.yaml --image ${NODE_IMAGE}"
  assert_called "kubectl --context kind-lab2 wait --for=condition=Ready node --all --timeout=300s"
}

@test "up.sh stops at the first failing step with a non-zero status" {
  export STUB_FAIL="kubectl*rollout status daemonset/calico-node*"
  run "${LAB}/up.sh"
  [ "${status}" -ne 0 ]
  refute_called_containing "coredns"
}
