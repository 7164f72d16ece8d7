package io.grpcconformance.harness.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Every knob of the conformance suite, resolved once per run by {@link ConfigLoader}: built-in
 * {@link #defaults()} → {@code conformance.properties} → environment variables {@code
 * CONFORMANCE_*} → system properties {@code conformance.*} (later wins). A component {@code fooBar}
 * is read from key {@code conformance.fooBar} or variable {@code CONFORMANCE_FOO_BAR}; nested
 * records add their component name ({@code conformance.timeouts.pollInterval}, {@code
 * CONFORMANCE_TIMEOUTS_POLL_INTERVAL}).
 *
 * @param env which environment runs the scenarios: {@code local} (default; embedded gateway and
 *     fabric8 mock API server), {@code k3s} or {@code kubeconfig}
 * @param gatewayClass the GatewayClass under test; every scenario Gateway uses it. Default {@code
 *     grpc-conformance} (the embedded gateway's class)
 * @param controllerName the controllerName of the class under test, expected in route parent
 *     statuses. Default {@code grpc-conformance.io/gateway}
 * @param ingressClass the IngressClass the ingress scenarios use. Default {@code nginx}
 * @param ingressFallbackCommonName the CN of the certificate the ingress controller presents for
 *     hosts it has no certificate for. Default ingress-nginx's {@code Kubernetes Ingress Controller
 *     Fake Certificate}
 * @param namespacePrefix prefix of the per-scenario namespaces. Default {@code gc-}
 * @param keepNamespaces keep scenario namespaces for debugging instead of deleting them. Default
 *     false
 * @param unsupportedTags tags of features the implementation under test does not support
 *     (comma-separated, e.g. {@code @extended,@streaming}); scenarios carrying any of them are
 *     skipped and counted as skipped, as upstream's exempt features are. Default none
 * @param sampleImage the sample-services image cluster environments deploy. Default {@code
 *     grpc-conformance/sample-services:0.1.0}
 * @param reportDir where the reports go. Default {@code target/conformance} (the runner passes the
 *     steps module's absolute {@code target/conformance})
 * @param mode the report's {@code mode}. Default {@code default}
 * @param gatewayApiVersion the report's {@code gatewayAPIVersion}. Default {@code v1.6.1}
 * @param gatewayApiChannel the report's {@code gatewayAPIChannel}. Default {@code standard}
 * @param implementation who is being tested, for the report
 * @param timeouts every wait of the suite
 */
public record ConformanceConfig(
    String env,
    String gatewayClass,
    String controllerName,
    String ingressClass,
    String ingressFallbackCommonName,
    String namespacePrefix,
    boolean keepNamespaces,
    List<String> unsupportedTags,
    String sampleImage,
    Path reportDir,
    String mode,
    String gatewayApiVersion,
    String gatewayApiChannel,
    Implementation implementation,
    Timeouts timeouts) {

  public ConformanceConfig {
    Objects.requireNonNull(env, "env");
    Objects.requireNonNull(gatewayClass, "gatewayClass");
    Objects.requireNonNull(controllerName, "controllerName");
    Objects.requireNonNull(ingressClass, "ingressClass");
    Objects.requireNonNull(ingressFallbackCommonName, "ingressFallbackCommonName");
    Objects.requireNonNull(namespacePrefix, "namespacePrefix");
    unsupportedTags = List.copyOf(unsupportedTags);
    Objects.requireNonNull(sampleImage, "sampleImage");
    Objects.requireNonNull(reportDir, "reportDir");
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(gatewayApiVersion, "gatewayApiVersion");
    Objects.requireNonNull(gatewayApiChannel, "gatewayApiChannel");
    Objects.requireNonNull(implementation, "implementation");
    Objects.requireNonNull(timeouts, "timeouts");
  }

  /** The built-in defaults, documented on each component. */
  public static ConformanceConfig defaults() {
    return new ConformanceConfig(
        "local",
        "grpc-conformance",
        "grpc-conformance.io/gateway",
        "nginx",
        "Kubernetes Ingress Controller Fake Certificate",
        "gc-",
        false,
        List.of(),
        "grpc-conformance/sample-services:0.1.0",
        Path.of("target", "conformance"),
        "default",
        "v1.6.1",
        "standard",
        Implementation.defaults(),
        Timeouts.defaults());
  }

  /**
   * The implementation under test, as the ConformanceReport names it.
   *
   * @param organization default {@code grpc-conformance}
   * @param project default {@code embedded-gateway}
   * @param url default {@code https://github.com/grpc-conformance/grpc-conformance}
   * @param version default {@code 0.1.0}
   * @param contact comma-separated in properties; default {@code @grpc-conformance/maintainers}
   */
  public record Implementation(
      String organization, String project, String url, String version, List<String> contact) {
    public Implementation {
      Objects.requireNonNull(organization, "organization");
      Objects.requireNonNull(project, "project");
      Objects.requireNonNull(url, "url");
      Objects.requireNonNull(version, "version");
      contact = List.copyOf(contact);
    }

    /** The embedded gateway of this repository. */
    public static Implementation defaults() {
      return new Implementation(
          "grpc-conformance",
          "embedded-gateway",
          "https://github.com/grpc-conformance/grpc-conformance",
          "0.1.0",
          List.of("@grpc-conformance/maintainers"));
    }
  }

  /**
   * Named waits, modelled on the Gateway API suite's {@code TimeoutConfig}. Durations accept {@code
   * 30s}, {@code 100ms}, {@code 2m}, {@code 1m30s}, ISO-8601 {@code PT30S} or a bare number of
   * seconds. The "max" notes give the upstream bound for a conformant implementation.
   *
   * @param gatewayClassMustBeAccepted until the GatewayClass under test is Accepted. Default 60s
   *     (upstream GWCMustBeAccepted 180s)
   * @param gatewayMustBeProgrammed until a Gateway is Accepted and Programmed with the latest
   *     observedGeneration. Default 60s (upstream GatewayMustHaveCondition 180s)
   * @param listenersMustHaveConditions until listener conditions, supportedKinds and attachedRoutes
   *     are as expected. Default 60s (upstream 60s)
   * @param routeMustHaveParents until a route's parent status is as expected. Default 60s (upstream
   *     RouteMustHaveParents 60s)
   * @param podsMustBeReady until a deployed sample service has ready endpoints. Default 180s
   * @param namespaceDeletion until a scenario namespace is gone. Default 60s
   * @param maxTimeToConsistency the bound within which a request must give the expected answer
   *     {@link #requiredConsecutiveSuccesses} times in a row. Default 30s (upstream max 30s)
   * @param requiredConsecutiveSuccesses how many consecutive expected answers prove convergence.
   *     Default 3 (upstream 3)
   * @param pollInterval pause between two attempts of any wait. Default 100ms (upstream 100ms)
   * @param requestTimeout deadline of one probe RPC or TLS handshake. Default 10s (upstream 10s)
   * @param shortDeadline the deadline the streaming scenarios set to prove deadline propagation;
   *     must be much shorter than a stream of ten {@link #streamMessageInterval}s. Default 300ms
   * @param streamMessageInterval the pause the streaming scenarios ask the backend to leave between
   *     two streamed replies. Default 100ms
   * @param slowConsumerStall how long the slow consumer reads nothing before draining its stream,
   *     so flow control must hold the backend back along the whole path. Default 1s
   */
  public record Timeouts(
      Duration gatewayClassMustBeAccepted,
      Duration gatewayMustBeProgrammed,
      Duration listenersMustHaveConditions,
      Duration routeMustHaveParents,
      Duration podsMustBeReady,
      Duration namespaceDeletion,
      Duration maxTimeToConsistency,
      int requiredConsecutiveSuccesses,
      Duration pollInterval,
      Duration requestTimeout,
      Duration shortDeadline,
      Duration streamMessageInterval,
      Duration slowConsumerStall) {

    public Timeouts {
      if (requiredConsecutiveSuccesses < 1) {
        throw new IllegalArgumentException(
            "conformance.timeouts.requiredConsecutiveSuccesses must be at least 1, got "
                + requiredConsecutiveSuccesses);
      }
      for (Duration d :
          List.of(
              gatewayClassMustBeAccepted,
              gatewayMustBeProgrammed,
              listenersMustHaveConditions,
              routeMustHaveParents,
              podsMustBeReady,
              namespaceDeletion,
              maxTimeToConsistency,
              pollInterval,
              requestTimeout,
              shortDeadline,
              streamMessageInterval,
              slowConsumerStall)) {
        if (d.isNegative()) {
          throw new IllegalArgumentException("negative duration in conformance.timeouts: " + d);
        }
      }
    }

    /** The defaults documented on each component. */
    public static Timeouts defaults() {
      return new Timeouts(
          Duration.ofSeconds(60),
          Duration.ofSeconds(60),
          Duration.ofSeconds(60),
          Duration.ofSeconds(60),
          Duration.ofSeconds(180),
          Duration.ofSeconds(60),
          Duration.ofSeconds(30),
          3,
          Duration.ofMillis(100),
          Duration.ofSeconds(10),
          Duration.ofMillis(300),
          Duration.ofMillis(100),
          Duration.ofSeconds(1));
    }
  }
}
