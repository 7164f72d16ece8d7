package io.grpcconformance.gateway.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.grpc.Channel;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.stub.MetadataUtils;
import io.grpcconformance.gateway.EmbeddedGateway;
import io.grpcconformance.samples.SampleServer;
import io.grpcconformance.samples.proto.helloworld.GreeterGrpc;
import io.grpcconformance.samples.proto.helloworld.HelloRequest;
import io.grpcconformance.samples.proto.user.LoginRequest;
import io.grpcconformance.samples.proto.user.UserGrpc;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The bad-input corpus ({@code manifests/bad-input}) served in standalone mode from one folder
 * together with a known-good base: every expectation of {@code expectations.yaml} holds (a one-line
 * error naming the file or object and field, a status condition, a gateway answer, an unbound
 * port), the base keeps serving real gRPC calls over h2c and TLS, and no Secret content appears in
 * any log line, status or problem.
 */
class BadInputCorpusTest {
  /** How long the gateway may take to read and apply the folder (it holds a 5 MiB document). */
  private static final Duration APPLY_TIMEOUT = Duration.ofSeconds(90);

  /** Deadline of every call made by the test. */
  private static final Duration CALL_DEADLINE = Duration.ofSeconds(5);

  @TempDir Path manifests;
  @TempDir Path statusDir;

  @Test
  void everyCorpusDocumentIsReported_baseKeepsServing_noSecretLeaks() throws Exception {
    Path corpus = RepoPaths.badInputCorpus();
    List<CorpusExpectation> expectations =
        CorpusExpectation.load(corpus.resolve("expectations.yaml"));
    Path statusFile = statusDir.resolve("status.yaml");
    try (SampleServer greeter =
            SampleServer.builder(SampleServer.Kind.GREETER)
                .name("greeter-base")
                .graceSeconds(1)
                .start();
        SampleServer user =
            SampleServer.builder(SampleServer.Kind.USER).name("user-base").graceSeconds(1).start();
        JulLines log = new JulLines();
        GatewayChannels channels = new GatewayChannels()) {
      CorpusMaterials materials = CorpusMaterials.generate(greeter.port(), user.port());
      List<String> files = CorpusFolder.materialize(corpus, manifests, materials.placeholders());
      assertEveryFileHasExpectations(files, expectations);

      long started = System.nanoTime();
      try (EmbeddedGateway gateway =
          EmbeddedGateway.builder().manifests(manifests).statusFile(statusFile).start()) {
        gateway.awaitIdle(APPLY_TIMEOUT);
        long applyMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);

        assertBaseServes(gateway, channels, materials);

        Map<Integer, ManagedChannel> byPort = new ConcurrentHashMap<>();
        CorpusChecker checker =
            new CorpusChecker(
                log.warnings(),
                gateway.lastResult().statuses(),
                (port, authority, method) ->
                    RawUnary.call(
                        byPort.computeIfAbsent(
                            port, p -> channels.plaintext(gateway.port(p), null)),
                        authority,
                        method,
                        CALL_DEADLINE),
                gateway::port);

        List<String> failures = new ArrayList<>();
        List<String> gaps = new ArrayList<>();
        Map<String, Integer> metByKind = new TreeMap<>();
        for (CorpusExpectation e : expectations) {
          Optional<String> miss = checker.check(e);
          if (e.knownGap()) {
            if (miss.isEmpty()) {
              failures.add("known gap now met, remove its knownGap marker: " + e.describe());
            } else {
              gaps.add(e.file() + ": " + e.get("knownGap"));
            }
          } else if (miss.isPresent()) {
            failures.add(e.describe() + " -> " + miss.get());
          } else {
            metByKind.merge(e.kind(), 1, Integer::sum);
          }
        }

        // The base must still serve after every call the checks made.
        assertBaseServes(gateway, channels, materials);
        int leakChecks = assertNoSecretContent(materials, log, gateway, statusFile);

        int documents = countDocuments(manifests, files);
        int met = metByKind.values().stream().mapToInt(Integer::intValue).sum();
        Report.line(
            "bad-input corpus: %d files (%d generated), %d documents, applied in %d ms",
            files.size(),
            files.stream().filter(f -> f.startsWith("generated-")).count(),
            documents,
            applyMillis);
        Report.line(
            "bad-input expectations: %d checked, %d met %s, %d failed, %d known gaps",
            expectations.size(), met, metByKind, failures.size(), gaps.size());
        gaps.forEach(g -> Report.line("bad-input known gap: %s", g));
        Report.line(
            "bad-input secret leaks: 0 in %d log lines, statuses, problems and status file",
            leakChecks);
        assertThat(failures).as("corpus expectations not met").isEmpty();
      }
    }
  }

  private static void assertEveryFileHasExpectations(
      List<String> files, List<CorpusExpectation> expectations) {
    Set<String> covered = new HashSet<>();
    expectations.forEach(e -> covered.add(e.file()));
    assertThat(covered)
        .as("expectations.yaml names exactly the corpus files")
        .containsExactlyInAnyOrderElementsOf(files);
    assertThat(files.size()).as("corpus size").isGreaterThanOrEqualTo(30);
  }

  /**
   * Greeter and User through the h2c port, Greeter through the TLS port, all served by backends.
   */
  private static void assertBaseServes(
      EmbeddedGateway gateway, GatewayChannels channels, CorpusMaterials materials) {
    Channel greeter = channels.plaintext(gateway.port(8080), "greeter.example.com");
    assertThat(
            GreeterGrpc.newBlockingStub(greeter)
                .withDeadlineAfter(5, TimeUnit.SECONDS)
                .sayHello(HelloRequest.newBuilder().setName("base").build())
                .getMessage())
        .isEqualTo("Hello base");

    Metadata credentials = new Metadata();
    credentials.put(Metadata.Key.of("username", Metadata.ASCII_STRING_MARSHALLER), "alice");
    credentials.put(Metadata.Key.of("password", Metadata.ASCII_STRING_MARSHALLER), "alice-secret");
    Channel user = channels.plaintext(gateway.port(8080), "user.example.com");
    assertThat(
            UserGrpc.newBlockingStub(user)
                .withDeadlineAfter(5, TimeUnit.SECONDS)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(credentials))
                .login(LoginRequest.getDefaultInstance())
                .getUsername())
        .isEqualTo("alice");

    Channel secure =
        channels.tls(gateway.port(8443), "secure.example.com", materials.baseCertificate().chain());
    assertThat(
            GreeterGrpc.newBlockingStub(secure)
                .withDeadlineAfter(5, TimeUnit.SECONDS)
                .sayHello(HelloRequest.newBuilder().setName("tls").build())
                .getMessage())
        .isEqualTo("Hello tls");
  }

  /** Hunts every fragment of every Secret value; returns how many log lines were searched. */
  private static int assertNoSecretContent(
      CorpusMaterials materials, JulLines log, EmbeddedGateway gateway, Path statusFile)
      throws IOException {
    List<JulLines.Line> lines = log.lines();
    for (JulLines.Line line : lines) {
      assertThat(materials.findSecret(line.full()))
          .as("Secret content in log line of %s", line.logger())
          .isNull();
    }
    for (String problem : gateway.lastResult().problems()) {
      assertThat(materials.findSecret(problem)).as("Secret content in a problem").isNull();
    }
    String statuses = Serialization.asYaml(gateway.lastResult().statuses());
    assertThat(materials.findSecret(statuses)).as("Secret content in statuses").isNull();
    assertThat(Files.exists(statusFile)).as("status file written").isTrue();
    assertThat(materials.findSecret(Files.readString(statusFile)))
        .as("Secret content in the status file")
        .isNull();
    return lines.size();
  }

  private static int countDocuments(Path dir, List<String> files) throws IOException {
    int documents = 0;
    for (String file : files) {
      List<String> lines = Files.readAllLines(dir.resolve(file));
      documents += 1 + (int) lines.stream().filter(l -> l.startsWith("---")).count();
    }
    return documents;
  }
}
