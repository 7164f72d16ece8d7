package io.grpcconformance.harness.env;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What {@link Environment#deploy} runs: a sample service as a Deployment and a Service.
 *
 * @param kind which sample service
 * @param name Deployment and Service name; pods are named {@code <name>-<suffix>} and report {@code
 *     x-served-by: <name>}
 * @param namespace where to create them
 * @param replicas number of pods (at least 1)
 * @param reflection whether the pods register gRPC server reflection v1
 * @param tls when present the pods serve TLS with this certificate instead of h2c
 * @param servicePort the Service port gateways and Ingresses reference (the pods listen on their
 *     own port; the Service maps it)
 * @param labels extra pod labels (e.g. {@code role=db} for isolation scenarios)
 */
public record SampleDeployment(
    SampleKind kind,
    String name,
    String namespace,
    int replicas,
    boolean reflection,
    Optional<TlsMaterial> tls,
    int servicePort,
    Map<String, String> labels) {

  /** The Service port used unless a scenario says otherwise (the upstream suite's 8080). */
  public static final int DEFAULT_SERVICE_PORT = 8080;

  public SampleDeployment {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(namespace, "namespace");
    if (replicas < 1) {
      throw new IllegalArgumentException("replicas must be at least 1: " + replicas);
    }
    Objects.requireNonNull(tls, "tls");
    labels = Map.copyOf(labels);
  }

  /** One plaintext replica with reflection on the default port. */
  public static SampleDeployment of(SampleKind kind, String name, String namespace) {
    return new SampleDeployment(
        kind, name, namespace, 1, true, Optional.empty(), DEFAULT_SERVICE_PORT, Map.of());
  }

  public SampleDeployment withReplicas(int n) {
    return new SampleDeployment(kind, name, namespace, n, reflection, tls, servicePort, labels);
  }

  public SampleDeployment withReflection(boolean on) {
    return new SampleDeployment(kind, name, namespace, replicas, on, tls, servicePort, labels);
  }

  public SampleDeployment withTls(TlsMaterial material) {
    return new SampleDeployment(
        kind, name, namespace, replicas, reflection, Optional.of(material), servicePort, labels);
  }

  public SampleDeployment withServicePort(int port) {
    return new SampleDeployment(kind, name, namespace, replicas, reflection, tls, port, labels);
  }

  public SampleDeployment withLabels(Map<String, String> podLabels) {
    return new SampleDeployment(
        kind, name, namespace, replicas, reflection, tls, servicePort, podLabels);
  }
}
