#!/usr/bin/env bash
# Runs the conformance suite against the KIND lab (environment kubeconfig, context kind-devops).
set -euo pipefail

# shellcheck source=SCRIPTDIR/lib.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"

# Maven goals and flags before the suite's own properties.
RUN_MVN_ARGS="${RUN_MVN_ARGS:--B verify -pl steps -am}"

USAGE="Usage: lab/run.sh [--help] [FEATURE_FILE[:LINE] | @TAG_EXPRESSION] [-- MAVEN_ARGS...]

Runs the suite against the lab cluster:
  ${MVN} ${RUN_MVN_ARGS} -Dconformance.env=kubeconfig -Dconformance.kubeContext=${KUBE_CONTEXT} [selection]

  lab/run.sh                                  every feature
  lab/run.sh features/grpcroute.feature       one feature file (-Dcucumber.features=<absolute path>)
  lab/run.sh @grpcroute                       a tag expression (-Dcucumber.filter.tags=...)
  lab/run.sh '@grpcroute and not @extended'   quote expressions with spaces
  lab/run.sh @tls -- -Dconformance.gatewayClass=other   extra Maven arguments after --

Settings (environment): CLUSTER_NAME, MVN, RUN_MVN_ARGS. See lab/README.md."

# Prints the Maven property that selects ARG (a tag expression or a feature file).
selection_property() {
  local arg="$1"
  if [[ "${arg}" == @* ]]; then
    printf -- '-Dcucumber.filter.tags=%s\n' "${arg}"
    return 0
  fi
  [[ "${arg}" != -* ]] || lab::die "unknown option '${arg}' (fix: lab/run.sh --help)"
  local file="${arg%:[0-9]*}" suffix=""
  [[ "${file}" != "${arg}" ]] && suffix="${arg#"${file}"}"
  [[ "${file}" == *.feature ]] \
    || lab::die "'${arg}' is neither a feature file (*.feature) nor a tag expression (@tag) (fix: lab/run.sh --help)"
  local path
  if [[ -f "${file}" ]]; then
    path="$(cd "$(dirname "${file}")" && pwd)/$(basename "${file}")"
  elif [[ -f "${REPO_ROOT}/${file}" ]]; then
    path="${REPO_ROOT}/${file}"
  else
    lab::die "feature file '${file}' not found (fix: give a path relative to the repository root, e.g. features/<name>.feature)"
  fi
  printf -- '-Dcucumber.features=%s%s\n' "${path}" "${suffix}"
}

main() {
  lab::maybe_help "${USAGE}" "$@"
  local -a selection=() extra=()
  while [[ $# -gt 0 ]]; do
    if [[ "$1" == "--" ]]; then
      shift
      extra=("$@")
      break
    fi
    [[ ${#selection[@]} -eq 0 ]] || lab::die "only one feature file or tag expression may be given, got also '$1' (fix: combine tags, e.g. '@a or @b')"
    selection=("$(selection_property "$1")")
    shift
  done

  lab::require "${MVN}" kubectl
  lab::context::exists || lab::die "kube context '${KUBE_CONTEXT}' not found (fix: lab/up.sh, or kind export kubeconfig --name ${CLUSTER_NAME})"

  local -a mvn_args
  read -r -a mvn_args <<<"${RUN_MVN_ARGS}"
  cd "${REPO_ROOT}"
  lab::log "running the suite against ${KUBE_CONTEXT}"
  exec "${MVN}" "${mvn_args[@]}" \
    -Dconformance.env=kubeconfig \
    "-Dconformance.kubeContext=${KUBE_CONTEXT}" \
    ${selection[@]+"${selection[@]}"} \
    ${extra[@]+"${extra[@]}"}
}

main "$@"
