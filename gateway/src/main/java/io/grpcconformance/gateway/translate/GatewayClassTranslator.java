package io.grpcconformance.gateway.translate;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClass;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClassBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.SupportedFeature;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * GatewayClass ownership and status: a class is ours when {@code spec.controllerName} equals the
 * configured controller name; only ours get a status, and only Gateways of our accepted classes are
 * served (gatewayclass_types.go GatewayClassConditionStatusAccepted).
 */
final class GatewayClassTranslator {

  /**
   * status.supportedFeatures, sorted ascending as gatewayclass_types.go requires. These are the
   * features the conformance suite may infer and run: Gateway, GRPCRoute (with named rules),
   * ReferenceGrant, and listener isolation (the VirtualHostBuilder implements it). HTTPRoute is not
   * listed: HTTPRoutes are counted on listeners but never served.
   */
  static final List<String> SUPPORTED_FEATURES = List.of(
      "GRPCRoute", "GRPCRouteNamedRouteRule", "Gateway", "GatewayHTTPListenerIsolation",
      "ReferenceGrant");

  private final String controllerName;
  /** Our classes by name → null when accepted, else why not. */
  private final Map<String, String> ours = new LinkedHashMap<>();
  private final Map<String, GatewayClass> classes = new LinkedHashMap<>();

  GatewayClassTranslator(String controllerName, List<GatewayClass> all) {
    this.controllerName = controllerName;
    for (GatewayClass gc : SnapshotIndex.sortedByKey(all)) {
      if (gc.getSpec() == null || !controllerName.equals(gc.getSpec().getControllerName())) {
        continue;
      }
      String problem = null;
      if (gc.getSpec().getParametersRef() != null) {
        // gatewayclass_types.go ParametersRef: a reference to an unsupported kind SHOULD reject
        // the class with InvalidParameters; this controller supports no parameters at all.
        problem = "spec.parametersRef: this controller takes no parameters (got "
            + gc.getSpec().getParametersRef().getKind() + " "
            + gc.getSpec().getParametersRef().getName() + ")";
      }
      ours.put(Meta.name(gc), problem);
      classes.put(Meta.name(gc), gc);
    }
  }

  boolean isOurs(String className) {
    return className != null && ours.containsKey(className);
  }

  /** Null when the class is ours and accepted, else why it is not accepted. */
  String rejection(String className) {
    return ours.get(className);
  }

  /** Fresh status objects for our classes, by name. */
  List<GatewayClass> statuses() {
    return classes.values().stream().map(this::status).toList();
  }

  private GatewayClass status(GatewayClass gc) {
    String problem = ours.get(Meta.name(gc));
    return new GatewayClassBuilder()
        .withApiVersion(StatusObjects.API_VERSION)
        .withKind("GatewayClass")
        .withMetadata(StatusObjects.metadata(gc))
        .withNewStatus()
        .addToConditions(problem == null
            ? Conditions.of(gc, Conditions.ACCEPTED, true, Conditions.REASON_ACCEPTED,
                "GatewayClass is accepted by " + controllerName)
            : Conditions.of(gc, Conditions.ACCEPTED, false, Conditions.REASON_INVALID_PARAMETERS,
                problem))
        .withSupportedFeatures(SUPPORTED_FEATURES.stream().map(SupportedFeature::new).toList())
        .endStatus()
        .build();
  }
}
