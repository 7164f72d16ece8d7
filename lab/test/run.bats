#!/usr/bin/env bats
# lab/run.sh argument handling against stub mvn/kubectl.

load test_helper

MVN_PREFIX="mvn -B verify -pl steps -am -Dconformance.env=kubeconfig -Dconformance.kubeContext=kind-devops"

@test "run.sh without arguments runs every feature against kind-devops" {
  export STUB_KUBE_CONTEXTS="kind-devops"
  run "${LAB}/run.sh"
  [ "${status}" -eq 0 ]
  assert_called "${MVN_PREFIX}"
}

@test "run.sh passes a tag expression as cucumber.filter.tags" {
  export STUB_KUBE_CONTEXTS="kind-devops"
  run "${LAB}/run.sh" "@grpcroute and not @extended"
  [ "${status}" -eq 0 ]
  assert_called "${MVN_PREFIX} -Dcucumber.filter.tags=@grpcroute\\ and\\ not\\ @extended"
}

@test "run.sh passes a feature file (with a line) as an absolute cucumber.features path" {
  export STUB_KUBE_CONTEXTS="kind-devops" REPO_ROOT="${BATS_TEST_TMPDIR}/repo"
  mkdir -p "${REPO_ROOT}/features"
  : >"${REPO_ROOT}/features/grpcroute.feature"
  run "${LAB}/run.sh" features/grpcroute.feature:12 -- -Dconformance.gatewayClass=other
  [ "${status}" -eq 0 ]
  assert_called "${MVN_PREFIX} -Dcucumber.features=${REPO_ROOT}/features/grpcroute.feature:12 -Dconformance.gatewayClass=other"
}

@test "run.sh rejects a missing feature file, a second selection and an unknown option" {
  export STUB_KUBE_CONTEXTS="kind-devops"
  run "${LAB}/run.sh" features/nope.feature
  [ "${status}" -eq 1 ]
  [[ "${output}" == *"error: feature file 'features/nope.feature' not found"* ]]

  run "${LAB}/run.sh" @a @b
  [ "${status}" -eq 1 ]
  [[ "${output}" == *"error: only one feature file or tag expression may be given, got also '@b'"* ]]

  run "${LAB}/run.sh" --fast
  [ "${status}" -eq 1 ]
  [ "${output}" = "lab/run.sh: error: unknown option '--fast' (fix: lab/run.sh --help)" ]

  run "${LAB}/run.sh" grpcroute
  [ "${status}" -eq 1 ]
  [[ "${output}" == *"is neither a feature file (*.feature) nor a tag expression (@tag)"* ]]
  refute_called_containing "mvn"
}

@test "run.sh refuses to run when the kind-devops context does not exist" {
  export STUB_KUBE_CONTEXTS="prod-cluster"
  run "${LAB}/run.sh" @grpcroute
  [ "${status}" -eq 1 ]
  [ "${output}" = "lab/run.sh: error: kube context 'kind-devops' not found (fix: lab/up.sh, or kind export kubeconfig --name devops)" ]
  refute_called_containing "mvn"
}

@test "run.sh with a missing mvn names the tool" {
  export STUB_KUBE_CONTEXTS="kind-devops"
  PATH="$(path_without mvn)" run "${LAB}/run.sh"
  [ "${status}" -eq 1 ]
  [[ "${output}" == *"required tool 'mvn' not found on PATH (fix: install Maven 3.8+"* ]]
}
