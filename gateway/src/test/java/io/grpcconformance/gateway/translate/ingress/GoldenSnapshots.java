package io.grpcconformance.gateway.translate.ingress;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClass;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.grpcconformance.gateway.translate.GatewaySnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/** Reads a multi-document YAML golden input into a {@link GatewaySnapshot} (test-only loader). */
final class GoldenSnapshots {
  private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---\\s*$");

  private GoldenSnapshots() {}

  static GatewaySnapshot load(String yaml, UnaryOperator<Secret> secretResolver) {
    List<Namespace> namespaces = new ArrayList<>();
    List<Service> services = new ArrayList<>();
    List<EndpointSlice> slices = new ArrayList<>();
    List<Secret> secrets = new ArrayList<>();
    List<Ingress> ingresses = new ArrayList<>();
    List<IngressClass> ingressClasses = new ArrayList<>();
    for (String document : DOCUMENT_SEPARATOR.split(yaml)) {
      if (document.lines().allMatch(l -> l.isBlank() || l.trim().startsWith("#"))) {
        continue;
      }
      HasMetadata object = Serialization.unmarshal(document);
      if (object instanceof Namespace n) {
        namespaces.add(n);
      } else if (object instanceof Service s) {
        services.add(s);
      } else if (object instanceof EndpointSlice e) {
        slices.add(e);
      } else if (object instanceof Secret s) {
        secrets.add(secretResolver.apply(s));
      } else if (object instanceof Ingress i) {
        ingresses.add(i);
      } else if (object instanceof IngressClass c) {
        ingressClasses.add(c);
      } else {
        throw new IllegalArgumentException("unsupported golden document " + object.getKind());
      }
    }
    return new GatewaySnapshot(List.of(), List.of(), List.of(), List.of(), List.of(), namespaces,
        services, slices, secrets, ingresses, ingressClasses);
  }
}
