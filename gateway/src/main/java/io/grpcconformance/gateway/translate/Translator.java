package io.grpcconformance.gateway.translate;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewaySpec;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ParentReference;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.RouteParentStatus;
import io.grpcconformance.gateway.routing.PortRoutes;
import io.grpcconformance.gateway.routing.RoutingTable;
import io.grpcconformance.gateway.tls.FakeCertificate;
import io.grpcconformance.gateway.translate.ingress.IngressTranslation;
import io.grpcconformance.gateway.translate.ingress.IngressTranslator;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.stream.Collectors;

/**
 * The pure translation from a {@link GatewaySnapshot} to a routing table plus statuses. It holds
 * only configuration, never a client or randomness, so the same snapshot always gives the same
 * result (golden-file tests rely on this).
 *
 * <p>Time: the only time-dependent check is whether a TLS leaf certificate is valid (not expired,
 * not yet valid). The instant comes from the {@link Clock} given to the constructor, read once per
 * {@link #translate} call; tests pass a fixed clock. Nothing else reads it: condition
 * lastTransitionTime is fixed ({@link Meta#transitionTime}). A certificate that expires between two
 * snapshots is noticed at the next translation.
 *
 * <p>The table's generation is 0; the runtime numbers the tables it applies.
 *
 * <p>Threading: a Translator is immutable and {@link #translate} keeps all its state local, so one
 * instance may translate from several threads at once.
 */
public final class Translator {
  private final TranslatorConfig config;
  private final Clock clock;
  private final BiFunction<GatewaySnapshot, TranslatorConfig, IngressTranslation> ingress;

  /** A translator that checks certificate validity against the system clock. */
  public Translator(TranslatorConfig config) {
    this(config, Clock.systemUTC());
  }

  /** A translator that checks certificate validity against {@code clock}. */
  public Translator(TranslatorConfig config, Clock clock) {
    this(config, clock, new IngressTranslator(FakeCertificate.get(), clock)::translate);
  }

  Translator(TranslatorConfig config, Clock clock,
      BiFunction<GatewaySnapshot, TranslatorConfig, IngressTranslation> ingress) {
    this.config = Objects.requireNonNull(config, "config");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.ingress = Objects.requireNonNull(ingress, "ingress");
  }

  public TranslatorConfig config() {
    return config;
  }

  /** Translates {@code snapshot}; bad input becomes statuses and problems, never an exception. */
  public TranslationResult translate(GatewaySnapshot snapshot) {
    Instant now = clock.instant();
    List<String> problems = new ArrayList<>();
    SnapshotIndex index = new SnapshotIndex(snapshot);
    IngressTranslation ingressResult = translateIngress(snapshot, problems);

    // 1. Classes and Gateways; listeners checked on their own, then ports shared out.
    GatewayClassTranslator classes =
        new GatewayClassTranslator(config.controllerName(), snapshot.gatewayClasses());
    Map<String, GatewayState> gateways = gateways(snapshot, index, classes, now);
    PortClaims.apply(new ArrayList<>(gateways.values()), ingressResult.ports().keySet());
    gateways.values().forEach(gw -> listenerProblems(gw, problems));

    // 2. Routes: compile, attach to listeners, decide HTTPRoute/GRPCRoute cross-serving.
    List<GRPCRoute> grpcRoutes = SnapshotIndex.sortedByKey(snapshot.grpcRoutes());
    Attachments attachments = attach(snapshot, grpcRoutes, gateways, index);

    // 3. Route statuses, attachedRoutes, and what programmed listeners serve.
    PortTableBuilder table = new PortTableBuilder();
    gateways.values().forEach(gw -> gw.listeners.stream().filter(ListenerState::programmed)
        .forEach(table::listener));
    List<HasMetadata> routeStatuses = new ArrayList<>();
    for (GRPCRoute route : grpcRoutes) {
      routeStatuses.add(routeStatus(route, attachments, table, problems));
    }
    countHttpRoutes(attachments);

    // 4. The table (Ingress ports included) and the statuses.
    Map<Integer, PortRoutes> ports = new TreeMap<>(table.build());
    ports.putAll(ingressResult.ports()); // PortClaims kept listeners off Ingress ports
    List<HasMetadata> statuses = new ArrayList<>(classes.statuses());
    gateways.values().stream().map(StatusObjects::gateway)
        .sorted(Comparator.comparing(Meta::key)).forEach(statuses::add);
    statuses.addAll(routeStatuses);
    statuses.addAll(ingressResult.statuses());
    problems.addAll(ingressResult.problems());
    return new TranslationResult(new RoutingTable(0, ports), statuses, problems);
  }

  /**
   * Routes attached to listeners.
   *
   * @param compiled GRPCRoutes by "{namespace}/{name}"
   * @param grpcParents parent outcomes of each GRPCRoute
   * @param httpParents parent outcomes of each HTTPRoute
   * @param losers listener → "Kind ns/name" of routes that lost cross-serving there
   * @param missingParents GRPCRoute key → problems for parentRefs naming absent Gateways
   */
  private record Attachments(
      Map<String, CompiledRoute> compiled,
      Map<String, List<RouteAttachment.Parent>> grpcParents,
      Map<String, List<String>> missingParents,
      Map<String, List<RouteAttachment.Parent>> httpParents,
      Map<ListenerState, Set<String>> losers) {}

  private Attachments attach(GatewaySnapshot snapshot, List<GRPCRoute> grpcRoutes,
      Map<String, GatewayState> gateways, SnapshotIndex index) {
    GrpcRouteTranslator routeTranslator = new GrpcRouteTranslator(new BackendResolver(index));
    Map<String, CompiledRoute> compiled = new LinkedHashMap<>();
    Map<String, List<RouteAttachment.Parent>> grpcParents = new LinkedHashMap<>();
    Map<String, List<String>> missingParents = new LinkedHashMap<>();
    Set<String> existingGateways = snapshot.gateways().stream().map(Meta::key)
        .collect(Collectors.toSet());
    List<CrossServing.Claim> claims = new ArrayList<>();
    for (GRPCRoute route : grpcRoutes) {
      CompiledRoute c = routeTranslator.compile(route);
      List<ParentReference> parentRefs =
          route.getSpec() == null ? null : route.getSpec().getParentRefs();
      List<RouteAttachment.Parent> parents = RouteAttachment.attach("GRPCRoute", route,
          parentRefs, route.getSpec() == null ? null : route.getSpec().getHostnames(), gateways,
          index);
      compiled.put(c.key(), c);
      grpcParents.put(c.key(), parents);
      missingParents.put(c.key(),
          RouteAttachment.missingGateways(route, parentRefs, existingGateways));
      if (c.implemented()) {
        addClaims("GRPCRoute", route, parents, claims); // only served routes can win hosts
      }
    }
    Map<String, List<RouteAttachment.Parent>> httpParents = new LinkedHashMap<>();
    for (HTTPRoute route : SnapshotIndex.sortedByKey(snapshot.httpRoutes())) {
      List<RouteAttachment.Parent> parents = RouteAttachment.attach("HTTPRoute", route,
          route.getSpec() == null ? null : route.getSpec().getParentRefs(),
          route.getSpec() == null ? null : route.getSpec().getHostnames(), gateways, index);
      httpParents.put(Meta.key(route), parents);
      addClaims("HTTPRoute", route, parents, claims);
    }
    return new Attachments(compiled, grpcParents, missingParents, httpParents,
        CrossServing.losers(claims));
  }

  /** The status of one GRPCRoute; counts it on listeners and serves it where it is accepted. */
  private HasMetadata routeStatus(GRPCRoute route, Attachments attachments,
      PortTableBuilder table, List<String> problems) {
    CompiledRoute c = attachments.compiled().get(Meta.key(route));
    routeProblems(c, problems);
    problems.addAll(attachments.missingParents().get(c.key()));
    List<RouteParentStatus> statuses = new ArrayList<>();
    for (RouteAttachment.Parent parent : attachments.grpcParents().get(c.key())) {
      List<ListenerState> lostOn = parent.listeners().stream()
          .map(RouteAttachment.ListenerAttachment::listener)
          .filter(l -> attachments.losers().getOrDefault(l, Set.of())
              .contains("GRPCRoute " + c.key()))
          .toList();
      RouteStatuses.Outcome outcome =
          RouteStatuses.parent(c, parent, lostOn, config.controllerName());
      statuses.add(outcome.status());
      if (parent.reason() != null) {
        problems.add(Meta.describe(route) + " parentRef " + parent.parentRef().getNamespace()
            + "/" + parent.parentRef().getName() + ": " + parent.reason() + ": "
            + parent.message());
      }
      for (RouteAttachment.ListenerAttachment a : outcome.served()) {
        a.listener().attachedRoutes.add("GRPCRoute " + c.key());
        if (a.listener().programmed()) {
          table.serve(a.listener(), c, a.hostnames());
        }
      }
    }
    return StatusObjects.grpcRoute(route, statuses);
  }

  /**
   * HTTPRoutes are never served; they are counted in attachedRoutes (the GATEWAY-GRPC profile's
   * GatewayModifyListeners expects an attached HTTPRoute) unless they lost cross-serving there.
   */
  private static void countHttpRoutes(Attachments attachments) {
    attachments.httpParents().forEach((key, parents) -> parents.forEach(p ->
        p.listeners().forEach(a -> {
          if (!attachments.losers().getOrDefault(a.listener(), Set.of())
              .contains("HTTPRoute " + key)) {
            a.listener().attachedRoutes.add("HTTPRoute " + key);
          }
        })));
  }

  private IngressTranslation translateIngress(GatewaySnapshot snapshot, List<String> problems) {
    try {
      IngressTranslation t = ingress.apply(snapshot, config);
      return new IngressTranslation(t.ports() == null ? Map.of() : t.ports(),
          t.statuses() == null ? List.of() : t.statuses(),
          t.problems() == null ? List.of() : t.problems());
    } catch (RuntimeException e) {
      problems.add("Ingress translation failed: " + e.getClass().getSimpleName()
          + "; Ingresses are not served");
      return new IngressTranslation(Map.of(), List.of(), List.of());
    }
  }

  /** Our Gateways (class named by an owned GatewayClass), oldest first, by "{namespace}/{name}". */
  private static Map<String, GatewayState> gateways(GatewaySnapshot snapshot, SnapshotIndex index,
      GatewayClassTranslator classes, Instant now) {
    ListenerTranslator listeners = new ListenerTranslator(new CertificateResolver(index, now));
    List<Gateway> ours = new ArrayList<>();
    for (Gateway gw : snapshot.gateways()) {
      if (gw.getSpec() != null && classes.isOurs(gw.getSpec().getGatewayClassName())) {
        ours.add(gw);
      }
    }
    ours.sort(Meta.OLDEST_FIRST);
    Map<String, GatewayState> out = new LinkedHashMap<>();
    for (Gateway gw : ours) {
      String[] reject = rejection(gw, classes);
      out.put(Meta.key(gw), new GatewayState(gw, listeners.translate(gw), reject[0], reject[1]));
    }
    return out;
  }

  /** [reason, message] when the Gateway itself cannot be accepted, else [null, null]. */
  private static String[] rejection(Gateway gw, GatewayClassTranslator classes) {
    GatewaySpec spec = gw.getSpec();
    String classProblem = classes.rejection(spec.getGatewayClassName());
    if (classProblem != null) {
      return new String[] {Conditions.REASON_INVALID, "GatewayClass "
          + spec.getGatewayClassName() + " is not accepted: " + classProblem};
    }
    if (spec.getInfrastructure() != null && spec.getInfrastructure().getParametersRef() != null) {
      // gateway_types.go GatewayInfrastructure.ParametersRef: an unsupported reference gives
      // Accepted=False/InvalidParameters (conformance GatewayInvalidParametersRef).
      var ref = spec.getInfrastructure().getParametersRef();
      return new String[] {Conditions.REASON_INVALID_PARAMETERS,
          "spec.infrastructure.parametersRef: this controller takes no parameters (got "
              + ref.getGroup() + "/" + ref.getKind() + " " + ref.getName() + ")"};
    }
    if (spec.getAddresses() != null && !spec.getAddresses().isEmpty()) {
      return new String[] {Conditions.REASON_UNSUPPORTED_ADDRESS, "spec.addresses: requested"
          + " addresses are not supported; the gateway serves on its configured bind address"};
    }
    return new String[] {null, null};
  }

  private static void addClaims(String kind, HasMetadata route,
      List<RouteAttachment.Parent> parents, List<CrossServing.Claim> claims) {
    for (RouteAttachment.Parent p : parents) {
      for (RouteAttachment.ListenerAttachment a : p.listeners()) {
        claims.add(new CrossServing.Claim(kind, route, a.listener(), a.hostnames()));
      }
    }
  }

  private static void listenerProblems(GatewayState gw, List<String> problems) {
    String gateway = Meta.describe(gw.gateway);
    if (gw.rejectReason != null) {
      problems.add(gateway + ": " + gw.rejectReason + ": " + gw.rejectMessage);
    }
    for (ListenerState l : gw.listeners) {
      if (!l.accepted()) {
        problems.add(l.describe() + ": " + l.notAcceptedReason + ": " + l.notAcceptedMessage);
      }
      if (l.conflicted()) {
        problems.add(l.describe() + ": " + l.conflictReason + ": " + l.conflictMessage);
      }
      for (String m : l.unresolvedMessages) {
        problems.add(gateway + " " + m);
      }
    }
  }

  private static void routeProblems(CompiledRoute c, List<String> problems) {
    String route = Meta.describe(c.route());
    if (c.routeProblem() != null) {
      problems.add(route + " " + c.routeProblem());
    }
    c.dropped().forEach(d -> problems.add(route + " " + d + " (rule dropped)"));
    c.refsProblems().forEach(p -> problems.add(route + " " + p));
  }
}
