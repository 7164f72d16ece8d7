package io.grpcconformance.gateway.translate;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Lookups over one {@link GatewaySnapshot}, built once per translation. */
final class SnapshotIndex {

  /** The label the API server puts on every Namespace (and that selectors commonly use). */
  static final String NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";

  /** The label that ties an EndpointSlice to its Service. */
  static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";

  private final GatewaySnapshot snapshot;
  private final Map<String, Map<String, String>> namespaceLabels = new HashMap<>();
  private final Map<String, Service> services = new HashMap<>();
  private final Map<String, Secret> secrets = new HashMap<>();
  private final Map<String, List<EndpointSlice>> slicesByService = new HashMap<>();
  private final ReferenceGrants grants;

  SnapshotIndex(GatewaySnapshot snapshot) {
    this.snapshot = snapshot;
    for (Namespace ns : snapshot.namespaces()) {
      namespaceLabels.put(Meta.name(ns), Meta.labels(ns));
    }
    for (Service s : snapshot.services()) {
      services.put(Meta.key(s), s);
    }
    for (Secret s : snapshot.secrets()) {
      secrets.put(Meta.key(s), s);
    }
    List<EndpointSlice> slices = new ArrayList<>(snapshot.endpointSlices());
    slices.sort(Comparator.comparing(Meta::key));
    for (EndpointSlice slice : slices) {
      String svc = Meta.labels(slice).get(SERVICE_NAME_LABEL);
      if (svc != null) {
        slicesByService.computeIfAbsent(Meta.namespace(slice) + "/" + svc, k -> new ArrayList<>())
            .add(slice);
      }
    }
    this.grants = new ReferenceGrants(snapshot.referenceGrants());
  }

  GatewaySnapshot snapshot() {
    return snapshot;
  }

  ReferenceGrants grants() {
    return grants;
  }

  /**
   * The labels of a namespace, plus {@value #NAMESPACE_NAME_LABEL} which the API server sets on
   * every Namespace; a namespace absent from the snapshot (manifests folders often omit Namespace
   * documents) has only that label.
   */
  Map<String, String> namespaceLabels(String namespace) {
    Map<String, String> out =
        new LinkedHashMap<>(namespaceLabels.getOrDefault(namespace, Map.of()));
    out.putIfAbsent(NAMESPACE_NAME_LABEL, namespace);
    return out;
  }

  Service service(String namespace, String name) {
    return services.get(namespace + "/" + name);
  }

  Secret secret(String namespace, String name) {
    return secrets.get(namespace + "/" + name);
  }

  /** EndpointSlices labelled for the Service, sorted by name. */
  List<EndpointSlice> endpointSlices(String namespace, String serviceName) {
    return slicesByService.getOrDefault(namespace + "/" + serviceName, List.of());
  }

  /** Objects sorted by "{namespace}/{name}" for deterministic iteration. */
  static <T extends HasMetadata> List<T> sortedByKey(List<T> objects) {
    List<T> out = new ArrayList<>(objects);
    out.sort(Comparator.comparing(Meta::key));
    return out;
  }
}
