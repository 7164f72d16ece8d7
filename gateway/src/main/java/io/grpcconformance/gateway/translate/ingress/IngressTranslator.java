package io.grpcconformance.gateway.translate.ingress;

import io.grpcconformance.gateway.translate.GatewaySnapshot;
import io.grpcconformance.gateway.translate.TranslatorConfig;
import java.util.List;
import java.util.Map;

/**
 * PLACEHOLDER owned by the Ingress engineer (replace freely, keeping the signature): translates
 * Ingresses of our classes. This stand-in serves nothing.
 */
public final class IngressTranslator {

  /** Translates the Ingresses of {@code snapshot}; never throws for bad input. */
  public IngressTranslation translate(GatewaySnapshot snapshot, TranslatorConfig config) {
    return new IngressTranslation(Map.of(), List.of(), List.of());
  }
}
