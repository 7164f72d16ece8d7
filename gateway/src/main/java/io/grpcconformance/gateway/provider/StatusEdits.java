package io.grpcconformance.gateway.provider;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayStatusAddress;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteParentStatus;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressLoadBalancerIngress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressLoadBalancerStatus;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The edits both status writers make to the translator's statuses before writing them: real
 * transition times, the published address, and route parents owned by other controllers. Each
 * method edits its {@code fresh} argument, which must be the writer's own copy.
 */
public final class StatusEdits {
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  private StatusEdits() {}

  /**
   * Sets {@code lastTransitionTime} on every condition of {@code fresh}: the previous one's when
   * a condition of the same type in the same group had the same status and reason
   * (metav1.Condition: "the last time the condition transitioned from one status to another"),
   * else {@code now}. The
   * translator cannot read the clock, so whatever time it left is replaced.
   */
  public static void stampTransitions(HasMetadata fresh, HasMetadata previous, Instant now) {
    String nowText = now.truncatedTo(ChronoUnit.SECONDS).toString();
    Map<String, List<Condition>> before = StatusFields.conditionGroups(previous);
    StatusFields.conditionGroups(fresh).forEach((group, conditions) -> {
      List<Condition> old = before.getOrDefault(group, List.of());
      for (Condition condition : conditions) {
        Condition match = old.stream()
            .filter(o -> Objects.equals(o.getType(), condition.getType()))
            .findFirst()
            .orElse(null);
        boolean unchanged = match != null
            && Objects.equals(match.getStatus(), condition.getStatus())
            && Objects.equals(match.getReason(), condition.getReason())
            && match.getLastTransitionTime() != null;
        condition.setLastTransitionTime(unchanged ? match.getLastTransitionTime() : nowText);
      }
    });
  }

  /**
   * Publishes {@code address} where the translator left none: Gateway {@code status.addresses}
   * (typed {@code IPAddress} or {@code Hostname}; the conformance suite ignores untyped addresses)
   * and Ingress {@code status.loadBalancer.ingress}.
   */
  public static void fillAddress(HasMetadata fresh, Optional<String> address) {
    if (address.isEmpty()) {
      return;
    }
    String value = address.get();
    boolean ip = IPV4.matcher(value).matches() || value.contains(":");
    if (fresh instanceof Gateway gateway && gateway.getStatus() != null
        && isEmpty(gateway.getStatus().getAddresses())) {
      gateway.getStatus().setAddresses(
          List.of(new GatewayStatusAddress(ip ? "IPAddress" : "Hostname", value)));
    } else if (fresh instanceof Ingress ingress && ingress.getStatus() != null) {
      IngressLoadBalancerStatus lb = ingress.getStatus().getLoadBalancer();
      if (lb == null) {
        lb = new IngressLoadBalancerStatus();
        ingress.getStatus().setLoadBalancer(lb);
      }
      if (isEmpty(lb.getIngress())) {
        IngressLoadBalancerIngress entry = new IngressLoadBalancerIngress();
        if (ip) {
          entry.setIp(value);
        } else {
          entry.setHostname(value);
        }
        lb.setIngress(List.of(entry));
      }
    }
  }

  /**
   * Keeps the route parent statuses of {@code current} written by other controllers (Gateway API:
   * "implementations MUST NOT remove or modify entries of other controllers"), ahead of ours.
   */
  public static void keepForeignParents(
      HasMetadata fresh, HasMetadata current, String controllerName) {
    List<RouteParentStatus> ours = StatusFields.routeParents(fresh);
    List<RouteParentStatus> existing = StatusFields.routeParents(current);
    if (ours == null || existing == null) {
      return;
    }
    List<RouteParentStatus> merged = new ArrayList<>();
    for (RouteParentStatus parent : existing) {
      if (!controllerName.equals(parent.getControllerName())) {
        merged.add(parent);
      }
    }
    merged.addAll(ours);
    StatusFields.setRouteParents(fresh, merged);
  }

  private static boolean isEmpty(List<?> list) {
    return list == null || list.isEmpty();
  }
}
