package io.grpcconformance.gateway.translate;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRouteBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClassBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteBuilder;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ReferenceGrantBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Half-filled objects (as a manifests folder may hold) never make the translator throw. */
class TranslatorRobustnessTest {

  @Test
  void emptySnapshot() {
    TranslationResult r = new Translator(TranslatorConfig.defaults(), Fixtures.CLOCK)
        .translate(GatewaySnapshot.EMPTY);
    assertThat(r.table().ports()).isEmpty();
    assertThat(r.statuses()).isEmpty();
    assertThat(r.problems()).isEmpty();
  }

  @Test
  void objectsWithMissingFields() {
    GatewaySnapshot s = new GatewaySnapshot(
        List.of(new GatewayClassBuilder().withNewMetadata().withName("grpc").endMetadata()
            .withNewSpec().withControllerName("grpc-conformance.io/gateway").endSpec().build(),
            new GatewayClassBuilder().build()),
        List.of(new GatewayBuilder().withNewMetadata().withName("no-spec").endMetadata().build(),
            new GatewayBuilder().withNewMetadata().withName("gw").endMetadata().withNewSpec()
                .withGatewayClassName("grpc")
                .addNewListener().endListener()
                .addNewListener().withName("https").withProtocol("HTTPS").withPort(443)
                .withNewTls().addNewCertificateRef().endCertificateRef().endTls().endListener()
                .addNewListener().withName("h").withProtocol("HTTP").withPort(80)
                .withNewAllowedRoutes().withNewNamespaces().withFrom("Selector").endNamespaces()
                .endAllowedRoutes().endListener()
                .addNewListener().withName("ok").withProtocol("HTTP").withPort(8080).endListener()
                .endSpec().build()),
        List.of(new GRPCRouteBuilder().withNewMetadata().withName("no-spec").endMetadata().build(),
            new GRPCRouteBuilder().withNewMetadata().withName("r").endMetadata().withNewSpec()
                .addNewParentRef().endParentRef()
                .addNewParentRef().withName("gw").endParentRef()
                .addNewRule().addNewMatch().withNewMethod().endMethod().addNewHeader().endHeader()
                .endMatch().endRule()
                .addNewRule().addNewFilter().endFilter().endRule()
                .addNewRule().addNewBackendRef().endBackendRef().endRule()
                .addNewRule().addNewFilter().withType("RequestHeaderModifier").endFilter().endRule()
                .endSpec().build()),
        List.of(new HTTPRouteBuilder().build(), new HTTPRouteBuilder().withNewMetadata()
            .withName("h").endMetadata().withNewSpec().addNewParentRef().withName("gw")
            .endParentRef().endSpec().build()),
        List.of(new ReferenceGrantBuilder().build(),
            new ReferenceGrantBuilder().withNewMetadata().withName("g").withNamespace("x")
                .endMetadata().withNewSpec().addNewFrom().endFrom().addNewTo().endTo().endSpec()
                .build()),
        List.of(new NamespaceBuilder().build()),
        List.of(new ServiceBuilder().withNewMetadata().withName("s").endMetadata().build()),
        List.of(new EndpointSliceBuilder().withNewMetadata().withName("e")
            .addToLabels("kubernetes.io/service-name", "s").endMetadata().build()),
        List.of(new SecretBuilder().withNewMetadata().withName("t").endMetadata()
            .withType("kubernetes.io/tls").build()),
        List.of(), List.of());
    TranslationResult r = new Translator(TranslatorConfig.defaults(), Fixtures.CLOCK).translate(s);
    assertThat(r.table().ports()).containsOnlyKeys(8080);
    assertThat(r.problems()).isNotEmpty().allMatch(p -> !p.contains("\n"));
    assertThat(TranslatorGoldenTest.render(r)).isNotEmpty();
  }
}
