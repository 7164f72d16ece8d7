package io.grpcconformance.gateway.translate;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;

/**
 * Condition types, reasons and the builder used for every condition the translator writes.
 *
 * <p>Every condition carries {@code observedGeneration = metadata.generation} of the object it is
 * written on (0 when the object has no generation, e.g. a manifest document), as the spec requires
 * on every status struct and the conformance suite checks ({@code
 * ConditionsHaveLatestObservedGeneration}). {@code lastTransitionTime} is fixed (see {@link
 * Meta#transitionTime}); the status writer replaces it with the time of the change.
 */
final class Conditions {

  // Condition types.
  static final String ACCEPTED = "Accepted";
  static final String PROGRAMMED = "Programmed";
  static final String RESOLVED_REFS = "ResolvedRefs";
  static final String CONFLICTED = "Conflicted";
  static final String PARTIALLY_INVALID = "PartiallyInvalid";

  // Reasons shared by several objects.
  static final String REASON_ACCEPTED = "Accepted";
  static final String REASON_PROGRAMMED = "Programmed";
  static final String REASON_RESOLVED_REFS = "ResolvedRefs";
  static final String REASON_INVALID = "Invalid";
  static final String REASON_INVALID_PARAMETERS = "InvalidParameters";
  static final String REASON_UNSUPPORTED_VALUE = "UnsupportedValue";

  // Gateway.
  static final String REASON_LISTENERS_NOT_VALID = "ListenersNotValid";
  static final String REASON_UNSUPPORTED_ADDRESS = "UnsupportedAddress";
  static final String REASON_ADDRESS_NOT_ASSIGNED = "AddressNotAssigned";

  // Listener.
  static final String REASON_UNSUPPORTED_PROTOCOL = "UnsupportedProtocol";
  static final String REASON_PORT_UNAVAILABLE = "PortUnavailable";
  static final String REASON_INVALID_CERTIFICATE_REF = "InvalidCertificateRef";
  static final String REASON_INVALID_ROUTE_KINDS = "InvalidRouteKinds";
  static final String REASON_REF_NOT_PERMITTED = "RefNotPermitted";
  static final String REASON_PROTOCOL_CONFLICT = "ProtocolConflict";
  static final String REASON_HOSTNAME_CONFLICT = "HostnameConflict";
  static final String REASON_NO_CONFLICTS = "NoConflicts";

  // Route parent.
  static final String REASON_NOT_ALLOWED_BY_LISTENERS = "NotAllowedByListeners";
  static final String REASON_NO_MATCHING_LISTENER_HOSTNAME = "NoMatchingListenerHostname";
  static final String REASON_NO_MATCHING_PARENT = "NoMatchingParent";
  static final String REASON_INCOMPATIBLE_FILTERS = "IncompatibleFilters";
  static final String REASON_BACKEND_NOT_FOUND = "BackendNotFound";
  static final String REASON_INVALID_KIND = "InvalidKind";
  /**
   * A GRPCRoute that lost the HTTPRoute/GRPCRoute cross-serving tie-break on every listener it
   * attached to. The spec (grpcroute_types.go, GRPCRouteSpec.Hostnames) requires Accepted=False
   * but names no reason; controllers may use their own ("Controllers may raise this condition with
   * other reasons"), and this one says what happened.
   */
  static final String REASON_ROUTE_HOSTNAME_CONFLICT = "HostnameConflict";

  /** Longest message written; longer ones are cut (the API allows 32768). */
  static final int MAX_MESSAGE = 4096;

  private Conditions() {}

  /** A condition on {@code owner} with its generation and fixed transition time. */
  static Condition of(
      HasMetadata owner, String type, boolean status, String reason, String message) {
    String msg = message.length() > MAX_MESSAGE
        ? message.substring(0, MAX_MESSAGE - 3) + "..." : message;
    return new ConditionBuilder()
        .withType(type)
        .withStatus(status ? "True" : "False")
        .withReason(reason)
        .withMessage(msg)
        .withObservedGeneration(Meta.generation(owner))
        .withLastTransitionTime(Meta.transitionTime(owner))
        .build();
  }
}
