package io.grpcconformance.gateway.translate.ingress;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.grpcconformance.gateway.routing.WeightedBackend.BackendProtocol;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The ingress-nginx annotations this gateway honours, parsed once per Ingress. Like ingress-nginx,
 * an invalid value is reported and replaced by the default; the Ingress is still served.
 *
 * @param protocol how the backend is spoken to ({@code backend-protocol})
 * @param sslRedirect {@code ssl-redirect}, default true
 * @param forceSslRedirect {@code force-ssl-redirect}, default false
 */
record IngressAnnotations(
    BackendProtocol protocol, boolean sslRedirect, boolean forceSslRedirect) {

  /** ingress-nginx's default {@code --annotations-prefix}. */
  static final String PREFIX = "nginx.ingress.kubernetes.io/";
  static final String BACKEND_PROTOCOL = PREFIX + "backend-protocol";
  static final String SSL_REDIRECT = PREFIX + "ssl-redirect";
  static final String FORCE_SSL_REDIRECT = PREFIX + "force-ssl-redirect";

  /** Annotation defaults: HTTP backends, ssl-redirect on (configmap default "true"), no force. */
  static final IngressAnnotations DEFAULTS =
      new IngressAnnotations(BackendProtocol.HTTP1, true, false);

  // ingress-netpol.md A.1 "backend-protocol": the fixed list of valid values.
  private static final Set<String> VALID_PROTOCOLS =
      Set.of("HTTP", "HTTPS", "AUTO_HTTP", "GRPC", "GRPCS", "FCGI");

  static IngressAnnotations parse(Ingress ingress, List<String> problems) {
    Map<String, String> annotations = ingress.getMetadata().getAnnotations();
    if (annotations == null) {
      return DEFAULTS;
    }
    return new IngressAnnotations(
        protocol(ingress, annotations.get(BACKEND_PROTOCOL), problems),
        bool(ingress, SSL_REDIRECT, annotations.get(SSL_REDIRECT), true, problems),
        bool(ingress, FORCE_SSL_REDIRECT, annotations.get(FORCE_SSL_REDIRECT), false, problems));
  }

  /**
   * ingress-netpol.md A.1 "backend-protocol": the value is trimmed and compared case-insensitively
   * (backendprotocol/main.go); missing or invalid gives HTTP. GRPC → h2c, GRPCS → TLS; HTTP,
   * HTTPS, AUTO_HTTP and FCGI all make nginx speak HTTP/1.x (or FastCGI) to the pod, so a gRPC
   * call fails as it does behind nginx: modelled as {@link BackendProtocol#HTTP1}.
   */
  private static BackendProtocol protocol(Ingress ingress, String raw, List<String> problems) {
    if (raw == null) {
      return BackendProtocol.HTTP1;
    }
    String value = raw.trim().toUpperCase(Locale.ROOT);
    if (!VALID_PROTOCOLS.contains(value)) {
      problems.add(IngressNames.problem(ingress, "metadata.annotations[" + BACKEND_PROTOCOL + "]",
          "invalid value \"" + raw + "\" (valid: HTTP, HTTPS, AUTO_HTTP, GRPC, GRPCS, FCGI);"
              + " ingress-nginx falls back to HTTP"));
      return BackendProtocol.HTTP1;
    }
    if ((value.equals("GRPC") || value.equals("GRPCS")) && !raw.equals(value)) {
      // ingress-netpol.md A.1 "Case gotcha": only grpc_pass is chosen case-insensitively; the
      // grpc_set_header lines and grpc_*_timeout directives need the exact upper-case string.
      problems.add(IngressNames.problem(ingress, "metadata.annotations[" + BACKEND_PROTOCOL + "]",
          "\"" + raw + "\" is not upper case; ingress-nginx still uses grpc_pass but forwards no"
              + " Host/X-Forwarded-* headers and emits no grpc_*_timeout; write \"" + value + "\""));
    }
    return switch (value) {
      case "GRPC" -> BackendProtocol.H2C;
      case "GRPCS" -> BackendProtocol.TLS;
      default -> BackendProtocol.HTTP1;
    };
  }

  /** Go's strconv.ParseBool, which ingress-nginx's parser.GetBoolAnnotation uses. */
  private static boolean bool(Ingress ingress, String name, String raw, boolean defaultValue,
      List<String> problems) {
    if (raw == null) {
      return defaultValue;
    }
    switch (raw) {
      case "1", "t", "T", "TRUE", "true", "True":
        return true;
      case "0", "f", "F", "FALSE", "false", "False":
        return false;
      default:
        problems.add(IngressNames.problem(ingress, "metadata.annotations[" + name + "]",
            "invalid boolean \"" + raw + "\"; using the default " + defaultValue));
        return defaultValue;
    }
  }
}
