#!/usr/bin/env bats
# lab/load-images.sh against stub kind/docker.

load test_helper

SAMPLES="grpc-conformance/sample-services:0.1.0"
GATEWAY="grpc-conformance/gateway:0.1.0"

@test "load-images.sh loads both images with kind load docker-image" {
  export STUB_KIND_CLUSTERS=devops STUB_DOCKER_IMAGES="${SAMPLES} ${GATEWAY}"
  run "${LAB}/load-images.sh"
  [ "${status}" -eq 0 ]
  assert_called "kind load docker-image ${SAMPLES} --name devops"
  assert_called "kind load docker-image ${GATEWAY} --name devops"
  refute_called_containing "docker save"
}

@test "load-images.sh names the missing image and the Jib command that builds it" {
  export STUB_KIND_CLUSTERS=devops STUB_DOCKER_IMAGES="${SAMPLES}"
  run "${LAB}/load-images.sh"
  [ "${status}" -eq 1 ]
  [[ "${output}" == *"error: image '${GATEWAY}' is not in the local Docker daemon (fix: mvn -B -pl sample-services,gateway -am -DskipTests package jib:dockerBuild)" ]]
}

@test "load-images.sh uses docker save --platform + kind load image-archive with the containerd image store" {
  export STUB_KIND_CLUSTERS=devops STUB_DOCKER_IMAGES="${SAMPLES} ${GATEWAY}" STUB_DOCKER_STORE=containerd
  run "${LAB}/load-images.sh"
  [ "${status}" -eq 0 ]
  grep -qE "^docker save --platform linux/amd64 -o .*/image.tar ${SAMPLES}$" "${STUB_LOG}"
  grep -qE "^kind load image-archive .*/image.tar --name devops$" "${STUB_LOG}"
  refute_called_containing "kind load docker-image"
}

@test "load-images.sh falls back to an image archive when kind load docker-image fails" {
  export STUB_KIND_CLUSTERS=devops STUB_DOCKER_IMAGES="${SAMPLES}" STUB_FAIL="kind load docker-image*"
  run "${LAB}/load-images.sh" "${SAMPLES}"
  [ "${status}" -eq 0 ]
  assert_called "kind load docker-image ${SAMPLES} --name devops"
  grep -qE "^kind load image-archive .*/image.tar --name devops$" "${STUB_LOG}"
}

@test "load-images.sh fails with the fix when the cluster does not exist" {
  export STUB_DOCKER_IMAGES="${SAMPLES} ${GATEWAY}"
  run "${LAB}/load-images.sh"
  [ "${status}" -eq 1 ]
  [ "${output}" = "lab/load-images.sh: error: cluster 'devops' does not exist (fix: lab/up.sh)" ]
  refute_called_containing "kind load"
}

@test "load-images.sh rejects an unknown LOAD_MODE before touching anything" {
  LOAD_MODE=registry run "${LAB}/load-images.sh"
  [ "${status}" -eq 1 ]
  [ "${output}" = "lab/load-images.sh: error: unknown LOAD_MODE 'registry' (fix: use auto, docker-image or image-archive)" ]
  [ ! -s "${STUB_LOG}" ]
}
