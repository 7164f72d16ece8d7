package io.grpcconformance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Metadata;
import io.grpcconformance.gateway.tls.CertificateAuthority;
import io.grpcconformance.gateway.tls.IssuedCertificate;
import io.grpcconformance.gateway.tls.SelfSignedCertificates;
import io.grpcconformance.harness.auth.DemoAccounts;
import io.grpcconformance.samples.SampleServer;
import io.grpcconformance.samples.echo.Redaction;
import io.grpcconformance.samples.echo.ServedBy;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code reflect} command against real sample servers on 127.0.0.1: one with reflection, one
 * without, and one serving TLS with a certificate issued by a CA the test generates.
 */
class ReflectCommandTest {

  private static final String SAY_HELLO = "helloworld.Greeter/SayHello";
  private static final String TLS_NAME = "greeter.test";

  @TempDir static Path dir;

  private static SampleServer withReflection;
  private static SampleServer withoutReflection;
  private static SampleServer tls;
  private static SampleServer user;
  private static Path caFile;
  private static Path otherCaFile;

  @BeforeAll
  static void start() throws IOException {
    withReflection =
        SampleServer.builder(SampleServer.Kind.GREETER)
            .name("greeter-cli")
            .reflection(true)
            .start();
    withoutReflection =
        SampleServer.builder(SampleServer.Kind.GREETER).name("greeter-hidden").start();
    CertificateAuthority ca = SelfSignedCertificates.ca("reflect test CA");
    IssuedCertificate leaf = ca.issue(TLS_NAME, List.of(TLS_NAME), Duration.ofDays(1));
    IssuedCertificate.Files files = leaf.writeTo(dir, "greeter");
    tls =
        SampleServer.builder(SampleServer.Kind.GREETER)
            .name("greeter-tls")
            .reflection(true)
            .tls(files.certificateChain(), files.privateKey())
            .start();
    user = SampleServer.builder(SampleServer.Kind.USER).name("user-cli").reflection(true).start();
    caFile = Files.writeString(dir.resolve("ca.crt"), ca.certificatePem());
    otherCaFile =
        Files.writeString(
            dir.resolve("other-ca.crt"), SelfSignedCertificates.ca("other CA").certificatePem());
  }

  @AfterAll
  static void stop() {
    for (SampleServer s : new SampleServer[] {withReflection, withoutReflection, tls, user}) {
      if (s != null) {
        s.shutdown(Duration.ZERO);
      }
    }
  }

  private static String target(SampleServer server) {
    return "127.0.0.1:" + server.port();
  }

  @Test
  void listPrintsTheServicesSorted() {
    CliRun run = CliRun.of("reflect", target(withReflection), "list");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.out().lines())
        .containsExactly(
            "grpc.health.v1.Health",
            "grpc.reflection.v1.ServerReflection",
            "grpc.reflection.v1alpha.ServerReflection",
            "helloworld.Greeter");
  }

  @Test
  void describePrintsTheSignatureAndBothMessages() {
    CliRun run =
        CliRun.of(
            "reflect",
            target(withReflection),
            "describe",
            "helloworld.Greeter/SayHelloStreamReply");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .isEqualTo(
            """
helloworld.Greeter.SayHelloStreamReply is a method:
rpc SayHelloStreamReply ( .helloworld.HelloRequest ) returns ( stream .helloworld.HelloReply );

helloworld.HelloRequest is a message:
message HelloRequest {
  string name = 1;
  int32 count = 2;
  int32 interval_millis = 3;
  bytes payload = 4;
}

helloworld.HelloReply is a message:
message HelloReply {
  string message = 1;
  int32 index = 2;
  int32 payload_size = 3;
}
""");
  }

  @Test
  void invokeSendsTheJsonAndPrintsTheReplyAsJson() {
    CliRun run =
        CliRun.of(
            "reflect", target(withReflection), "invoke", SAY_HELLO, "-d", "{\"name\":\"cli\"}");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.err()).isEmpty();
    assertThat(run.out()).isEqualTo("{\n  \"message\": \"Hello cli\"\n}\n");
  }

  @Test
  void invokeOfAServerStreamPrintsEveryReply() {
    CliRun run =
        CliRun.of(
            "reflect",
            target(withReflection),
            "invoke",
            "/helloworld.Greeter/SayHelloStreamReply",
            "-d",
            "{\"name\":\"s\",\"count\":2}");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .isEqualTo(
            "{\n"
                + "  \"message\": \"Hello s\"\n"
                + "}\n"
                + "{\n"
                + "  \"message\": \"Hello s\",\n"
                + "  \"index\": 1\n"
                + "}\n");
  }

  @Test
  void headersReachTheBackendAndSecretsAreNeverPrinted() {
    CliRun run =
        CliRun.of(
            "reflect",
            "--authority",
            "greeter.local",
            target(withReflection),
            "invoke",
            SAY_HELLO,
            "-d",
            "{\"name\":\"cli\"}",
            "-H",
            "X-Cli-Test: hello",
            "-H",
            "x-cli-test:again",
            "-H",
            "authorization: Bearer s3cret-token",
            "-v");
    assertThat(run.exitCode()).as(run.err()).isZero();
    ServedBy served = ServedBy.fromHeaders(responseHeaders(run.out())).orElseThrow();
    assertThat(served.name()).isEqualTo("greeter-cli");
    assertThat(served.method()).isEqualTo("/" + SAY_HELLO);
    assertThat(served.authority()).isEqualTo("greeter.local");
    assertThat(served.headerValues("x-cli-test")).containsExactly("hello", "again");
    // The backend echoes a secret as its hash: proof that it arrived intact.
    assertThat(served.header("authorization")).contains(Redaction.redact("Bearer s3cret-token"));
    assertThat(run.out())
        .contains(
            "Request metadata to send:\nauthorization: <redacted>\nx-cli-test: hello\n"
                + "x-cli-test: again\n",
            "Response contents:\n{\n  \"message\": \"Hello cli\"\n}\n",
            "Response trailers received:\n(empty)\n",
            "Sent 1 request and received 1 response")
        .doesNotContain("s3cret");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void credentialsReachTheUserServiceButNeverTheOutput() {
    String password = DemoAccounts.credentials("alice").get("password").get(0);
    CliRun run =
        CliRun.of(
            "reflect",
            target(user),
            "invoke",
            "com.example.User/Login",
            "-H",
            "username: alice",
            "-H",
            "password: " + password,
            "-v");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("password: <redacted>\nusername: alice\n", "\"username\": \"alice\"")
        .doesNotContain(password);
    ServedBy served = ServedBy.fromHeaders(responseHeaders(run.out())).orElseThrow();
    assertThat(served.receivedSecret("password", password)).isTrue();
    // A password in a request that does not fit is not quoted back in the error either.
    CliRun bad =
        CliRun.of(
            "reflect",
            target(user),
            "invoke",
            "com.example.User/Login",
            "-d",
            "{\"password\": {\"oops\": \"" + password + "\"}}");
    assertThat(bad.exitCode()).isEqualTo(2);
    assertThat(bad.err()).startsWith("error: -d does not fit com.example.LoginRequest: ");
    assertThat(bad.out() + bad.err()).doesNotContain(password);
  }

  @Test
  void failedCallPrintsHeadersAndTrailersThenTheStatusAndExitsOne() {
    CliRun run =
        CliRun.of(
            "reflect",
            target(user),
            "invoke",
            "com.example.User/Login",
            "-H",
            "username: alice",
            "-H",
            "password: wrong",
            "-v");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.out())
        .contains("Response trailers received:", "Sent 1 request and received 0 responses");
    assertThat(run.err())
        .startsWith(
            "error: com.example.User/Login on " + target(user) + " failed: UNAUTHENTICATED");
    assertThat(run.err().lines()).hasSize(1);
  }

  @Test
  void describeShowsNestedEnumsAndOneofs() {
    CliRun health =
        CliRun.of("reflect", target(withReflection), "describe", "grpc.health.v1.Health/Check");
    assertThat(health.exitCode()).as(health.err()).isZero();
    assertThat(health.out())
        .contains(
            """
            grpc.health.v1.HealthCheckResponse is a message:
            message HealthCheckResponse {
              .grpc.health.v1.HealthCheckResponse.ServingStatus status = 1;
              enum ServingStatus {
                UNKNOWN = 0;
                SERVING = 1;
                NOT_SERVING = 2;
                SERVICE_UNKNOWN = 3;
              }
            }
            """);
    CliRun reflection =
        CliRun.of(
            "reflect",
            target(withReflection),
            "describe",
            "grpc.reflection.v1.ServerReflection/ServerReflectionInfo");
    assertThat(reflection.exitCode()).as(reflection.err()).isZero();
    assertThat(reflection.out())
        .contains(
            "rpc ServerReflectionInfo ( stream .grpc.reflection.v1.ServerReflectionRequest )"
                + " returns ( stream .grpc.reflection.v1.ServerReflectionResponse );",
            "  oneof message_request {\n    string file_by_filename = 3;\n");
  }

  @Test
  void secretFieldsOfResponsesAreRedacted() {
    // Greeter replies carry no secret, so redact a message directly with the same code path.
    var reply =
        io.grpcconformance.samples.proto.user.LoginRequest.newBuilder()
            .setUsername("alice")
            .setPassword("wonderland")
            .build();
    assertThat(Secrets.redact(reply).toString())
        .contains("alice", Secrets.REDACTED)
        .doesNotContain("wonderland");
  }

  @Test
  void withoutReflectionEveryVerbGivesTheAuditAnswerAndExitsOne() {
    String t = target(withoutReflection);
    CliRun list = CliRun.of("reflect", t, "list");
    assertThat(list.exitCode()).isEqualTo(1);
    assertThat(list.out()).isEmpty();
    assertThat(list.err())
        .isEqualTo("error: reflection is not exposed on " + t + " for authority " + t + "\n");
    CliRun describe =
        CliRun.of("reflect", "--authority", "greeter.example", t, "describe", SAY_HELLO);
    assertThat(describe.exitCode()).isEqualTo(1);
    assertThat(describe.err())
        .isEqualTo("error: reflection is not exposed on " + t + " for authority greeter.example\n");
    CliRun invoke = CliRun.of("reflect", t, "invoke", SAY_HELLO, "-d", "{\"name\":\"cli\"}");
    assertThat(invoke.exitCode()).isEqualTo(1);
    assertThat(invoke.err()).startsWith("error: reflection is not exposed on " + t);
  }

  @Test
  void unknownServiceOrMethodIsBadInput() {
    String t = target(withReflection);
    CliRun method = CliRun.of("reflect", t, "invoke", "helloworld.Greeter/Nope");
    assertThat(method.exitCode()).isEqualTo(2);
    assertThat(method.err())
        .isEqualTo(
            "error: unknown method helloworld.Greeter/Nope on "
                + t
                + ": helloworld.Greeter has no method Nope\n");
    CliRun service = CliRun.of("reflect", t, "describe", "com.example.Missing/Nope");
    assertThat(service.exitCode()).isEqualTo(2);
    assertThat(service.err()).startsWith("error: unknown method com.example.Missing/Nope on " + t);
    assertThat(service.err().lines()).hasSize(1);
  }

  @Test
  void badJsonIsBadInput() throws IOException {
    // Syntax is checked before dialing: even a port where nothing listens gives exit 2.
    CliRun syntax =
        CliRun.of("reflect", "127.0.0.1:" + closedPort(), "invoke", SAY_HELLO, "-d", "{\"name\":");
    assertThat(syntax.exitCode()).isEqualTo(2);
    assertThat(syntax.err()).startsWith("error: -d is not valid JSON: ").contains("line 1");
    assertThat(syntax.err().lines()).hasSize(1);
    String t = target(withReflection);
    CliRun field = CliRun.of("reflect", t, "invoke", SAY_HELLO, "-d", "{\"nme\":\"x\"}");
    assertThat(field.exitCode()).isEqualTo(2);
    assertThat(field.err())
        .isEqualTo(
            "error: -d does not fit helloworld.HelloRequest: Cannot find field: nme in message"
                + " helloworld.HelloRequest\n");
    CliRun type = CliRun.of("reflect", t, "invoke", SAY_HELLO, "-d", "{\"count\":\"many\"}");
    assertThat(type.exitCode()).isEqualTo(2);
    assertThat(type.err()).startsWith("error: -d does not fit helloworld.HelloRequest: ");
    assertThat(type.err().lines()).hasSize(1);
  }

  @Test
  void unreachableTargetIsARemoteFailure() throws IOException {
    String t = "127.0.0.1:" + closedPort();
    CliRun run = CliRun.of("reflect", t, "list");
    assertThat(run.exitCode()).isEqualTo(1);
    assertThat(run.err()).startsWith("error: cannot reach " + t + " (authority " + t + "): ");
    assertThat(run.err()).containsIgnoringCase("connection refused");
    assertThat(run.err().lines()).hasSize(1);
  }

  @Test
  void silentServerEndsAtTheDeadline() throws IOException {
    // The kernel completes the TCP handshake into the backlog, but nothing ever answers.
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      String t = "127.0.0.1:" + silent.getLocalPort();
      CliRun run = CliRun.of("reflect", "--deadline", "300ms", t, "list");
      assertThat(run.exitCode()).isEqualTo(1);
      assertThat(run.err()).isEqualTo("error: no reflection answer from " + t + " within 300ms\n");
    }
  }

  @Test
  void tlsWithCacertVerifiesTheServerForTheAuthority() {
    String t = target(tls);
    CliRun run =
        CliRun.of(
            "reflect",
            "--tls",
            "--cacert",
            caFile.toString(),
            "--authority",
            TLS_NAME,
            t,
            "invoke",
            SAY_HELLO,
            "-d",
            "{\"name\":\"tls\"}",
            "-v");
    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("x-served-by: greeter-tls", "\"message\": \"Hello tls\"");
    // --cacert alone implies --tls.
    CliRun implied =
        CliRun.of("reflect", "--cacert", caFile.toString(), "--authority", TLS_NAME, t, "list");
    assertThat(implied.exitCode()).as(implied.err()).isZero();
    assertThat(implied.out()).contains("helloworld.Greeter");
    // --insecure accepts the certificate whatever the name.
    CliRun insecure = CliRun.of("reflect", "--tls", "--insecure", t, "list");
    assertThat(insecure.exitCode()).as(insecure.err()).isZero();
  }

  @Test
  void tlsFailuresAreRemoteFailuresInOneLine() {
    String t = target(tls);
    CliRun otherCa =
        CliRun.of(
            "reflect",
            "--tls",
            "--cacert",
            otherCaFile.toString(),
            "--authority",
            TLS_NAME,
            t,
            "list");
    assertThat(otherCa.exitCode()).isEqualTo(1);
    assertThat(otherCa.err()).startsWith("error: cannot reach " + t + " (authority " + TLS_NAME);
    assertThat(otherCa.err()).contains("SSLHandshakeException");
    assertThat(otherCa.err().lines()).hasSize(1);
    CliRun wrongName = CliRun.of("reflect", "--tls", "--cacert", caFile.toString(), t, "list");
    assertThat(wrongName.exitCode()).isEqualTo(1);
    assertThat(wrongName.err().lines()).hasSize(1);
    CliRun plaintextToTls = CliRun.of("reflect", t, "list");
    assertThat(plaintextToTls.exitCode()).isEqualTo(1);
    assertThat(plaintextToTls.err()).startsWith("error: ");
    assertThat(plaintextToTls.err().lines()).hasSize(1);
  }

  @Test
  void badOptionsExitTwoWithOneLine() throws IOException {
    String t = target(withReflection);
    Path notPem = Files.writeString(dir.resolve("not.pem"), "hello");
    assertBadInput(
        CliRun.of("reflect", "nohost", "list"), "error: target 'nohost' is not HOST:PORT");
    assertBadInput(CliRun.of("reflect", "127.0.0.1:70000", "list"), "port 70000 is not between");
    assertBadInput(
        CliRun.of("reflect", "--tls", t, "list"), "--tls needs --cacert FILE or --insecure");
    assertBadInput(
        CliRun.of("reflect", "--plaintext", "--insecure", t, "list"), "--plaintext excludes");
    assertBadInput(
        CliRun.of("reflect", "--cacert", dir.resolve("missing.crt").toString(), t, "list"),
        "missing.crt: cannot read");
    assertBadInput(
        CliRun.of("reflect", "--cacert", notPem.toString(), t, "list"), "holds no PEM certificate");
    assertBadInput(CliRun.of("reflect", t, "list", SAY_HELLO), "list takes no METHOD");
    assertBadInput(CliRun.of("reflect", t, "describe"), "describe needs METHOD");
    assertBadInput(CliRun.of("reflect", t, "invoke", "SayHello"), "is not PKG.SERVICE/METHOD");
    assertBadInput(CliRun.of("reflect", t, "list", "-d", "{}"), "apply to invoke only");
    assertBadInput(CliRun.of("reflect", "--deadline", "0s", t, "list"), "not a positive duration");
    assertBadInput(CliRun.of("reflect", "--deadline", "soon", t, "list"), "not a duration");
    assertBadInput(CliRun.of("reflect", t, "explain"), "expected one of [LIST, DESCRIBE, INVOKE]");
    CliRun noColon = CliRun.of("reflect", t, "invoke", SAY_HELLO, "-H", "password=hunter2");
    assertBadInput(noColon, "error: -H number 1 is not 'KEY: VALUE'");
    assertThat(noColon.err()).doesNotContain("hunter2");
    CliRun badKey = CliRun.of("reflect", t, "invoke", SAY_HELLO, "-H", "bad key: hunter2");
    assertBadInput(badKey, "error: -H bad key: not a valid metadata key");
    assertThat(badKey.err()).doesNotContain("hunter2");
    assertBadInput(
        CliRun.of("reflect", t, "invoke", SAY_HELLO, "-H", "x-data-bin: not base64!"),
        "must be base64");
    assertBadInput(CliRun.of("reflect", t, "invoke", SAY_HELLO, "-H", "x-a: caf\u00e9"), "ASCII");
  }

  @Test
  void helpDocumentsVerbsOptionsAndExitCodes() {
    CliRun help = CliRun.of("reflect", "--help");
    assertThat(help.exitCode()).isZero();
    assertThat(help.out())
        .contains(
            "HOST:PORT list",
            "HOST:PORT describe PKG.SERVICE/METHOD",
            "HOST:PORT invoke PKG.SERVICE/METHOD",
            "--plaintext",
            "--tls",
            "--cacert=FILE",
            "--insecure",
            "--authority=NAME",
            "--deadline=DURATION",
            "(default: 5s)",
            "-d, --data=JSON",
            "-H, --header='KEY: VALUE'",
            "-v, --verbose",
            "Exit codes:",
            "1  remote failure",
            "2  bad input",
            "'reflection is not exposed on HOST:PORT for authority NAME'");
    assertThat(CliRun.of("--help").out()).contains("reflect");
  }

  private static void assertBadInput(CliRun run, String message) {
    assertThat(run.exitCode()).as(run.err()).isEqualTo(2);
    assertThat(run.err()).contains(message);
    assertThat(run.err().lines()).as(run.err()).hasSize(1);
    assertThat(run.out()).isEmpty();
  }

  /** The "Response headers received:" section of verbose output as gRPC metadata. */
  private static Metadata responseHeaders(String verboseOut) {
    Metadata md = new Metadata();
    boolean inSection = false;
    for (String line : verboseOut.lines().toList()) {
      if (line.equals("Response headers received:")) {
        inSection = true;
      } else if (inSection && line.isEmpty()) {
        break;
      } else if (inSection) {
        int colon = line.indexOf(": ");
        String name = line.substring(0, colon);
        String value = line.substring(colon + 2);
        if (name.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
          md.put(
              Metadata.Key.of(name, Metadata.BINARY_BYTE_MARSHALLER),
              Base64.getDecoder().decode(value));
        } else {
          md.put(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER), value);
        }
      }
    }
    assertThat(inSection).as("verbose output has response headers:%n%s", verboseOut).isTrue();
    return md;
  }

  /** A port that was just free: connecting to it is refused. */
  private static int closedPort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}
