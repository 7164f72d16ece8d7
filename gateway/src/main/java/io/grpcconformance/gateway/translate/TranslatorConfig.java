package io.grpcconformance.gateway.translate;

import java.util.List;
import java.util.Objects;

/**
 * What the translator needs to know about this gateway instance; it holds no clients.
 *
 * @param controllerName GatewayClasses naming this controller are ours (default
 *     {@link #DEFAULT_CONTROLLER_NAME})
 * @param ingressClasses Ingress class names served (default {@code nginx}); an Ingress with no class
 *     is served when an IngressClass marked default names our controller or when the list has "nginx"
 *     and no IngressClass is marked default
 * @param ingressHttpPort declared port for Ingress cleartext traffic (default 80)
 * @param ingressHttpsPort declared port for Ingress TLS traffic (default 443)
 */
public record TranslatorConfig(
    String controllerName, List<String> ingressClasses, int ingressHttpPort, int ingressHttpsPort) {

  /** The controllerName this gateway owns unless told otherwise. */
  public static final String DEFAULT_CONTROLLER_NAME = "grpc-conformance.io/gateway";

  public TranslatorConfig {
    Objects.requireNonNull(controllerName, "controllerName");
    ingressClasses = List.copyOf(ingressClasses);
  }

  /** Defaults: our controller name, Ingress class {@code nginx}, ports 80 and 443. */
  public static TranslatorConfig defaults() {
    return new TranslatorConfig(DEFAULT_CONTROLLER_NAME, List.of("nginx"), 80, 443);
  }
}
