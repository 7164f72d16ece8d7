package io.grpcconformance.netpol;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Computes which pods may reach which under a set of NetworkPolicies (networking.k8s.io/v1
 * semantics, as cyclonus' {@code pkg/matcher} and the upstream e2e expectations read them):
 *
 * <ul>
 *   <li>a pod selected by no policy for a direction is open in that direction;
 *   <li>a selected pod admits only what at least one selecting policy's rule allows (union);
 *   <li>traffic flows only if ingress at the destination AND egress at the source allow it.
 * </ul>
 *
 * <p>Instances are immutable and thread-safe. Loopback cells (a pod to itself) follow the same
 * rules; a prober should ignore them ({@link MatrixDiff#compare(Matrix, Matrix, boolean)}).
 */
public final class ReachabilityEngine {

  private final ClusterModel model;
  private final List<CompiledPolicy> policies;

  /**
   * An engine for {@code policies} over {@code model}. A policy without a namespace is in {@code
   * default}.
   *
   * @throws InvalidPolicyException for the first policy the API server would refuse
   */
  public ReachabilityEngine(ClusterModel model, List<NetworkPolicy> policies) {
    this.model = Objects.requireNonNull(model, "model");
    List<CompiledPolicy> compiled = new ArrayList<>();
    for (NetworkPolicy policy : policies) {
      List<PolicyProblem> problems = PolicyValidator.validate(policy);
      if (!problems.isEmpty()) {
        throw new InvalidPolicyException(describe(policy), problems);
      }
      compiled.add(new CompiledPolicy(policy));
    }
    this.policies = List.copyOf(compiled);
  }

  /** The pods and namespaces this engine evaluates. */
  public ClusterModel model() {
    return model;
  }

  /** Whether {@code src} may open a connection to {@code dst} on {@code port}/{@code protocol}. */
  public boolean allowed(PodInfo src, PodInfo dst, int port, Protocol protocol) {
    return verdict(src, dst, port, protocol).allowed();
  }

  /** {@link #allowed(PodInfo, PodInfo, int, Protocol)} by pod keys ({@code namespace/name}). */
  public boolean allowed(String srcKey, String dstKey, int port, Protocol protocol) {
    return allowed(pod(srcKey), pod(dstKey), port, protocol);
  }

  /** The decision with the policies that isolate and allow each direction. */
  public Verdict verdict(PodInfo src, PodInfo dst, int port, Protocol protocol) {
    checkPort(port);
    Objects.requireNonNull(protocol, "protocol");
    List<String> ingressSelecting = new ArrayList<>();
    List<String> ingressAllowing = new ArrayList<>();
    List<String> egressSelecting = new ArrayList<>();
    List<String> egressAllowing = new ArrayList<>();
    for (CompiledPolicy policy : policies) {
      if (policy.selectsForIngress(dst)) {
        ingressSelecting.add(policy.id());
        if (policy.allowsIngress(src, dst, port, protocol, model)) {
          ingressAllowing.add(policy.id());
        }
      }
      if (policy.selectsForEgress(src)) {
        egressSelecting.add(policy.id());
        if (policy.allowsEgress(src, dst, port, protocol, model)) {
          egressAllowing.add(policy.id());
        }
      }
    }
    return new Verdict(
        new DirectionVerdict(ingressSelecting, ingressAllowing),
        new DirectionVerdict(egressSelecting, egressAllowing));
  }

  /** The expected matrix for every ordered pair of model pods on {@code port}/{@code protocol}. */
  public Matrix matrix(int port, Protocol protocol) {
    checkPort(port);
    Map<String, PodInfo> byKey = new LinkedHashMap<>();
    model.pods().forEach(p -> byKey.put(p.key(), p));
    return Matrix.of(
        model.podKeys(), (from, to) -> allowed(byKey.get(from), byKey.get(to), port, protocol));
  }

  /**
   * Policies ({@code namespace/name}) that select no pod of the model: they change nothing here.
   */
  public List<String> policiesSelectingNoPod() {
    return policies.stream()
        .filter(p -> model.pods().stream().noneMatch(p::selects))
        .map(CompiledPolicy::id)
        .toList();
  }

  private PodInfo pod(String key) {
    return model.pod(key).orElseThrow(() -> new IllegalArgumentException("no pod " + key));
  }

  private static void checkPort(int port) {
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port " + port + " is not between 1 and 65535");
    }
  }

  /** {@code namespace/name} of a policy, tolerating missing metadata. */
  static String describe(NetworkPolicy policy) {
    String ns = policy.getMetadata() == null ? null : policy.getMetadata().getNamespace();
    String name = policy.getMetadata() == null ? null : policy.getMetadata().getName();
    return (ns == null || ns.isEmpty() ? CompiledPolicy.DEFAULT_NAMESPACE : ns)
        + "/"
        + (name == null || name.isEmpty() ? "<unnamed>" : name);
  }
}
