package io.grpcconformance.gateway.translate.ingress;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressStatus;
import io.fabric8.kubernetes.api.model.networking.v1.IngressStatusBuilder;
import io.grpcconformance.gateway.routing.PortRoutes;
import io.grpcconformance.gateway.routing.ServerCertificate;
import io.grpcconformance.gateway.tls.FakeCertificate;
import io.grpcconformance.gateway.translate.GatewaySnapshot;
import io.grpcconformance.gateway.translate.TranslatorConfig;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Translates networking.k8s.io/v1 Ingresses of our classes into the Ingress HTTP and HTTPS ports,
 * with ingress-nginx's gRPC behaviour (reference: ingress-netpol.md Part A): host and path rules
 * with nginx's location precedence, {@code spec.defaultBackend}, {@code backend-protocol}, TLS
 * Secrets chosen by host with a fallback certificate, and {@code ssl-redirect} / {@code
 * force-ssl-redirect}.
 *
 * <p>Pure apart from one documented exception: no client, no randomness, and the only clock read
 * is the expiry warning for a served certificate (see {@link IngressCertificates}); tests pass a
 * fixed {@link Clock}. The fallback certificate is generated outside, once. Thread-safe: immutable.
 */
public final class IngressTranslator {
  private final ServerCertificate fallbackCertificate;
  private final Clock clock;

  /** Uses the JVM-wide {@link FakeCertificate} (generated on first use) and the system clock. */
  public IngressTranslator() {
    this(FakeCertificate.get());
  }

  /** Presents {@code fallbackCertificate} for unknown SNI and hosts without a usable Secret. */
  public IngressTranslator(ServerCertificate fallbackCertificate) {
    this(fallbackCertificate, Clock.systemUTC());
  }

  /** As {@link #IngressTranslator(ServerCertificate)}, reading expiry time from {@code clock}. */
  public IngressTranslator(ServerCertificate fallbackCertificate, Clock clock) {
    Objects.requireNonNull(fallbackCertificate, "fallbackCertificate");
    // The fallback answers any SNI.
    this.fallbackCertificate = new ServerCertificate("", fallbackCertificate.chain(),
        fallbackCertificate.key(), fallbackCertificate.source());
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The certificate presented when no host certificate applies. */
  public ServerCertificate fallbackCertificate() {
    return fallbackCertificate;
  }

  /** Translates the Ingresses of {@code snapshot}; bad input becomes problem lines, never throws. */
  public IngressTranslation translate(GatewaySnapshot snapshot, TranslatorConfig config) {
    List<String> problems = new ArrayList<>();
    IngressClassFilter classes = new IngressClassFilter(config, snapshot.ingressClasses());
    List<Ingress> served = snapshot.ingresses().stream()
        .filter(i -> i.getMetadata() != null && i.getMetadata().getName() != null)
        .filter(classes::isServed)
        .sorted(OLDEST_FIRST)
        .toList();
    if (served.isEmpty()) {
      // Nothing to serve: do not open the Ingress ports at all.
      return new IngressTranslation(Map.of(), List.of(), problems);
    }
    Map<Ingress, IngressAnnotations> annotations = new IdentityHashMap<>();
    for (Ingress ingress : served) {
      annotations.put(ingress, IngressAnnotations.parse(ingress, problems));
    }
    IngressCertificates certificates =
        new IngressCertificates(snapshot.secrets(), fallbackCertificate, clock.instant());
    Map<String, IngressServer> servers = new IngressServers(new BackendResolver(snapshot),
        certificates, annotations, problems).build(served);

    IngressRoutes routes = new IngressRoutes(problems);
    Map<Integer, PortRoutes> ports = new TreeMap<>();
    ports.put(config.ingressHttpsPort(),
        routes.httpsPort(config.ingressHttpsPort(), servers.values(), fallbackCertificate));
    if (config.ingressHttpPort() == config.ingressHttpsPort()) {
      problems.add("TranslatorConfig: the Ingress HTTP and HTTPS ports are both "
          + config.ingressHttpPort() + "; serving HTTPS only");
    } else {
      ports.put(config.ingressHttpPort(),
          routes.httpPort(config.ingressHttpPort(), servers.values()));
    }
    List<HasMetadata> statuses = new ArrayList<>();
    served.forEach(ingress -> statuses.add(status(ingress)));
    return new IngressTranslation(ports, statuses, problems);
  }

  /**
   * ingress-nginx processes Ingresses oldest first, then by namespace/name (store.go
   * sortIngressSlice); whenever two configure the same host path or certificate, the first wins.
   * A missing creationTimestamp sorts first, like Go's zero time.
   */
  static final Comparator<Ingress> OLDEST_FIRST = Comparator
      .comparing((Ingress i) -> created(i))
      .thenComparing(IngressNames::key);

  private static Instant created(Ingress ingress) {
    String timestamp = ingress.getMetadata().getCreationTimestamp();
    if (timestamp == null || timestamp.isBlank()) {
      return Instant.MIN;
    }
    try {
      return OffsetDateTime.parse(timestamp).toInstant();
    } catch (DateTimeParseException e) {
      return Instant.MIN;
    }
  }

  /**
   * A fresh Ingress with metadata identity and status only. The load-balancer addresses are the
   * runtime's business, so the status is the one observed, unchanged.
   */
  private static Ingress status(Ingress ingress) {
    IngressStatus observed = ingress.getStatus();
    IngressStatus status = observed == null
        ? new IngressStatusBuilder().withNewLoadBalancer().endLoadBalancer().build()
        : new IngressStatusBuilder(observed).build();
    return new IngressBuilder()
        .withApiVersion("networking.k8s.io/v1")
        .withKind("Ingress")
        .withMetadata(new ObjectMetaBuilder()
            .withNamespace(IngressNames.namespace(ingress))
            .withName(ingress.getMetadata().getName())
            .withGeneration(ingress.getMetadata().getGeneration())
            .withResourceVersion(ingress.getMetadata().getResourceVersion())
            .withUid(ingress.getMetadata().getUid())
            .build())
        .withStatus(status)
        .build();
  }
}
