package io.grpcconformance.harness.env;

import io.grpcconformance.harness.config.ConformanceConfig;
import java.util.Collection;
import java.util.Optional;

/**
 * Decides whether a scenario runs, from its tags: the environment may not run anything, may lack a
 * capability a tag asks for, or the implementation under test may not support a tagged feature. A
 * skipped scenario is counted as skipped with the returned reason.
 */
public final class SkipPolicy {

  private SkipPolicy() {}

  /** Why a scenario with {@code tags} must be skipped, or empty when it runs. */
  public static Optional<String> reasonToSkip(
      Collection<String> tags, Environment env, ConformanceConfig config) {
    Optional<String> envReason = env.skipReason();
    if (envReason.isPresent()) {
      return envReason;
    }
    for (Capability c : Capability.values()) {
      if (!c.tag().isEmpty() && tags.contains(c.tag())) {
        Optional<String> missing = env.missing(c);
        if (missing.isPresent()) {
          return missing;
        }
      }
    }
    for (String unsupported : config.unsupportedTags()) {
      if (tags.contains(unsupported)) {
        return Optional.of(
            "the implementation under test does not support "
                + unsupported
                + " (conformance.unsupportedTags)");
      }
    }
    return Optional.empty();
  }
}
