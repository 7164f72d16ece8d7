package io.grpcconformance.harness.k8s;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Listener;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ListenerBuilder;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Builds Gateways from the listener tables scenarios write, e.g.
 *
 * <pre>
 * | name  | protocol | port | hostname      | certificate | routes from        |
 * | https | HTTPS    | 443  | a.example.com | a-tls       | Same               |
 * | all   | HTTP     | 80   |               |             | Selector team=grpc |
 * </pre>
 */
public final class GatewayManifests {

  private GatewayManifests() {}

  /**
   * One listener row.
   *
   * @param name listener name
   * @param protocol HTTP or HTTPS (anything else is passed through, to test refusal)
   * @param port declared port
   * @param hostname listener hostname; empty for none
   * @param certificate name of a TLS Secret in the Gateway's namespace (HTTPS); empty for none
   * @param routesFrom {@code Same} (default), {@code All}, or {@code Selector key=value}
   */
  public record ListenerRow(
      String name,
      String protocol,
      int port,
      String hostname,
      String certificate,
      String routesFrom) {
    public ListenerRow {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(protocol, "protocol");
      hostname = hostname == null ? "" : hostname.trim();
      certificate = certificate == null ? "" : certificate.trim();
      routesFrom = routesFrom == null || routesFrom.isBlank() ? "Same" : routesFrom.trim();
    }

    /** A row from a table line keyed by the column headers above. */
    public static ListenerRow of(Map<String, String> row) {
      String port = row.get("port");
      if (port == null || !port.trim().matches("\\d+")) {
        throw new IllegalArgumentException(
            "listener " + row.get("name") + ": port '" + port + "' is not a number");
      }
      return new ListenerRow(
          row.get("name"),
          row.get("protocol"),
          Integer.parseInt(port.trim()),
          row.get("hostname"),
          row.get("certificate"),
          row.get("routes from"));
    }
  }

  /** A Gateway of class {@code gatewayClass} with the listeners of {@code rows}. */
  public static Gateway gateway(
      String namespace, String name, String gatewayClass, List<ListenerRow> rows) {
    return new GatewayBuilder()
        .withNewMetadata()
        .withNamespace(namespace)
        .withName(name)
        .endMetadata()
        .withNewSpec()
        .withGatewayClassName(gatewayClass)
        .withListeners(rows.stream().map(GatewayManifests::listener).toList())
        .endSpec()
        .build();
  }

  private static Listener listener(ListenerRow row) {
    ListenerBuilder b =
        new ListenerBuilder()
            .withName(row.name())
            .withProtocol(row.protocol())
            .withPort(row.port());
    if (!row.hostname().isEmpty()) {
      b.withHostname(row.hostname());
    }
    if (!row.certificate().isEmpty()) {
      b.withNewTls()
          .withMode("Terminate")
          .addNewCertificateRef()
          .withKind("Secret")
          .withGroup("")
          .withName(row.certificate())
          .endCertificateRef()
          .endTls();
    }
    String from = row.routesFrom();
    if (from.startsWith("Selector")) {
      String[] kv = from.substring("Selector".length()).trim().split("=", 2);
      if (kv.length != 2) {
        throw new IllegalArgumentException(
            "listener "
                + row.name()
                + ": 'routes from' must be 'Selector key=value', got '"
                + from
                + "'");
      }
      b.withNewAllowedRoutes()
          .withNewNamespaces()
          .withFrom("Selector")
          .withNewSelector()
          .addToMatchLabels(kv[0].trim(), kv[1].trim())
          .endSelector()
          .endNamespaces()
          .endAllowedRoutes();
    } else {
      b.withNewAllowedRoutes()
          .withNewNamespaces()
          .withFrom(from)
          .endNamespaces()
          .endAllowedRoutes();
    }
    return b.build();
  }
}
