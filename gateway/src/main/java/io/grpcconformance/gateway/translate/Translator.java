package io.grpcconformance.gateway.translate;

import io.grpcconformance.gateway.routing.RoutingTable;
import java.util.List;
import java.util.Objects;

/**
 * The pure translation from a {@link GatewaySnapshot} to a routing table plus statuses. It holds
 * only configuration, never a client, the clock or randomness, so the same snapshot always gives
 * the same result (golden-file tests rely on this).
 */
public final class Translator {
  private final TranslatorConfig config;

  public Translator(TranslatorConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  public TranslatorConfig config() {
    return config;
  }

  /** Translates {@code snapshot}; never throws for bad input, which becomes statuses and problems. */
  public TranslationResult translate(GatewaySnapshot snapshot) {
    // Skeleton: replaced by the real translator.
    return new TranslationResult(RoutingTable.EMPTY, List.of(), List.of());
  }
}
