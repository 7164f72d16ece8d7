# Shared setup for the lab's bats tests: stub kind/kubectl/docker/mvn first on PATH, a call log per test.

LAB="$(cd "${BATS_TEST_DIRNAME}/.." && pwd)"
REPO="$(cd "${LAB}/.." && pwd)"
STUBS="${BATS_TEST_DIRNAME}/stubs"

setup() {
  export STUB_LOG="${BATS_TEST_TMPDIR}/calls.log"
  : >"${STUB_LOG}"
  export PATH="${STUBS}:${PATH}"
  # Settings the scripts read; every test starts from the defaults.
  unset CLUSTER_NAME CLUSTER_CONFIG KUBE_CONTEXT CALICO_MANIFEST GATEWAY_API_CRDS LAB_IMAGES LOAD_MODE \
    MANIFESTS_DIR LAB_EXAMPLE_FILES LAB_NETPOL_FILES GATEWAY_NAMESPACE SAMPLES_NAMESPACE STUB_FAIL STUB_KIND_CLUSTERS STUB_KUBE_CONTEXTS STUB_IPPOOLS \
    STUB_DOCKER_DOWN STUB_DOCKER_STORE STUB_DOCKER_IMAGES RUN_MVN_ARGS
}

# The recorded calls, one per line.
calls() {
  cat "${STUB_LOG}"
}

# Asserts that the exact call line was recorded.
assert_called() {
  if ! grep -qxF -- "$1" "${STUB_LOG}"; then
    printf 'expected call:\n  %s\nrecorded calls:\n%s\n' "$1" "$(sed 's/^/  /' "${STUB_LOG}")" >&2
    return 1
  fi
}

# Asserts that no recorded call contains the text.
refute_called_containing() {
  if grep -qF -- "$1" "${STUB_LOG}"; then
    printf 'unexpected call containing %s:\n%s\n' "$1" "$(grep -F -- "$1" "${STUB_LOG}")" >&2
    return 1
  fi
}

# The line number of the first call equal to the text (for ordering assertions).
call_index() {
  grep -nxF -- "$1" "${STUB_LOG}" | head -n 1 | cut -d: -f1
}

# A PATH holding the basic tools the scripts use and the stubs except the named ones.
path_without() {
  local dir="${BATS_TEST_TMPDIR}/bin" tool
  mkdir -p "${dir}"
  for tool in bash env dirname basename sed head grep cut mktemp rm cat; do
    ln -sf "$(command -v "${tool}")" "${dir}/${tool}"
  done
  for tool in kind kubectl docker mvn; do
    if [[ " $* " != *" ${tool} "* ]]; then
      ln -sf "${STUBS}/stub" "${dir}/${tool}"
    fi
  done
  printf '%s\n' "${dir}"
}
