package io.grpcconformance.gateway.provider;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRouteStatus;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClass;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClassStatus;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayStatus;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteStatus;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ListenerStatus;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReference;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteParentStatus;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Typed access to the status of the kinds whose status the gateway writes: GatewayClass, Gateway,
 * GRPCRoute, HTTPRoute and Ingress. Everything else has no status here ({@link #supports}).
 */
public final class StatusFields {
  private StatusFields() {}

  /** Whether the gateway writes the status of {@code object}'s kind. */
  public static boolean supports(HasMetadata object) {
    return object instanceof GatewayClass || object instanceof Gateway
        || object instanceof GRPCRoute || object instanceof HTTPRoute || object instanceof Ingress;
  }

  /** The status of {@code object}, or null when it has none. */
  public static Object status(HasMetadata object) {
    if (object instanceof GatewayClass o) {
      return o.getStatus();
    } else if (object instanceof Gateway o) {
      return o.getStatus();
    } else if (object instanceof GRPCRoute o) {
      return o.getStatus();
    } else if (object instanceof HTTPRoute o) {
      return o.getStatus();
    } else if (object instanceof Ingress o) {
      return o.getStatus();
    }
    throw new IllegalArgumentException("no status for kind " + object.getKind());
  }

  /** Sets the status of {@code object} (same kind) to {@code status}. */
  public static void setStatus(HasMetadata object, Object status) {
    if (object instanceof GatewayClass o) {
      o.setStatus((GatewayClassStatus) status);
    } else if (object instanceof Gateway o) {
      o.setStatus((GatewayStatus) status);
    } else if (object instanceof GRPCRoute o) {
      o.setStatus((GRPCRouteStatus) status);
    } else if (object instanceof HTTPRoute o) {
      o.setStatus((HTTPRouteStatus) status);
    } else if (object instanceof Ingress o) {
      o.setStatus((IngressStatus) status);
    } else {
      throw new IllegalArgumentException("no status for kind " + object.getKind());
    }
  }

  /** The route parent statuses of a GRPCRoute or HTTPRoute, else null. */
  public static List<RouteParentStatus> routeParents(HasMetadata object) {
    if (object instanceof GRPCRoute o && o.getStatus() != null) {
      return o.getStatus().getParents();
    } else if (object instanceof HTTPRoute o && o.getStatus() != null) {
      return o.getStatus().getParents();
    }
    return null;
  }

  /** Replaces the route parent statuses of a GRPCRoute or HTTPRoute that has a status. */
  public static void setRouteParents(HasMetadata object, List<RouteParentStatus> parents) {
    if (object instanceof GRPCRoute o && o.getStatus() != null) {
      o.getStatus().setParents(parents);
    } else if (object instanceof HTTPRoute o && o.getStatus() != null) {
      o.getStatus().setParents(parents);
    }
  }

  /**
   * Every condition list of {@code object}'s status under a key stable across writes: the
   * object's own conditions, each listener's by listener name, each route parent's by parent
   * reference and controller.
   */
  public static Map<String, List<Condition>> conditionGroups(HasMetadata object) {
    Map<String, List<Condition>> groups = new LinkedHashMap<>();
    if (object == null) {
      return groups;
    }
    if (object instanceof GatewayClass o && o.getStatus() != null) {
      put(groups, "", o.getStatus().getConditions());
    } else if (object instanceof Gateway o && o.getStatus() != null) {
      put(groups, "", o.getStatus().getConditions());
      if (o.getStatus().getListeners() != null) {
        for (ListenerStatus listener : o.getStatus().getListeners()) {
          put(groups, "listener " + listener.getName(), listener.getConditions());
        }
      }
    } else {
      List<RouteParentStatus> parents = routeParents(object);
      if (parents != null) {
        for (RouteParentStatus parent : parents) {
          put(groups, parentKey(object, parent), parent.getConditions());
        }
      }
    }
    return groups;
  }

  /**
   * Identity of a route parent status: the parentRef with its defaults (group
   * {@code gateway.networking.k8s.io}, kind {@code Gateway}, the route's namespace) and the
   * controller that wrote it.
   */
  public static String parentKey(HasMetadata route, RouteParentStatus parent) {
    ParentReference ref = parent.getParentRef();
    if (ref == null) {
      return "parent ? by " + parent.getControllerName();
    }
    String group = ref.getGroup() == null ? "gateway.networking.k8s.io" : ref.getGroup();
    String kind = ref.getKind() == null ? "Gateway" : ref.getKind();
    String namespace = ref.getNamespace() == null
        ? route.getMetadata().getNamespace() : ref.getNamespace();
    return "parent " + group + "/" + kind + " " + namespace + "/" + ref.getName()
        + " section " + Objects.toString(ref.getSectionName(), "")
        + " port " + Objects.toString(ref.getPort(), "")
        + " by " + parent.getControllerName();
  }

  private static void put(Map<String, List<Condition>> groups, String key, List<Condition> list) {
    if (list != null) {
      groups.put(key, list);
    }
  }
}
