package io.grpcconformance.harness.cluster;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Decides which kube context a run may use: the one named by {@code -Dconformance.kubeContext}, else the
 * kubeconfig's current context, and only when it is on the allow-list ({@code kind-devops}, {@code k3s-*} by
 * default; {@code *} is a wildcard). The suite creates and deletes namespaces, so it never falls back to a
 * context the user did not choose (cluster.md §5.3).
 */
public final class KubeContextGuard {
  private final List<String> allowList;
  private final List<Pattern> patterns;

  public KubeContextGuard(List<String> allowList) {
    this.allowList = List.copyOf(allowList);
    this.patterns = this.allowList.stream().map(KubeContextGuard::glob).toList();
  }

  /** The outcome: a context to use, or why none may be used. */
  public sealed interface Decision permits Allowed, Refused {}

  /** The context the run may use. */
  public record Allowed(String context) implements Decision {}

  /** No context may be used. */
  public record Refused(PreflightFailure failure) implements Decision {}

  /**
   * @param requested {@code conformance.kubeContext}, if set
   * @param current the kubeconfig's current-context, if any
   * @param known every context name in the kubeconfig
   */
  public Decision decide(Optional<String> requested, Optional<String> current, Set<String> known) {
    Optional<String> chosen = requested.or(() -> current);
    if (chosen.isEmpty()) {
      return refuse("no kube context: none named and the kubeconfig has no current context",
          "-Dconformance.kubeContext=kind-devops (after lab/up.sh)");
    }
    String name = chosen.get();
    String how = requested.isPresent() ? "named by conformance.kubeContext" : "the current context";
    if (!known.contains(name)) {
      return refuse("kube context '" + name + "' (" + how + ") not found in the kubeconfig",
          "lab/up.sh, or point KUBECONFIG at the right file");
    }
    if (!allowed(name)) {
      return refuse("kube context '" + name + "' (" + how + ") is not on the allow-list " + allowList
              + "; the suite creates and deletes namespaces there",
          "-Dconformance.kubeContext=<an allowed context>, or add it to -Dconformance.allowedContexts"
              + " if that cluster is disposable");
    }
    return new Allowed(name);
  }

  /** True when the name matches an allow-list entry. */
  public boolean allowed(String context) {
    return patterns.stream().anyMatch(p -> p.matcher(context).matches());
  }

  private static Refused refuse(String reason, String fix) {
    return new Refused(new PreflightFailure("kube context", reason, fix));
  }

  /** {@code *} matches any run of characters; everything else is literal. */
  private static Pattern glob(String entry) {
    return Pattern.compile(Arrays.stream(entry.split("\\*", -1))
        .map(part -> part.isEmpty() ? "" : Pattern.quote(part))
        .collect(Collectors.joining(".*")));
  }
}
