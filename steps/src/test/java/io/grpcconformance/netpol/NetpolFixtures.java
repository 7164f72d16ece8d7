package io.grpcconformance.netpol;

import static org.assertj.core.api.Assertions.fail;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.Arrays;
import java.util.List;

/** Helpers for engine tests: policies from YAML, expected matrices from upstream-style tables. */
final class NetpolFixtures {

  /** The header of a 9x9 standard-model table. */
  static final String HEADER = "-   x/a x/b x/c y/a y/b y/c z/a z/b z/c\n";

  private NetpolFixtures() {}

  /** A NetworkPolicy from a YAML document. */
  static NetworkPolicy policy(String yaml) {
    return Serialization.unmarshal(yaml, NetworkPolicy.class);
  }

  /** The engine's matrix for {@code policies} on the IPv4 standard model. */
  static Matrix compute(int port, Protocol protocol, NetworkPolicy... policies) {
    return compute(StandardModel.create(), port, protocol, policies);
  }

  /** The engine's matrix for {@code policies} on {@code model}. */
  static Matrix compute(
      ClusterModel model, int port, Protocol protocol, NetworkPolicy... policies) {
    return new ReachabilityEngine(model, Arrays.asList(policies)).matrix(port, protocol);
  }

  /** A standard-model matrix from nine rows written after {@link #HEADER}. */
  static Matrix table(String rows) {
    return Matrix.parseTable(HEADER + rows);
  }

  /** The standard model with every cell allowed. */
  static Matrix allAllowed() {
    return Matrix.builder(StandardModel.create().podKeys(), true).build();
  }

  /**
   * Fails with expected, observed and comparison tables unless every cell (loopback too) agrees.
   */
  static void assertMatrix(Matrix actual, Matrix expected) {
    MatrixDiff diff = MatrixDiff.compare(expected, actual, false);
    if (!diff.matches()) {
      fail("matrix differs from the expectation\n" + diff.report());
    }
  }

  /** The standard model with pod labels of {@code key} replaced. */
  static ClusterModel withPodLabels(
      ClusterModel model, String key, java.util.Map<String, String> labels) {
    List<PodInfo> pods =
        model.pods().stream()
            .map(
                p ->
                    p.key().equals(key)
                        ? new PodInfo(p.namespace(), p.name(), labels, p.ip(), p.ports())
                        : p)
            .toList();
    return new ClusterModel(model.namespaces(), pods);
  }

  /** The model with namespace {@code name}'s labels replaced. */
  static ClusterModel withNamespaceLabels(
      ClusterModel model, String name, java.util.Map<String, String> labels) {
    List<NamespaceInfo> namespaces =
        model.namespaces().stream()
            .map(n -> n.name().equals(name) ? new NamespaceInfo(name, labels) : n)
            .toList();
    return new ClusterModel(namespaces, model.pods());
  }
}
