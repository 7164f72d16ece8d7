package io.grpcconformance.harness.cluster;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.grpcconformance.harness.config.ConformanceConfig;
import io.grpcconformance.harness.env.Address;
import io.grpcconformance.harness.env.Capability;
import io.grpcconformance.harness.env.Environment;
import io.grpcconformance.harness.env.SampleDeployment;
import io.grpcconformance.harness.env.TlsMaterial;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * What the {@code k3s} and {@code kubeconfig} environments share: sample services from manifests/samples, the
 * gateway under test (the suite's own, in the cluster, or a third party's by GatewayClass), addresses through
 * mapped NodePorts or port-forwards, and the gateway's logs for failed scenarios.
 */
abstract class ClusterEnvironment implements Environment, GatewayLogSource {
  static final String INGRESS_NGINX_NAMESPACE = "ingress-nginx";
  static final String INGRESS_NGINX_SERVICE = "ingress-nginx-controller";

  private final String name;
  protected final ConformanceConfig config;
  protected final ClusterSettings settings;
  protected final KubernetesClient client;
  private final SampleDeployer deployer;
  private final Optional<InClusterGateway> ownGateway;
  private final PortForwards portForwards;
  private final ThirdPartyGateways thirdParty;

  ClusterEnvironment(String name, ConformanceConfig config, ClusterSettings settings, KubernetesClient client,
      SampleServiceTemplates templates, Optional<InClusterGateway> ownGateway) {
    this.name = name;
    this.config = config;
    this.settings = settings;
    this.client = client;
    this.deployer = new SampleDeployer(client, templates, config.timeouts().podsMustBeReady(),
        config.timeouts().pollInterval());
    this.ownGateway = ownGateway;
    this.portForwards = new PortForwards(client);
    this.thirdParty = new ThirdPartyGateways(client, portForwards);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Optional<String> skipReason() {
    return Optional.empty();
  }

  @Override
  public Optional<String> missing(Capability capability) {
    return switch (capability) {
      case NETWORK_POLICY -> networkPolicyMissing();
      case INGRESS -> ingressMissing();
    };
  }

  /** Why NetworkPolicy is not enforced here, if it is not. */
  protected abstract Optional<String> networkPolicyMissing();

  /**
   * Ingress of {@code conformance.ingressClass} is served by the suite's gateway when its manifests define that
   * IngressClass (it serves {@code grpc-conformance} in a cluster), else by an ingress-nginx controller.
   */
  private Optional<String> ingressMissing() {
    String ingressClass = config.ingressClass();
    if (ownGatewayServesIngress()) {
      return Optional.empty();
    }
    if (ingressNginx().isPresent()) {
      return Optional.empty();
    }
    String ownClasses = ownGateway.map(g -> " (the in-cluster gateway serves " + g.ingressClasses()
        + ": -Dconformance.ingressClass=" + String.join(",", g.ingressClasses()) + ")").orElse("");
    return Optional.of("no ingress controller for class " + ingressClass + " in the " + name + " environment"
        + " (looked for " + INGRESS_NGINX_NAMESPACE + "/" + INGRESS_NGINX_SERVICE + ")" + ownClasses);
  }

  private boolean ownGatewayServesIngress() {
    return ownGateway.map(g -> g.ingressClasses().contains(config.ingressClass())).orElse(false);
  }

  @Override
  public KubernetesClient client() {
    return client;
  }

  /** Creates the {@code <name>-tls} Secret first for a TLS sample (server-side apply; the key is never logged). */
  @Override
  public void deploy(SampleDeployment deployment) {
    deployment.tls().ifPresent(tls -> applyTlsSecret(deployment.namespace(),
        SampleServiceTemplates.tlsSecretName(deployment.name()), tls));
    deployer.deploy(deployment);
  }

  private void applyTlsSecret(String namespace, String secretName, TlsMaterial tls) {
    Base64.Encoder b64 = Base64.getEncoder();
    Secret secret = new SecretBuilder()
        .withNewMetadata().withNamespace(namespace).withName(secretName).endMetadata()
        .withType("kubernetes.io/tls")
        .addToData("tls.crt", b64.encodeToString(tls.certificateChainPem().getBytes(StandardCharsets.US_ASCII)))
        .addToData("tls.key", b64.encodeToString(tls.privateKeyPem().getBytes(StandardCharsets.US_ASCII)))
        .build();
    Apply.createOrApply(client, secret);
  }

  @Override
  public Address gatewayAddress(String namespace, String gatewayName, int listenerPort) {
    return ownGateway.map(gateway -> gateway.address(listenerPort))
        .orElseGet(() -> thirdParty.address(settings.gatewayClass(), namespace, gatewayName, listenerPort));
  }

  @Override
  public Address ingressAddress(int port) {
    Optional<String> missing = ingressMissing();
    if (missing.isPresent()) {
      throw new IllegalStateException(missing.get());
    }
    return ownGatewayServesIngress() ? ownGateway.get().address(port)
        : portForwards.toService(INGRESS_NGINX_NAMESPACE, INGRESS_NGINX_SERVICE, port);
  }

  private Optional<Service> ingressNginx() {
    try {
      return Optional.ofNullable(
          client.services().inNamespace(INGRESS_NGINX_NAMESPACE).withName(INGRESS_NGINX_SERVICE).get());
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  @Override
  public String gatewayLogs() {
    return ownGateway.map(InClusterGateway::gatewayLogs)
        .orElse("gateway class " + settings.gatewayClass() + " is a third party's: its logs are not collected\n");
  }

  /** Closes port-forwards; subclasses release what they own after calling this. */
  @Override
  public void close() {
    portForwards.close();
    ownGateway.ifPresent(InClusterGateway::close);
  }
}
