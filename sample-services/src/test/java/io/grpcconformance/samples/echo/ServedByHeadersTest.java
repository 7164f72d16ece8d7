package io.grpcconformance.samples.echo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.InternalMetadata;
import io.grpc.Metadata;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpcconformance.samples.SampleServer;
import io.grpcconformance.samples.proto.helloworld.GreeterGrpc;
import io.grpcconformance.samples.proto.helloworld.HelloRequest;
import io.grpcconformance.samples.testing.Clients;
import io.grpcconformance.samples.testing.HeaderCapture;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What a test can see of the request that reached the backend: x-served-* and x-request-echo-bin.
 */
class ServedByHeadersTest {

  private static SampleServer server;
  private final Clients clients = new Clients();

  @BeforeAll
  static void start() throws Exception {
    server =
        SampleServer.builder(SampleServer.Kind.GREETER)
            .name("echo-v1")
            .podName("echo-v1-7d9f-abcde")
            .podNamespace("gateway-conformance-app")
            .start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @AfterEach
  void closeClients() throws InterruptedException {
    clients.close();
  }

  private ServedBy sayHello(Metadata requestHeaders, String authority) {
    NettyChannelBuilder builder =
        NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext();
    if (authority != null) {
      builder.overrideAuthority(authority);
    }
    HeaderCapture capture = new HeaderCapture();
    capture
        .on(GreeterGrpc.newBlockingStub(clients.track(builder)), requestHeaders)
        .withDeadlineAfter(10, TimeUnit.SECONDS)
        .sayHello(HelloRequest.newBuilder().setName("e").build());
    return capture.servedBy();
  }

  private static Metadata.Key<String> ascii(String name) {
    return Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER);
  }

  @Test
  void reportsNamePodNamespaceMethodAndAuthority() {
    ServedBy servedBy = sayHello(new Metadata(), "greeter.example.com:8443");

    assertThat(servedBy.name()).isEqualTo("echo-v1");
    assertThat(servedBy.pod()).isEqualTo("echo-v1-7d9f-abcde");
    assertThat(servedBy.namespace()).isEqualTo("gateway-conformance-app");
    assertThat(servedBy.method()).isEqualTo("/helloworld.Greeter/SayHello");
    assertThat(servedBy.authority()).isEqualTo("greeter.example.com:8443");
  }

  @Test
  void echoesEveryRequestHeaderInOrderWithBinaryValuesInBase64() {
    Metadata headers = new Metadata();
    headers.put(ascii("x-header-set"), "set-value");
    headers.put(ascii("x-multi"), "first");
    headers.put(ascii("x-multi"), "second");
    headers.put(
        Metadata.Key.of("trace-bin", Metadata.BINARY_BYTE_MARSHALLER),
        new byte[] {0, 1, (byte) 0xfe});

    ServedBy servedBy = sayHello(headers, null);

    assertThat(servedBy.header("x-header-set")).contains("set-value");
    assertThat(servedBy.headerValues("X-Multi")).containsExactly("first", "second");
    assertThat(servedBy.header("trace-bin")).contains("AAH+");
    assertThat(servedBy.header("x-absent")).isEmpty();
    assertThat(servedBy.headers())
        .extracting(ServedBy.EchoedHeader::name)
        .containsSubsequence("x-header-set", "x-multi", "x-multi", "trace-bin");
    assertThat(servedBy.echoTruncated()).isFalse();
  }

  @Test
  void redactsSecretsSoTheyNeverComeBack() {
    Map<String, String> secrets =
        Map.of(
            "password", "pa55-word-one",
            "authorization", "Bearer tok-abc-123",
            "cookie", "session=cookie-secret-9",
            "x-api-token", "api-token-secret-7");
    Metadata headers = new Metadata();
    secrets.forEach((name, value) -> headers.put(ascii(name), value));
    headers.put(
        Metadata.Key.of("password-bin", Metadata.BINARY_BYTE_MARSHALLER),
        "binary-secret-5".getBytes(StandardCharsets.UTF_8));

    HeaderCapture capture = new HeaderCapture();
    capture
        .on(GreeterGrpc.newBlockingStub(clients.plaintext(server.port())), headers)
        .withDeadlineAfter(10, TimeUnit.SECONDS)
        .sayHello(HelloRequest.newBuilder().setName("r").build());
    ServedBy servedBy = capture.servedBy();

    secrets.forEach(
        (name, value) -> {
          assertThat(servedBy.receivedSecret(name, value)).as(name).isTrue();
          assertThat(servedBy.header(name)).get().asString().startsWith(Redaction.PREFIX);
        });
    assertThat(servedBy.headerValues("password-bin"))
        .containsExactly(Redaction.redact("binary-secret-5".getBytes(StandardCharsets.UTF_8)));
    assertThat(servedBy.receivedSecret("password", "some-other-value")).isFalse();
    String everything = wireText(capture.headers()) + wireText(capture.trailers());
    for (String secret : secrets.values()) {
      assertThat(everything).doesNotContain(secret);
    }
    assertThat(everything).doesNotContain("binary-secret-5");
  }

  @Test
  void streamingResponsesCarryTheHeadersToo() {
    HeaderCapture capture = new HeaderCapture();
    Iterator<?> replies =
        capture
            .on(GreeterGrpc.newBlockingStub(clients.plaintext(server.port())))
            .withDeadlineAfter(10, TimeUnit.SECONDS)
            .sayHelloStreamReply(HelloRequest.newBuilder().setName("s").setCount(2).build());
    replies.forEachRemaining(r -> {});

    assertThat(capture.servedBy().name()).isEqualTo("echo-v1");
    assertThat(capture.servedBy().method()).isEqualTo("/helloworld.Greeter/SayHelloStreamReply");
  }

  @Test
  void longValuesAreHashedAndTheEchoStaysWithinItsBudget() {
    Metadata headers = new Metadata();
    String longValue = "v".repeat(2000);
    headers.put(ascii("x-long"), longValue);
    for (int i = 0; i < 30; i++) {
      headers.put(ascii("x-filler-" + i), "f".repeat(120));
    }

    HeaderCapture capture = new HeaderCapture();
    capture
        .on(GreeterGrpc.newBlockingStub(clients.plaintext(server.port())), headers)
        .withDeadlineAfter(10, TimeUnit.SECONDS)
        .sayHello(HelloRequest.newBuilder().setName("l").build());
    ServedBy servedBy = capture.servedBy();

    assertThat(servedBy.header("x-long"))
        .contains(
            "truncated:sha256:"
                + java.util.HexFormat.of()
                    .formatHex(Redaction.sha256(longValue.getBytes(StandardCharsets.US_ASCII)))
                + ":bytes=2000");
    assertThat(servedBy.echoTruncated()).isTrue();
    assertThat(capture.headers().get(ServedBy.REQUEST_ECHO).length)
        .isLessThanOrEqualTo(RequestEchoes.MAX_ECHO_BYTES);
  }

  @Test
  void fromHeadersIsEmptyWithoutServedByAndRejectsACorruptEcho() {
    assertThat(ServedBy.fromHeaders(new Metadata())).isEmpty();

    Metadata corrupt = new Metadata();
    corrupt.put(ServedBy.SERVED_BY, "x");
    corrupt.put(ServedBy.REQUEST_ECHO, new byte[] {(byte) 0xff, (byte) 0xff});
    assertThatThrownBy(() -> ServedBy.fromHeaders(corrupt))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("x-request-echo-bin");
  }

  @Test
  void podAndNamespaceComeFromTheDownwardApiEnvironment() {
    Map<String, String> env =
        Map.of("POD_NAME", "greeter-v2-abc", "POD_NAMESPACE", "apps", "HOSTNAME", "host-1");

    assertThat(ServerIdentity.resolvePod(null, env)).isEqualTo("greeter-v2-abc");
    assertThat(ServerIdentity.resolveNamespace(null, env)).isEqualTo("apps");
    assertThat(ServerIdentity.resolvePod("explicit", env)).isEqualTo("explicit");
    assertThat(ServerIdentity.resolvePod(null, Map.of("HOSTNAME", "host-1"))).isEqualTo("host-1");
    assertThat(ServerIdentity.resolvePod(null, Map.of())).isNotBlank();
    assertThat(ServerIdentity.resolveNamespace(null, Map.of()))
        .isEqualTo(ServerIdentity.DEFAULT_NAMESPACE);
  }

  @Test
  void secretKeysAreRecognised() {
    assertThat(Redaction.isSecret("password")).isTrue();
    assertThat(Redaction.isSecret("Authorization")).isTrue();
    assertThat(Redaction.isSecret("proxy-authorization")).isTrue();
    assertThat(Redaction.isSecret("cookie")).isTrue();
    assertThat(Redaction.isSecret("x-csrf-token")).isTrue();
    assertThat(Redaction.isSecret("cookie-bin")).isTrue();
    assertThat(Redaction.isSecret("username")).isFalse();
    assertThat(Redaction.isSecret("x-token-count")).isFalse();
    assertThat(Redaction.isSecret("passwords")).isFalse();
  }

  /** Every name and value of {@code metadata} as it travels (binary values raw), as one string. */
  private static String wireText(Metadata metadata) {
    if (metadata == null) {
      return "";
    }
    StringBuilder text = new StringBuilder();
    for (byte[] part : InternalMetadata.serialize(metadata)) {
      text.append(new String(part, StandardCharsets.ISO_8859_1)).append('\n');
    }
    // The echo is itself binary: scan it decoded, too.
    byte[] echo = metadata.get(ServedBy.REQUEST_ECHO);
    if (echo != null) {
      text.append(new String(echo, StandardCharsets.ISO_8859_1));
    }
    return text.toString();
  }
}
