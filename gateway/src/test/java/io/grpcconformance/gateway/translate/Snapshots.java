package io.grpcconformance.gateway.translate;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClass;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ReferenceGrant;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClass;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Test helper: builds a {@link GatewaySnapshot} from multi-document YAML. A value
 * {@code ${base64:certs/NAME}} is replaced by the base64 of the test resource
 * {@code translate/certs/NAME} (so Secrets can carry the committed test PEMs).
 */
final class Snapshots {
  private static final Pattern BASE64 = Pattern.compile("\\$\\{base64:([A-Za-z0-9_./-]+)}");

  private Snapshots() {}

  static GatewaySnapshot fromYaml(String yaml) {
    Object parsed = Serialization.unmarshal(expand(yaml));
    List<?> objects = parsed instanceof List<?> l ? l : List.of(parsed);
    List<GatewayClass> classes = new ArrayList<>();
    List<Gateway> gateways = new ArrayList<>();
    List<GRPCRoute> grpc = new ArrayList<>();
    List<HTTPRoute> http = new ArrayList<>();
    List<ReferenceGrant> grants = new ArrayList<>();
    List<Namespace> namespaces = new ArrayList<>();
    List<Service> services = new ArrayList<>();
    List<EndpointSlice> slices = new ArrayList<>();
    List<Secret> secrets = new ArrayList<>();
    List<Ingress> ingresses = new ArrayList<>();
    List<IngressClass> ingressClasses = new ArrayList<>();
    for (Object o : objects) {
      if (o == null) {
        continue;
      }
      if (o instanceof GatewayClass x) {
        classes.add(x);
      } else if (o instanceof Gateway x) {
        gateways.add(x);
      } else if (o instanceof GRPCRoute x) {
        grpc.add(x);
      } else if (o instanceof HTTPRoute x) {
        http.add(x);
      } else if (o instanceof ReferenceGrant x) {
        grants.add(x);
      } else if (o instanceof Namespace x) {
        namespaces.add(x);
      } else if (o instanceof Service x) {
        services.add(x);
      } else if (o instanceof EndpointSlice x) {
        slices.add(x);
      } else if (o instanceof Secret x) {
        secrets.add(x);
      } else if (o instanceof Ingress x) {
        ingresses.add(x);
      } else if (o instanceof IngressClass x) {
        ingressClasses.add(x);
      } else {
        throw new IllegalArgumentException("unexpected document " + o.getClass());
      }
    }
    return new GatewaySnapshot(classes, gateways, grpc, http, grants, namespaces, services, slices,
        secrets, ingresses, ingressClasses);
  }

  static String expand(String yaml) {
    Matcher m = BASE64.matcher(yaml);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(out, Base64.getEncoder().encodeToString(resource(m.group(1))));
    }
    m.appendTail(out);
    return out.toString();
  }

  static byte[] resource(String path) {
    try (InputStream in = Snapshots.class.getResourceAsStream("/translate/" + path)) {
      if (in == null) {
        throw new IllegalArgumentException("no test resource translate/" + path);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String resourceText(String path) {
    return new String(resource(path), StandardCharsets.UTF_8);
  }
}
