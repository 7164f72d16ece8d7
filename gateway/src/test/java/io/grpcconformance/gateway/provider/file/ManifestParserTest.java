package io.grpcconformance.gateway.provider.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClass;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ReferenceGrant;
import io.grpcconformance.gateway.provider.ModelSerialization;
import io.grpcconformance.gateway.provider.file.ManifestParser.Parsed;
import io.grpcconformance.gateway.testkit.SelfSignedCertificate;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One document at a time: each bad kind of document gives exactly one problem line. */
class ManifestParserTest {
  private static final String FILE = "/m/routes.yaml";

  private static final String GOOD_GATEWAY = """
      apiVersion: gateway.networking.k8s.io/v1
      kind: Gateway
      metadata:
        name: example-gateway
      spec:
        gatewayClassName: grpc-conformance
        listeners:
        - name: grpc
          port: 80
          protocol: HTTP
      """;

  private static Parsed parse(String... documents) {
    return ManifestParser.parse(FILE, String.join("---\n", documents));
  }

  private static String onlyProblem(Parsed parsed) {
    assertThat(parsed.problems()).hasSize(1);
    return parsed.problems().get(0);
  }

  @Test
  void documentAboveTheYamlReadersLimit_isRefusedFast_namingTheLimit() {
    int limit = ModelSerialization.YAML_CODE_POINT_LIMIT;
    StringBuilder big = new StringBuilder(GOOD_GATEWAY).append("# ");
    while (big.length() <= limit) {
      big.append("padding padding padding padding padding padding padding padding\n# ");
    }
    big.append('\n');
    Parsed parsed = parse(big.toString(), GOOD_GATEWAY.replace("name: example-gateway",
        "name: after-the-big-one"));

    assertThat(parsed.problems()).singleElement().asString()
        .contains("document 1", "unparseable YAML", "size limit", "codePointLimit",
            "configured to " + limit + " code points");
    assertThat(parsed.objects()).singleElement()
        .satisfies(o -> assertThat(o.object().getMetadata().getName())
            .isEqualTo("after-the-big-one"));
  }

  @Test
  void yamlReadersLimit_isSnakeYamlsDefaultCodePointLimit() {
    assertThat(ModelSerialization.YAML_CODE_POINT_LIMIT).as("SnakeYAML's default: 3 MiB")
        .isEqualTo(3 * 1024 * 1024);
  }

  @Test
  void documentWithoutNamespace_isInDefault() {
    Parsed parsed = parse(GOOD_GATEWAY);

    assertThat(parsed.problems()).isEmpty();
    assertThat(parsed.objects()).singleElement().satisfies(located -> {
      assertThat(located.object()).isInstanceOf(Gateway.class);
      assertThat(located.object().getMetadata().getNamespace()).isEqualTo("default");
      assertThat(located.document()).isEqualTo(1);
    });
  }

  // The namespace is shown only once the kind is known to be namespaced.
  @Test
  void unknownApiVersion_namesFileIndexKindAndName_andKeepsTheRest() {
    String typo = """
        apiVersion: gateway.intnetworking.k8s.io/v1
        kind: GRPCRoute
        metadata:
          name: typo-route
        spec: {}
        """;
    Parsed parsed = parse(GOOD_GATEWAY, typo, GOOD_GATEWAY.replace("example-gateway", "second"));

    assertThat(onlyProblem(parsed)).isEqualTo(FILE + " document 2 (GRPCRoute typo-route): "
        + "unknown apiVersion/kind gateway.intnetworking.k8s.io/v1 GRPCRoute; document ignored");
    assertThat(parsed.objects()).extracting(l -> l.object().getMetadata().getName())
        .containsExactly("example-gateway", "second");
  }

  @Test
  void unknownKind_isReported() {
    String problem = onlyProblem(parse(GOOD_GATEWAY.replace("kind: Gateway", "kind: Gateway2")));

    assertThat(problem).startsWith(FILE + " document 1 (Gateway2 example-gateway): ")
        .contains("unknown apiVersion/kind gateway.networking.k8s.io/v1 Gateway2");
  }

  @Test
  void missingApiVersionOrKind_isReported() {
    Parsed parsed = parse(GOOD_GATEWAY.replace("apiVersion: gateway.networking.k8s.io/v1\n", ""),
        GOOD_GATEWAY.replace("kind: Gateway\n", ""));

    assertThat(parsed.problems()).containsExactly(
        FILE + " document 1 (Gateway example-gateway): missing apiVersion",
        FILE + " document 2 (? example-gateway): missing kind");
    assertThat(parsed.objects()).isEmpty();
  }

  @Test
  void unparseableYaml_givesLineInFile_andNeverTheSourceLine() {
    String broken = "apiVersion: v1\nkind: Service\nmetadata:\n  name: x\n password: hunter2\n";
    Parsed parsed = parse(GOOD_GATEWAY, broken, GOOD_GATEWAY.replace("example-gateway", "after"));

    String problem = onlyProblem(parsed);
    int firstLineOfSecondDocument = GOOD_GATEWAY.split("\n").length + 2;
    assertThat(problem)
        .startsWith(FILE + " document 2: unparseable YAML at line "
            + (firstLineOfSecondDocument + 4))
        .doesNotContain("hunter2");
    assertThat(parsed.objects()).hasSize(2);
  }

  @Test
  void duplicateKey_isUnparseable() {
    String problem = onlyProblem(parse(GOOD_GATEWAY + "kind: Gateway\n"));

    assertThat(problem).contains("document 1").contains("duplicate key \"kind\"");
  }

  @Test
  void unknownField_isAnError_withItsPath() {
    String route = """
        apiVersion: gateway.networking.k8s.io/v1
        kind: GRPCRoute
        metadata:
          name: foo-route
          namespace: apps
        spec:
          rules:
          - matchez:
            - method: {service: com.example.User}
        """;

    assertThat(onlyProblem(parse(route)))
        .isEqualTo(FILE + " document 1 (GRPCRoute apps/foo-route): "
            + "unknown field spec.rules[0].matchez");
  }

  @Test
  void wrongType_namesFieldAndExpectedType_butNotTheValue() {
    String problem = onlyProblem(parse(GOOD_GATEWAY.replace("port: 80", "port: eighty")));

    assertThat(problem).isEqualTo(FILE + " document 1 (Gateway default/example-gateway): "
        + "invalid field spec.listeners[0].port: expected an integer");
  }

  @Test
  void documentThatIsNotAMapping_isReported() {
    assertThat(onlyProblem(parse("- a\n- b\n"))).isEqualTo(
        FILE + " document 1: not a Kubernetes object (expected a mapping)");
  }

  @Test
  void blankAndCommentOnlyDocuments_areSkippedButCounted() {
    Parsed parsed = ManifestParser.parse(FILE,
        "# header\n---\n# only a comment\n---\n" + GOOD_GATEWAY.replace("port: 80", "port: x"));

    assertThat(onlyProblem(parsed)).contains(" document 2 ");
  }

  @Test
  void clusterScopedKinds_haveNoNamespace() {
    String gatewayClass = """
        apiVersion: gateway.networking.k8s.io/v1
        kind: GatewayClass
        metadata:
          name: grpc-conformance
          namespace: ignored
        spec:
          controllerName: grpc-conformance.io/gateway
        """;
    HasMetadata object = parse(gatewayClass).objects().get(0).object();

    assertThat(object).isInstanceOf(GatewayClass.class);
    assertThat(object.getMetadata().getNamespace()).isNull();
  }

  @Test
  void referenceGrantV1beta1_isReadAsV1() {
    String grant = """
        apiVersion: gateway.networking.k8s.io/v1beta1
        kind: ReferenceGrant
        metadata:
          name: allow-routes
          namespace: backends
        spec:
          from:
          - {group: gateway.networking.k8s.io, kind: GRPCRoute, namespace: apps}
          to:
          - {group: "", kind: Service}
        """;
    HasMetadata object = parse(grant).objects().get(0).object();

    assertThat(object).isInstanceOf(ReferenceGrant.class);
    assertThat(object.getApiVersion()).isEqualTo("gateway.networking.k8s.io/v1");
    assertThat(((ReferenceGrant) object).getSpec().getFrom().get(0).getNamespace())
        .isEqualTo("apps");
  }

  @Test
  void secretStringData_isEncodedIntoData() {
    String secret = """
        apiVersion: v1
        kind: Secret
        metadata: {name: creds}
        data:
          a: YWFh
        stringData:
          b: plain text
        """;
    Secret parsed = (Secret) parse(secret).objects().get(0).object();

    assertThat(parsed.getStringData()).isNull();
    assertThat(parsed.getType()).isEqualTo("Opaque");
    assertThat(parsed.getData()).containsEntry("a", "YWFh").containsEntry("b",
        Base64.getEncoder().encodeToString("plain text".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void secretProblems_neverQuoteKeyMaterial() {
    SelfSignedCertificate cert = SelfSignedCertificate.generate("example.com");
    String good = cert.secretYaml("example-com-tls", "default");
    List<String> bad = List.of(
        good.replace("\ndata:", "\ndatta:"),                               // unknown field
        good.replace("data:\n  tls.crt: " + cert.certificateBase64() + "\n  tls.key: ",
            "data: "),                                                      // wrong type
        good.replace("  tls.key: ", " tls.key: "),                          // unparseable
        good.replace("tls.key: " + cert.keyBase64(), "tls.key: '!!" + cert.keyBase64() + "'"),
        "apiVersion: v1\nkind: Secret\nmetadata: {name: s}\nstringData:\n  tls.key: ["
            + cert.keyPem().lines().skip(1).findFirst().orElseThrow() + "]\n");

    Parsed parsed = parse(good, String.join("---\n", bad));

    assertThat(parsed.objects()).singleElement()
        .satisfies(l -> assertThat(((Secret) l.object()).getData())
            .containsEntry("tls.key", cert.keyBase64()));
    assertThat(parsed.problems()).hasSize(bad.size());
    String all = String.join("\n", parsed.problems());
    assertThat(all)
        .doesNotContain(cert.keyBase64().substring(0, 40))
        .doesNotContain(cert.keyBodyLine())
        .doesNotContain(cert.keyPem().lines().skip(1).findFirst().orElseThrow());
    assertThat(parsed.problems()).allSatisfy(p -> assertThat(p).startsWith(FILE + " document "));
  }
}
