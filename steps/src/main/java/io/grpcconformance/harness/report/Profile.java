package io.grpcconformance.harness.report;

import java.util.List;
import java.util.Optional;

/**
 * A section of the ConformanceReport and the capability tag that puts a scenario in it. The Gateway
 * API profile {@code GATEWAY-GRPC} takes the {@code @grpcroute} scenarios; the others are this
 * suite's own profiles (registered the way upstream's {@code RegisterConformanceProfile} allows).
 * Each scenario is counted in exactly one profile: the first in {@link #ALL} whose tag it carries,
 * or {@link #OTHER}; so the profile statistics add up to Cucumber's totals.
 *
 * @param name profile name in the report
 * @param tag the capability tag, e.g. {@code @grpcroute}
 */
public record Profile(String name, String tag) {

  /** Scenarios with none of the capability tags. */
  public static final Profile OTHER = new Profile("GRPC-OTHER", "");

  /** The profiles in report order, which is also the order ties are broken in. */
  public static final List<Profile> ALL =
      List.of(
          new Profile("GATEWAY-GRPC", "@grpcroute"),
          new Profile("GATEWAY-GRPC-TLS", "@tls"),
          new Profile("GRPC-REFLECTION", "@reflection"),
          new Profile("INGRESS-GRPC", "@ingress"),
          new Profile("GRPC-AUTH", "@auth"),
          new Profile("GRPC-STREAMING", "@streaming"),
          new Profile("GRPC-ISOLATION", "@isolation"));

  /** The profile {@code outcome} is counted in. */
  public static Profile of(ScenarioOutcome outcome) {
    Optional<Profile> p = ALL.stream().filter(x -> outcome.hasTag(x.tag())).findFirst();
    return p.orElse(OTHER);
  }
}
