#!/usr/bin/env bats
# lab/down.sh and lab/status.sh against stub kind/kubectl.

load test_helper

@test "down.sh deletes the cluster when it exists" {
  export STUB_KIND_CLUSTERS="devops"
  run "${LAB}/down.sh"
  [ "${status}" -eq 0 ]
  assert_called "kind delete cluster --name devops"
}

@test "down.sh succeeds without deleting anything when the cluster is absent" {
  export STUB_KIND_CLUSTERS="other"
  run "${LAB}/down.sh"
  [ "${status}" -eq 0 ]
  refute_called_containing "delete"
  [ "${output}" = "lab/down.sh: cluster 'devops' does not exist; nothing to delete" ]
}

@test "status.sh reports an absent cluster in one line and exits 1" {
  run "${LAB}/status.sh"
  [ "${status}" -eq 1 ]
  [ "${output}" = "lab/status.sh: error: cluster 'devops' does not exist (fix: lab/up.sh)" ]
}

@test "status.sh only reads, through the lab's context" {
  export STUB_KIND_CLUSTERS="devops" STUB_KUBE_CONTEXTS="kind-devops"
  run "${LAB}/status.sh"
  [ "${status}" -eq 0 ]
  [[ "${output}" == "cluster devops: present (context kind-devops)"* ]]
  assert_called "kubectl --context kind-devops get nodes -o wide"
  [ -z "$(grep '^kubectl' "${STUB_LOG}" | grep -v -e '^kubectl config get-contexts' -e '^kubectl --context kind-devops get ' -e '^kubectl --context kind-devops -n [a-z-]* get ')" ]
}

@test "every script answers --help with a usage text and touches no tool" {
  local script
  for script in up down load-images deploy run status; do
    run "${LAB}/${script}.sh" --help
    [ "${status}" -eq 0 ]
    [[ "${output}" == "Usage: lab/${script}.sh"* ]]
  done
  [ ! -s "${STUB_LOG}" ]
}

@test "cluster-config.yaml: kind Cluster devops, no default CNI, podSubnet, 1 control-plane and 2 workers" {
  local config="${REPO}/cluster-config.yaml"
  grep -qx "kind: Cluster" "${config}"
  grep -qx "apiVersion: kind.x-k8s.io/v1alpha4" "${config}"
  grep -qx "name: devops" "${config}"
  grep -qE "^  disableDefaultCNI: true$" "${config}"
  [ "$(grep -cE '^  - role: control-plane$' "${config}")" -eq 1 ]
  [ "$(grep -cE '^  - role: worker$' "${config}")" -eq 2 ]
  run bash -c "source '${LAB}/lib.sh' && lab::config::pod_subnet"
  [ "${output}" = "10.244.0.0/16" ]
}
