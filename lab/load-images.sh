#!/usr/bin/env bash
# Loads the suite's locally built images (sample-services, gateway) into every node of the KIND lab.
set -euo pipefail

# shellcheck source=SCRIPTDIR/lib.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"

USAGE="Usage: lab/load-images.sh [--help] [IMAGE ...]

Loads images from the local Docker daemon into the nodes of the kind cluster '${CLUSTER_NAME}'.
Default images: ${LAB_IMAGES}
Build them first with: ${BUILD_IMAGES_CMD}

LOAD_MODE=auto (default) uses 'kind load docker-image', or, when Docker uses the containerd image store
(kind#3795: 'content digest ... not found'), 'docker save --platform linux/<arch>' followed by
'kind load image-archive'; LOAD_MODE=docker-image or LOAD_MODE=image-archive forces one way.
Safe to run again: kind skips nodes that already hold the same image.

Settings (environment): CLUSTER_NAME, IMAGE_REGISTRY, IMAGE_TAG, LAB_IMAGES, LOAD_MODE. See lab/README.md."

# True when the Docker daemon stores images in containerd (the containerd snapshotter).
uses_containerd_store() {
  local status
  status="$(docker info --format '{{json .DriverStatus}}' 2>/dev/null || true)"
  [[ "${status}" == *"io.containerd.snapshotter"* ]]
}

# docker save (one platform) + kind load image-archive; the workaround of kind PR #4247.
load_via_archive() {
  local image="$1" arch tmp
  arch="$(docker version --format '{{.Server.Arch}}')"
  tmp="$(mktemp -d)"
  # shellcheck disable=SC2064 # expand tmp now: the trap must remove this directory
  trap "rm -rf '${tmp}'" RETURN
  docker save --platform "linux/${arch}" -o "${tmp}/image.tar" "${image}" \
    || lab::die "docker save of '${image}' failed (fix: Docker >= 28 is needed for --platform; or LOAD_MODE=docker-image)"
  kind load image-archive "${tmp}/image.tar" --name "${CLUSTER_NAME}" \
    || lab::die "kind load image-archive of '${image}' failed (fix: see the kind output above)"
}

load_image() {
  local image="$1" mode="$2"
  docker image inspect "${image}" >/dev/null 2>&1 \
    || lab::die "image '${image}' is not in the local Docker daemon (fix: ${BUILD_IMAGES_CMD})"
  case "${mode}" in
    image-archive)
      lab::log "loading ${image} (docker save + kind load image-archive)"
      load_via_archive "${image}"
      ;;
    docker-image)
      lab::log "loading ${image} (kind load docker-image)"
      kind load docker-image "${image}" --name "${CLUSTER_NAME}" \
        || lab::die "kind load docker-image '${image}' failed (fix: LOAD_MODE=image-archive lab/load-images.sh)"
      ;;
    auto)
      lab::log "loading ${image} (kind load docker-image)"
      if ! kind load docker-image "${image}" --name "${CLUSTER_NAME}"; then
        lab::log "kind load docker-image failed for ${image}; retrying with docker save + kind load image-archive"
        load_via_archive "${image}"
      fi
      ;;
  esac
}

main() {
  lab::maybe_help "${USAGE}" "$@"
  local -a images
  [[ "${1:-}" != -* ]] || lab::die "unknown option '$1' (fix: lab/load-images.sh --help)"
  if [[ $# -gt 0 ]]; then
    images=("$@")
  else
    read -r -a images <<<"${LAB_IMAGES}"
  fi

  case "${LOAD_MODE}" in
    auto | docker-image | image-archive) ;;
    *) lab::die "unknown LOAD_MODE '${LOAD_MODE}' (fix: use auto, docker-image or image-archive)" ;;
  esac

  lab::require kind docker
  lab::require_docker_daemon
  lab::cluster::exists || lab::die "cluster '${CLUSTER_NAME}' does not exist (fix: lab/up.sh)"

  local mode="${LOAD_MODE}"
  if [[ "${mode}" == "auto" ]] && uses_containerd_store; then
    lab::log "Docker uses the containerd image store; loading through image archives (kind#3795)"
    mode="image-archive"
  fi

  local image
  for image in "${images[@]}"; do
    load_image "${image}" "${mode}"
  done
  lab::log "loaded ${#images[@]} image(s) into '${CLUSTER_NAME}'; next: lab/deploy.sh"
}

main "$@"
