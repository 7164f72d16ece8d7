package io.grpcconformance.harness.k8s;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClass;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ListenerStatus;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteParentStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.grpcconformance.harness.config.ConformanceConfig.Timeouts;
import io.grpcconformance.harness.wait.Eventually;
import java.util.List;
import java.util.Optional;

/**
 * Gateway API status assertions in the upstream suite's {@code XMustY} style. Each polls with its
 * named timeout until the status holds at the object's current generation, and fails with the
 * conditions it last saw.
 */
public final class StatusAssertions {

  private final KubernetesClient client;
  private final Eventually eventually;
  private final Timeouts timeouts;
  private final String controllerName;

  /**
   * @param controllerName expected in every route parent status the gateway writes
   */
  public StatusAssertions(KubernetesClient client, Eventually eventually, String controllerName) {
    this.client = client;
    this.eventually = eventually;
    this.timeouts = eventually.timeouts();
    this.controllerName = controllerName;
  }

  /** The GatewayClass is {@code Accepted=True}. */
  public GatewayClass gatewayClassMustBeAccepted(String name) {
    return eventually.within(
        "GatewayClass " + name + " Accepted",
        timeouts.gatewayClassMustBeAccepted(),
        () -> {
          GatewayClass gc = client.resources(GatewayClass.class).withName(name).get();
          check(gc != null, "GatewayClass " + name + " does not exist");
          List<Condition> c = gc.getStatus() == null ? null : gc.getStatus().getConditions();
          check(
              Conditions.holds(c, "Accepted", "True", "", gc.getMetadata().getGeneration()),
              "GatewayClass " + name + " conditions " + Conditions.describe(c));
          return gc;
        });
  }

  /** The Gateway is {@code Accepted=True} and {@code Programmed=True} at its generation. */
  public Gateway gatewayMustBeProgrammed(String namespace, String name) {
    return gatewayMustHaveConditions(
        namespace,
        name,
        List.of(new Expected("Accepted", "True", ""), new Expected("Programmed", "True", "")));
  }

  /** One expected condition; an empty reason matches any reason. */
  public record Expected(String type, String status, String reason) {}

  /** The Gateway has every expected condition at its generation. */
  public Gateway gatewayMustHaveConditions(String namespace, String name, List<Expected> expected) {
    return eventually.within(
        "Gateway " + namespace + "/" + name + " " + expected,
        timeouts.gatewayMustBeProgrammed(),
        () -> {
          Gateway gw = gateway(namespace, name);
          List<Condition> c = gw.getStatus() == null ? null : gw.getStatus().getConditions();
          for (Expected e : expected) {
            check(
                Conditions.holds(
                    c, e.type(), e.status(), e.reason(), gw.getMetadata().getGeneration()),
                "Gateway "
                    + namespace
                    + "/"
                    + name
                    + " expected "
                    + e
                    + " in "
                    + Conditions.describe(c));
          }
          return gw;
        });
  }

  /** Listener {@code listener} of the Gateway has the expected condition. */
  public ListenerStatus listenerMustHave(
      String namespace, String gateway, String listener, Expected expected) {
    return eventually.within(
        "Gateway " + namespace + "/" + gateway + " listener " + listener + " " + expected,
        timeouts.listenersMustHaveConditions(),
        () -> {
          Gateway gw = gateway(namespace, gateway);
          ListenerStatus ls = listener(gw, listener);
          check(
              Conditions.holds(
                  ls.getConditions(),
                  expected.type(),
                  expected.status(),
                  expected.reason(),
                  gw.getMetadata().getGeneration()),
              "listener "
                  + listener
                  + " expected "
                  + expected
                  + " in "
                  + Conditions.describe(ls.getConditions()));
          return ls;
        });
  }

  /** Listener {@code listener} of the Gateway reports {@code attachedRoutes == count}. */
  public ListenerStatus listenerMustHaveAttachedRoutes(
      String namespace, String gateway, String listener, int count) {
    return eventually.within(
        "Gateway "
            + namespace
            + "/"
            + gateway
            + " listener "
            + listener
            + " attachedRoutes="
            + count,
        timeouts.listenersMustHaveConditions(),
        () -> {
          ListenerStatus ls = listener(gateway(namespace, gateway), listener);
          check(
              ls.getAttachedRoutes() != null && ls.getAttachedRoutes() == count,
              "listener " + listener + " attachedRoutes=" + ls.getAttachedRoutes());
          return ls;
        });
  }

  /**
   * The route's parent status for {@code gateway} is {@code Accepted=True} and {@code
   * ResolvedRefs=True}.
   */
  public GRPCRoute routeMustBeAccepted(
      String namespace, String route, String gatewayNamespace, String gateway) {
    return routeMustHaveParentConditions(
        namespace,
        route,
        gatewayNamespace,
        gateway,
        List.of(
            new Expected("Accepted", "True", "Accepted"),
            new Expected("ResolvedRefs", "True", "ResolvedRefs")));
  }

  /**
   * The route's parent status for {@code gateway} (written by our controller) has every condition.
   */
  public GRPCRoute routeMustHaveParentConditions(
      String namespace,
      String route,
      String gatewayNamespace,
      String gateway,
      List<Expected> expected) {
    return eventually.within(
        "GRPCRoute " + namespace + "/" + route + " parent " + gateway + " " + expected,
        timeouts.routeMustHaveParents(),
        () -> {
          GRPCRoute r =
              client.resources(GRPCRoute.class).inNamespace(namespace).withName(route).get();
          check(r != null, "GRPCRoute " + namespace + "/" + route + " does not exist");
          RouteParentStatus parent =
              parent(r, gatewayNamespace, gateway)
                  .orElseThrow(
                      () ->
                          new AssertionError(
                              "GRPCRoute "
                                  + namespace
                                  + "/"
                                  + route
                                  + " has no parent status for Gateway "
                                  + gateway
                                  + " by controller "
                                  + controllerName));
          for (Expected e : expected) {
            check(
                Conditions.holds(
                    parent.getConditions(),
                    e.type(),
                    e.status(),
                    e.reason(),
                    r.getMetadata().getGeneration()),
                "GRPCRoute "
                    + route
                    + " parent "
                    + gateway
                    + " expected "
                    + e
                    + " in "
                    + Conditions.describe(parent.getConditions()));
          }
          return r;
        });
  }

  private Optional<RouteParentStatus> parent(GRPCRoute r, String gatewayNamespace, String gateway) {
    if (r.getStatus() == null || r.getStatus().getParents() == null) {
      return Optional.empty();
    }
    String routeNs = r.getMetadata().getNamespace();
    return r.getStatus().getParents().stream()
        .filter(p -> controllerName.equals(p.getControllerName()))
        .filter(p -> p.getParentRef() != null && gateway.equals(p.getParentRef().getName()))
        .filter(
            p -> {
              String ns = p.getParentRef().getNamespace();
              return ns == null ? gatewayNamespace.equals(routeNs) : ns.equals(gatewayNamespace);
            })
        .findFirst();
  }

  private Gateway gateway(String namespace, String name) {
    Gateway gw = client.resources(Gateway.class).inNamespace(namespace).withName(name).get();
    check(gw != null, "Gateway " + namespace + "/" + name + " does not exist");
    return gw;
  }

  private static ListenerStatus listener(Gateway gw, String listener) {
    List<ListenerStatus> all = gw.getStatus() == null ? null : gw.getStatus().getListeners();
    return (all == null ? List.<ListenerStatus>of() : all)
        .stream()
            .filter(l -> listener.equals(l.getName()))
            .findFirst()
            .orElseThrow(
                () ->
                    new AssertionError(
                        "Gateway "
                            + gw.getMetadata().getName()
                            + " has no status for listener "
                            + listener));
  }

  private static void check(boolean ok, String message) {
    if (!ok) {
      throw new AssertionError(message);
    }
  }
}
