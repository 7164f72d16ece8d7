#!/usr/bin/env bash
# Shows the state of the KIND lab: nodes, Calico, Gateway API CRDs, the gateway and the sample services.
set -euo pipefail

# shellcheck source=SCRIPTDIR/lib.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"

USAGE="Usage: lab/status.sh [--help]

Prints the state of the kind cluster '${CLUSTER_NAME}' (context ${KUBE_CONTEXT}): nodes, calico-node,
the Gateway API CRDs, the gateway (${GATEWAY_NAMESPACE}), the sample services, Gateways, GRPCRoutes, Ingresses
and NetworkPolicies. Read-only. Exits 1 with a one-line reason when the cluster does not exist.

Settings (environment): CLUSTER_NAME. See lab/README.md."

section() {
  printf '\n== %s\n' "$1"
}

main() {
  lab::maybe_help "${USAGE}" "$@"
  [[ $# -eq 0 ]] || lab::die "unexpected argument '$1' (fix: lab/status.sh --help)"
  lab::require kind kubectl
  lab::cluster::require

  printf 'cluster %s: present (context %s)\n' "${CLUSTER_NAME}" "${KUBE_CONTEXT}"
  section "nodes"
  lab::kubectl get nodes -o wide || true
  section "calico"
  lab::kubectl -n kube-system get daemonset/calico-node deployment/calico-kube-controllers || true
  section "gateway api crds"
  lab::kubectl get crd -l gateway.networking.k8s.io/bundle-version || true
  section "gateway (${GATEWAY_NAMESPACE})"
  lab::kubectl -n "${GATEWAY_NAMESPACE}" get deployments,services || true
  section "sample services (${LAB_PART_OF_LABEL})"
  lab::kubectl get deployments --all-namespaces -l "${LAB_PART_OF_LABEL}" || true
  section "gateways, grpcroutes, ingresses, networkpolicies"
  lab::kubectl get gateways.gateway.networking.k8s.io,grpcroutes.gateway.networking.k8s.io,ingresses,networkpolicies --all-namespaces || true
}

main "$@"
