package io.grpcconformance.gateway.routing;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What to do with a matched call: answer directly, or proxy to one of the weighted backends after
 * applying the header filters.
 *
 * @param backends weighted choice; invalid backends stay in the list (with their weight) so that
 *     their share of traffic is answered UNAVAILABLE, as GRPCRoute requires
 * @param requestHeaders RequestHeaderModifier applied before proxying
 * @param responseHeaders ResponseHeaderModifier applied to the response headers
 * @param direct when present, the gateway answers itself and ignores {@code backends}
 */
public record RouteAction(
    List<WeightedBackend> backends,
    HeaderModifier requestHeaders,
    HeaderModifier responseHeaders,
    Optional<DirectResponse> direct) {

  public RouteAction {
    backends = List.copyOf(backends);
    Objects.requireNonNull(requestHeaders, "requestHeaders");
    Objects.requireNonNull(responseHeaders, "responseHeaders");
    Objects.requireNonNull(direct, "direct");
  }

  /** Proxy to backends without header filters. */
  public static RouteAction forward(List<WeightedBackend> backends) {
    return new RouteAction(backends, HeaderModifier.NONE, HeaderModifier.NONE, Optional.empty());
  }

  /** Answer every call with {@code response}. */
  public static RouteAction answer(DirectResponse response) {
    return new RouteAction(
        List.of(), HeaderModifier.NONE, HeaderModifier.NONE, Optional.of(response));
  }

  /** Sum of the weights; 0 means every call is UNAVAILABLE. */
  public long totalWeight() {
    long sum = 0;
    for (WeightedBackend b : backends) {
      sum += b.weight();
    }
    return sum;
  }
}
