package io.grpcconformance.gateway.testkit;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRouteBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClass;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClassBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteParentStatusBuilder;
import io.grpcconformance.gateway.routing.RoutingTable;
import io.grpcconformance.gateway.translate.TranslationResult;
import java.util.List;

/**
 * Status objects shaped like the translator's output (apiVersion, kind, metadata, status; the
 * translator's fixed epoch timestamps), for status writer tests that must not wait for it.
 */
public final class StatusFixtures {
  /** What the translator leaves in lastTransitionTime: it cannot read the clock. */
  public static final String TRANSLATOR_TIME = "1970-01-01T00:00:00Z";
  public static final String CONTROLLER = "grpc-conformance.io/gateway";

  private StatusFixtures() {}

  public static Condition condition(String type, String status, String reason, long generation) {
    return new ConditionBuilder().withType(type).withStatus(status).withReason(reason)
        .withMessage(type + " " + reason).withObservedGeneration(generation)
        .withLastTransitionTime(TRANSLATOR_TIME).build();
  }

  public static GatewayClass gatewayClass(String name, String accepted) {
    return new GatewayClassBuilder().withNewMetadata().withName(name).withGeneration(1L)
        .endMetadata().withNewStatus()
        .withConditions(condition("Accepted", accepted, "True".equals(accepted)
            ? "Accepted" : "InvalidParameters", 1))
        .endStatus().build();
  }

  public static Gateway gateway(String namespace, String name, String programmed) {
    return new GatewayBuilder().withNewMetadata().withNamespace(namespace).withName(name)
        .withGeneration(2L).endMetadata().withNewStatus()
        .withConditions(condition("Accepted", "True", "Accepted", 2),
            condition("Programmed", programmed, "True".equals(programmed)
                ? "Programmed" : "Invalid", 2))
        .addNewListener().withName("https").withAttachedRoutes(2)
        .withConditions(condition("Accepted", "True", "Accepted", 2),
            condition("ResolvedRefs", "True", "ResolvedRefs", 2))
        .endListener()
        .endStatus().build();
  }

  public static GRPCRoute route(String namespace, String name, String gateway, String resolved) {
    return new GRPCRouteBuilder().withNewMetadata().withNamespace(namespace).withName(name)
        .withGeneration(3L).endMetadata().withNewStatus()
        .withParents(new RouteParentStatusBuilder().withControllerName(CONTROLLER)
            .withNewParentRef().withGroup("gateway.networking.k8s.io").withKind("Gateway")
            .withName(gateway).withNamespace(namespace).endParentRef()
            .withConditions(condition("Accepted", "True", "Accepted", 3),
                condition("ResolvedRefs", resolved, "True".equals(resolved)
                    ? "ResolvedRefs" : "BackendNotFound", 3))
            .build())
        .endStatus().build();
  }

  public static TranslationResult result(HasMetadata... statuses) {
    return new TranslationResult(RoutingTable.EMPTY, List.of(statuses), List.of());
  }
}
