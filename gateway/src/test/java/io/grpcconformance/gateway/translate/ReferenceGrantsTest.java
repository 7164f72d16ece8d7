package io.grpcconformance.gateway.translate;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.gatewayapi.v1.ReferenceGrant;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ReferenceGrantBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ReferenceGrant matching: every field must match; entries OR; no name covers all objects. */
class ReferenceGrantsTest {
  private static final String GW = "gateway.networking.k8s.io";

  private static ReferenceGrant grant(String ns, String fromKind, String fromNs, String toKind,
      String toName) {
    return new ReferenceGrantBuilder().withNewMetadata().withName("g").withNamespace(ns)
        .endMetadata().withNewSpec()
        .addNewFrom().withGroup(GW).withKind(fromKind).withNamespace(fromNs).endFrom()
        .addNewTo().withGroup("").withKind(toKind).withName(toName).endTo()
        .endSpec().build();
  }

  @Test
  void sameNamespaceNeedsNoGrant() {
    ReferenceGrants none = new ReferenceGrants(List.of());
    assertThat(none.permits(GW, "GRPCRoute", "a", "", "Service", "a", "s")).isTrue();
  }

  @Test
  void grantWithoutNameCoversEveryObjectOfTheKind() {
    ReferenceGrants g = new ReferenceGrants(List.of(grant("b", "GRPCRoute", "a", "Service", null)));
    assertThat(g.permits(GW, "GRPCRoute", "a", "", "Service", "b", "any")).isTrue();
  }

  @Test
  void everyFieldMustMatch() {
    ReferenceGrants g = new ReferenceGrants(List.of(grant("b", "GRPCRoute", "a", "Service", "s")));
    assertThat(g.permits(GW, "GRPCRoute", "a", "", "Service", "b", "s")).isTrue();
    assertThat(g.permits(GW, "GRPCRoute", "a", "", "Service", "b", "t")).isFalse(); // to.name
    assertThat(g.permits(GW, "HTTPRoute", "a", "", "Service", "b", "s")).isFalse(); // from.kind
    assertThat(g.permits(GW, "GRPCRoute", "c", "", "Service", "b", "s")).isFalse(); // from.ns
    assertThat(g.permits("x.io", "GRPCRoute", "a", "", "Service", "b", "s")).isFalse(); // group
    assertThat(g.permits(GW, "GRPCRoute", "a", "", "Secret", "b", "s")).isFalse(); // to.kind
    assertThat(g.permits(GW, "GRPCRoute", "a", "", "Service", "c", "s")).isFalse(); // grant ns
  }
}
