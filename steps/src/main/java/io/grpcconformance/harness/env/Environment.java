package io.grpcconformance.harness.env;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Where the suite runs: a Kubernetes API, a gateway under test that watches it, and a way to run
 * the sample services. Feature text never knows which environment runs it; steps talk to the
 * cluster only through this interface and {@link #client()}.
 *
 * <p>Implementations: {@code local} (fabric8 mock API server, embedded gateway, in-process samples)
 * in {@code io.grpcconformance.harness.env.local}; {@code k3s} and {@code kubeconfig} in {@code
 * io.grpcconformance.harness.cluster}. Each is created once per run by its {@link
 * EnvironmentProvider} and closed when the run ends.
 *
 * <p>Threading: scenarios run one after another; implementations need not be thread-safe beyond
 * being closed from a shutdown hook.
 */
public interface Environment extends AutoCloseable {

  /** Short name as selected with {@code -Dconformance.env}: local, k3s, kubeconfig. */
  String name();

  /**
   * When present, every scenario is skipped and counted as skipped with this reason (for example
   * "no cluster reachable at https://...: connection refused").
   */
  Optional<String> skipReason();

  /**
   * Empty when the environment has {@code capability}; otherwise the reason scenarios that need it
   * are skipped, e.g. "no CNI in the local environment" for {@link Capability#NETWORK_POLICY}.
   */
  Optional<String> missing(Capability capability);

  /** Whether NetworkPolicy objects are enforced here. */
  default boolean supportsNetworkPolicy() {
    return missing(Capability.NETWORK_POLICY).isEmpty();
  }

  /** A client for the API server the gateway under test watches; owned by the environment. */
  KubernetesClient client();

  /**
   * Runs a sample service as a Deployment plus a Service named {@code deployment.name()} in {@code
   * deployment.namespace()}, and returns once the gateway can see ready endpoints for it (bounded
   * by the environment's {@code podsMustBeReady} timeout).
   *
   * @throws IllegalStateException when the service does not become ready in time
   */
  void deploy(SampleDeployment deployment);

  /**
   * Creates a {@code kubernetes.io/tls} Secret from generated PEM material. Never logs the key.
   * Environments whose API server needs something else may override it.
   */
  default void createTlsSecret(String namespace, String name, TlsMaterial tls) {
    Base64.Encoder b64 = Base64.getEncoder();
    Secret secret =
        new SecretBuilder()
            .withNewMetadata()
            .withNamespace(namespace)
            .withName(name)
            .endMetadata()
            .withType("kubernetes.io/tls")
            .addToData(
                "tls.crt",
                b64.encodeToString(tls.certificateChainPem().getBytes(StandardCharsets.US_ASCII)))
            .addToData(
                "tls.key",
                b64.encodeToString(tls.privateKeyPem().getBytes(StandardCharsets.US_ASCII)))
            .build();
    client().secrets().inNamespace(namespace).resource(secret).create();
  }

  /**
   * The address a client dials to reach listener port {@code listenerPort} of Gateway {@code
   * namespace/gatewayName} (for example its LoadBalancer address, or a local ephemeral port). Call
   * it after the Gateway is Programmed.
   */
  Address gatewayAddress(String namespace, String gatewayName, int listenerPort);

  /**
   * The address a client dials to reach port {@code port} (80 or 443) of the ingress controller
   * that serves the configured ingress class.
   */
  Address ingressAddress(int port);

  /**
   * Releases whatever {@link #deploy} started for {@code namespace}; called after the scenario's
   * namespace was deleted. A cluster deletes pods with the namespace, so the default does nothing.
   */
  default void release(String namespace) {}

  /** Stops everything the environment started. Idempotent. */
  @Override
  void close();
}
