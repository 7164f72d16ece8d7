package io.grpcconformance.harness.env.local;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClassBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClassBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.grpcconformance.gateway.EmbeddedGateway;
import io.grpcconformance.harness.config.ConformanceConfig;
import io.grpcconformance.harness.env.Address;
import io.grpcconformance.harness.env.Capability;
import io.grpcconformance.harness.env.Environment;
import io.grpcconformance.harness.env.SampleDeployment;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The {@code local} environment: no Docker, no cluster. One fabric8 mock API server (CRUD mode),
 * the real {@link EmbeddedGateway} watching it through its Kubernetes provider (informers, status
 * writer) and serving on loopback ephemeral ports, and the sample services started in-process for
 * the Deployments scenarios declare, with their EndpointSlices published. One of each per run;
 * scenarios get namespaces of their own.
 */
public final class LocalEnvironment implements Environment {

  /** The value of {@code conformance.env} that selects it. */
  public static final String NAME = "local";

  /** The ingress-nginx controller name, for the IngressClass written at start. */
  static final String INGRESS_NGINX_CONTROLLER = "k8s.io/ingress-nginx";

  private static final Logger LOG = Logger.getLogger(LocalEnvironment.class.getName());

  private final ConformanceConfig config;
  private final MockApiServer api;
  private final EmbeddedGateway gateway;
  private final LocalBackends backends;
  private final AtomicInteger closed = new AtomicInteger();

  private LocalEnvironment(ConformanceConfig config, MockApiServer api, EmbeddedGateway gateway) {
    this.config = config;
    this.api = api;
    this.gateway = gateway;
    this.backends = new LocalBackends(api.client(), config.sampleImage());
  }

  /** Starts the mock API server, writes the GatewayClass and IngressClass, starts the gateway. */
  static LocalEnvironment start(ConformanceConfig config) {
    MockApiServer api = MockApiServer.start();
    try {
      KubernetesClient client = api.client();
      client
          .resource(
              new GatewayClassBuilder()
                  .withNewMetadata()
                  .withName(config.gatewayClass())
                  .endMetadata()
                  .withNewSpec()
                  .withControllerName(config.controllerName())
                  .endSpec()
                  .build())
          .create();
      client
          .resource(
              new IngressClassBuilder()
                  .withNewMetadata()
                  .withName(config.ingressClass())
                  .endMetadata()
                  .withNewSpec()
                  .withController(INGRESS_NGINX_CONTROLLER)
                  .endSpec()
                  .build())
          .create();
      EmbeddedGateway gateway =
          EmbeddedGateway.builder()
              .kubernetesClient(client)
              .bindAddress("127.0.0.1")
              .ephemeralPorts(true)
              .controllerName(config.controllerName())
              .ingressClasses(List.of(config.ingressClass()))
              .start();
      LOG.info(
          "local environment: mock API server "
              + client.getMasterUrl()
              + ", embedded gateway "
              + config.controllerName()
              + " (class "
              + config.gatewayClass()
              + ")");
      return new LocalEnvironment(config, api, gateway);
    } catch (RuntimeException e) {
      api.close();
      throw e;
    }
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Optional<String> skipReason() {
    return Optional.empty();
  }

  @Override
  public Optional<String> missing(Capability capability) {
    return switch (capability) {
      case NETWORK_POLICY -> Optional.of("no CNI in the local environment");
      case INGRESS ->
          Optional.empty(); // the embedded gateway serves Ingress with ingress-nginx semantics
    };
  }

  @Override
  public KubernetesClient client() {
    return api.client();
  }

  @Override
  public void deploy(SampleDeployment deployment) {
    backends.deploy(deployment);
  }

  /** Every Gateway shares the embedded data plane: its bound port for the declared one. */
  @Override
  public Address gatewayAddress(String namespace, String gatewayName, int listenerPort) {
    return Address.loopback(boundPort(listenerPort));
  }

  @Override
  public Address ingressAddress(int port) {
    return Address.loopback(boundPort(port));
  }

  /** Waits (gatewayMustBeProgrammed) until the data plane serves {@code declared}. */
  private int boundPort(int declared) {
    // Let the gateway apply every change it has seen first, so a port a previous scenario's
    // cleanup is closing is not handed out; the wait below covers changes not seen yet.
    gateway.awaitIdle(config.timeouts().gatewayMustBeProgrammed());
    int port = gateway.port(declared);
    if (port > 0) {
      return port;
    }
    Duration bound = config.timeouts().gatewayMustBeProgrammed();
    try {
      Awaitility.await("declared port " + declared + " bound")
          .atMost(bound)
          .pollInterval(config.timeouts().pollInterval())
          .until(() -> gateway.port(declared) > 0);
    } catch (ConditionTimeoutException e) {
      throw new IllegalStateException(
          "the embedded gateway serves nothing on declared port "
              + declared
              + " after "
              + bound.toSeconds()
              + "s (serving "
              + gateway.ports()
              + ")",
          e);
    }
    return gateway.port(declared);
  }

  /**
   * Also deletes the namespace's Secrets: the mock API server does not cascade namespace deletion.
   */
  @Override
  public void release(String namespace) {
    backends.release(namespace);
    api.client().secrets().inNamespace(namespace).delete();
  }

  @Override
  public void close() {
    if (closed.getAndIncrement() > 0) {
      return;
    }
    backends.close();
    gateway.close();
    api.close();
  }
}
