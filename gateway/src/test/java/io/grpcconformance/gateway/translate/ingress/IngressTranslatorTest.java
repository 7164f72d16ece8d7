package io.grpcconformance.gateway.translate.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.grpcconformance.gateway.routing.PortRoutes;
import io.grpcconformance.gateway.routing.Route;
import io.grpcconformance.gateway.routing.ServerCertificate;
import io.grpcconformance.gateway.routing.VirtualHost;
import io.grpcconformance.gateway.routing.WeightedBackend.BackendProtocol;
import io.grpcconformance.gateway.tls.FakeCertificate;
import io.grpcconformance.gateway.tls.SelfSignedCertificates;
import io.grpcconformance.gateway.translate.GatewaySnapshot;
import io.grpcconformance.gateway.translate.TranslatorConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Behaviour of {@link IngressTranslator} checked on the IR itself, beside the golden files. */
class IngressTranslatorTest {
  private static final GoldenCertificates CERTIFICATES = new GoldenCertificates();
  private static final TranslatorConfig CONFIG = TranslatorConfig.defaults();
  private final IngressTranslator translator =
      new IngressTranslator(FakeCertificate.get(), IngressTranslatorGoldenTest.CLOCK);

  @Test
  void prefixIsElementWiseAndExactComesFirst() throws IOException {
    PortRoutes https = translate("path-precedence").ports().get(443);

    assertThat(origin(https, "api.example.com", "/com.example.User/GetUser"))
        .isEqualTo("Ingress default/older rule 0");
    assertThat(origin(https, "api.example.com", "/com.example.User"))
        .as("explicit Exact beats the Exact half of an older Prefix")
        .isEqualTo("Ingress default/younger rule 1");
    assertThat(origin(https, "api.example.com", "/com.example.User/Login"))
        .isEqualTo("Ingress default/older rule 1");
    assertThat(origin(https, "api.example.com", "/com.example.User/Logout/x"))
        .as("longest prefix").isEqualTo("Ingress default/younger rule 2");
    assertThat(origin(https, "api.example.com", "/com.example.UserAdmin/List"))
        .as("/com.example.User must not match /com.example.UserAdmin: falls to the root path")
        .isEqualTo("Ingress default/older rule 3");
    assertThat(origin(https, "api.example.com", "/helloworldX/Say"))
        .as("ImplementationSpecific is nginx's string prefix")
        .isEqualTo("Ingress default/older rule 2");
  }

  @Test
  void redirectAppliesOnlyToTheCleartextPortOfTlsHosts() throws IOException {
    IngressTranslation translation = translate("ssl-redirect");
    PortRoutes http = translation.ports().get(80);
    PortRoutes https = translation.ports().get(443);

    Route redirected = select(http, "default.example.com", "/helloworld.Greeter/SayHello");
    assertThat(redirected.action().direct()).hasValueSatisfying(d -> {
      assertThat(d.httpStatus()).isEqualTo(308);
      assertThat(d.grpcCode()).isEqualTo(2);
      assertThat(d.location()).isEqualTo("https://default.example.com/helloworld.Greeter/");
    });
    assertThat(select(http, "default.example.com", "/unknown.Service/X").action().direct())
        .as("the root location redirects too").isPresent();
    assertThat(select(https, "default.example.com", "/helloworld.Greeter/SayHello").action()
        .backends()).singleElement().satisfies(b -> {
          assertThat(b.protocol()).isEqualTo(BackendProtocol.H2C);
          assertThat(b.isValid()).isTrue();
        });
    assertThat(select(http, "optout.example.com", "/helloworld.Greeter/SayHello").action()
        .direct()).isEmpty();
    assertThat(select(http, "forced.example.com", "/helloworld.Greeter/SayHello").action()
        .direct()).isPresent();
    assertThat(select(http, "plain.example.com", "/helloworld.Greeter/SayHello").action()
        .direct()).isEmpty();
  }

  @Test
  void missingServiceIsAnInvalidBackendWithTheReason() throws IOException {
    PortRoutes https = translate("missing-service").ports().get(443);

    assertThat(select(https, "backends.example.com", "/missing.Service/Call").action().backends())
        .singleElement().satisfies(b -> {
          assertThat(b.isValid()).isFalse();
          assertThat(b.invalidReason()).contains("Service apps/nope not found");
        });
    assertThat(select(https, "backends.example.com", "/named.Port/Call").action().backends())
        .singleElement().satisfies(b -> assertThat(b.endpoints()).extracting(Object::toString)
            .containsExactly("127.0.0.2:9000", "127.0.0.3:9000"));
  }

  @Test
  void inputOrderDoesNotChangeTheResult() throws IOException {
    // Both files declare the same Services and slices; the duplicates must not matter either.
    String yaml = read("path-precedence") + "\n---\n" + read("default-backend");
    GatewaySnapshot snapshot = GoldenSnapshots.load(yaml, CERTIFICATES::resolve);
    String expected = GoldenRenderer.render(translator.translate(snapshot, CONFIG));
    Random random = new Random(42);
    for (int i = 0; i < 5; i++) {
      GatewaySnapshot shuffled = new GatewaySnapshot(List.of(), List.of(), List.of(), List.of(),
          List.of(), List.of(), shuffle(snapshot.services(), random),
          shuffle(snapshot.endpointSlices(), random), shuffle(snapshot.secrets(), random),
          shuffle(snapshot.ingresses(), random), shuffle(snapshot.ingressClasses(), random));
      assertThat(GoldenRenderer.render(translator.translate(shuffled, CONFIG)))
          .isEqualTo(expected);
    }
  }

  @Test
  void doesNotModifyTheSnapshot() throws IOException {
    GatewaySnapshot snapshot = snapshot("tls-invalid-secrets");
    String before = Serialization.asYaml(snapshot.ingresses()) + Serialization.asYaml(
        snapshot.secrets());
    translator.translate(snapshot, CONFIG);
    assertThat(Serialization.asYaml(snapshot.ingresses())
        + Serialization.asYaml(snapshot.secrets())).isEqualTo(before);
  }

  @Test
  void portsComeFromTheConfig() throws IOException {
    IngressTranslation translation = translator.translate(snapshot("tls-matching-secret"),
        new TranslatorConfig(TranslatorConfig.DEFAULT_CONTROLLER_NAME, List.of("nginx"), 8080,
            8443));
    assertThat(translation.ports()).containsOnlyKeys(8080, 8443);
    assertThat(translation.ports().get(8080).protocol()).isEqualTo(PortRoutes.Protocol.HTTP);
    assertThat(translation.ports().get(8443).protocol()).isEqualTo(PortRoutes.Protocol.HTTPS);
  }

  @Test
  void samePortForBothIsReportedAndServesHttps() throws IOException {
    IngressTranslation translation = translator.translate(snapshot("tls-matching-secret"),
        new TranslatorConfig(TranslatorConfig.DEFAULT_CONTROLLER_NAME, List.of("nginx"), 443,
            443));
    assertThat(translation.ports()).containsOnlyKeys(443);
    assertThat(translation.ports().get(443).protocol()).isEqualTo(PortRoutes.Protocol.HTTPS);
    assertThat(translation.problems()).anyMatch(p -> p.contains("both 443"));
  }

  @Test
  void fallbackCertificateAnswersAnySni() {
    ServerCertificate named = SelfSignedCertificates
        .selfSigned("default.example", List.of("default.example"), Duration.ofDays(1))
        .toServerCertificate("default.example", "flag --default-ssl-certificate");
    IngressTranslator withDefault = new IngressTranslator(named);
    assertThat(withDefault.fallbackCertificate().hostname()).isEmpty();
    assertThat(withDefault.fallbackCertificate().source())
        .isEqualTo("flag --default-ssl-certificate");
    assertThat(new IngressTranslator().fallbackCertificate().chain().get(0)
        .getSubjectX500Principal().getName())
        .isEqualTo("CN=Kubernetes Ingress Controller Fake Certificate,O=Acme Co");
  }

  @Test
  void expiryWarningIsTheOnlyClockDependentOutput() throws IOException {
    GatewaySnapshot snapshot = snapshot("tls-invalid-secrets");
    Clock before2001 = Clock.fixed(Instant.parse("2000-06-01T00:00:00Z"), ZoneOffset.UTC);
    IngressTranslation early = new IngressTranslator(FakeCertificate.get(), before2001)
        .translate(snapshot, CONFIG);
    IngressTranslation late = translator.translate(snapshot, CONFIG);

    assertThat(late.problems()).anyMatch(p -> p.contains("expired at 2001-01-01T00:00:00Z"));
    assertThat(early.problems()).noneMatch(p -> p.contains("expired"));
    assertThat(early.ports()).isEqualTo(late.ports());
    List<String> withoutExpiry = new ArrayList<>(late.problems());
    withoutExpiry.removeIf(p -> p.contains("expired at"));
    assertThat(early.problems()).isEqualTo(withoutExpiry);
  }

  private IngressTranslation translate(String name) throws IOException {
    return translator.translate(snapshot(name), CONFIG);
  }

  private static GatewaySnapshot snapshot(String name) throws IOException {
    return GoldenSnapshots.load(read(name), CERTIFICATES::resolve);
  }

  private static String read(String name) throws IOException {
    return Files.readString(IngressTranslatorGoldenTest.DIR.resolve(name + ".in.yaml"),
        StandardCharsets.UTF_8);
  }

  /** The route the data plane would take: the first of the host whose path condition holds. */
  private static Route select(PortRoutes port, String host, String path) {
    VirtualHost virtualHost = port.virtualHosts().stream()
        .filter(v -> v.hostname().equals(host)).findFirst().orElseThrow();
    return virtualHost.routes().stream().filter(r -> r.match().path().matches(path))
        .findFirst().orElse(null);
  }

  private static String origin(PortRoutes port, String host, String path) {
    Route route = select(port, host, path);
    return route == null ? "no route" : route.origin().toString();
  }

  private static <T> List<T> shuffle(List<T> list, Random random) {
    List<T> copy = new ArrayList<>(list);
    Collections.shuffle(copy, random);
    return copy;
  }
}
