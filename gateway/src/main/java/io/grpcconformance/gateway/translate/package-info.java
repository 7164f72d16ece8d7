/**
 * The pure translation from a {@link io.grpcconformance.gateway.translate.GatewaySnapshot} to a
 * {@link io.grpcconformance.gateway.routing.RoutingTable} plus the status of every GatewayClass,
 * Gateway and GRPCRoute this controller owns ({@link
 * io.grpcconformance.gateway.translate.Translator}). fabric8 model classes only; no client, no
 * randomness; time enters only through the Clock given to the Translator, for certificate validity.
 *
 * <p>Steps (each in its own class): {@code GatewayClassTranslator} (ownership, Accepted) →
 * {@code ListenerTranslator} (protocol, allowedRoutes, {@code CertificateResolver} with {@code
 * tls.PemCertificates} for TLS, conflicts inside a Gateway) → {@code PortClaims} (Ingress ports
 * and Gateways sharing one address) → {@code GrpcRouteTranslator} ({@code GrpcMatches}, filters,
 * {@code BackendResolver}) → {@code RouteAttachment} (parentRefs, allowedRoutes, hostnames) →
 * {@code CrossServing} (HTTPRoute/GRPCRoute hostnames) → {@code RouteStatuses} → {@code
 * PortTableBuilder} and {@code VirtualHostBuilder} (listener isolation, {@code Precedence}) →
 * {@code StatusObjects}.
 *
 * <p>Decisions worth knowing (details where they are implemented):
 *
 * <ul>
 *   <li>observedGeneration = metadata.generation, 0 when absent; lastTransitionTime = the object's
 *       creationTimestamp, else the epoch; the status writer keeps the stored time of a condition
 *       whose status did not change ({@code Meta}, {@code Conditions}).
 *   <li>Every Gateway is served on one shared address: listeners of several Gateways on one port
 *       are merged; the oldest Gateway decides the port's protocol ({@code PortClaims}).
 *   <li>HTTPRoutes are never served; they are listed in supportedKinds, counted in attachedRoutes
 *       and take part in cross-serving ({@code ListenerTranslator}, {@code CrossServing}).
 *   <li>Invalid rules are dropped, valid ones served; PartiallyInvalid says which ({@code
 *       GrpcRouteTranslator}, {@code RouteStatuses}).
 * </ul>
 */
package io.grpcconformance.gateway.translate;
