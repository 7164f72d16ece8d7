package io.grpcconformance.gateway.reliability;

import static io.grpcconformance.gateway.reliability.MalformedRequest.INTERNAL_ERROR;
import static io.grpcconformance.gateway.reliability.MalformedRequest.PROTOCOL_ERROR;
import static org.assertj.core.api.Assertions.assertThat;

import io.grpcconformance.gateway.reliability.MalformedRequest.Answer;
import io.grpcconformance.samples.proto.helloworld.HelloRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Hostile and broken traffic at the gateway's h2c port: not HTTP/2 at all, requests that are HTTP/2
 * but not valid gRPC, connection-level protocol violations, abrupt resets and drops. Each gets the
 * right HTTP/2, HTTP or gRPC error, and after each the gateway still serves a normal call.
 */
class MalformedTrafficTest {
  /** How long one exchange may take. */
  private static final Duration EXCHANGE = Duration.ofSeconds(5);

  /** Heap growth tolerated after a group of hostile exchanges (GC noise is a few MiB). */
  private static final long HEAP_BOUND = 48L * 1024 * 1024;

  private static final String PATH = "/helloworld.Greeter/SayHello";
  private static final String AUTHORITY = "greeter.example.com";

  private static DataPlaneFixture fixture;
  private static QuietConsole quiet;

  @BeforeAll
  static void start() throws IOException {
    quiet = new QuietConsole(java.util.logging.Level.SEVERE);
    fixture = new DataPlaneFixture();
    fixture.assertServing("start");
  }

  @AfterAll
  static void stop() {
    fixture.close();
    quiet.close();
  }

  @Test
  void trafficThatIsNotHttp2_isRefusedWithGoAwayAndClosed() throws IOException {
    List<byte[]> requests =
        List.of(
            ascii("GET / HTTP/1.1\r\nHost: greeter.example.com\r\n\r\n"),
            ascii(
                "POST /helloworld.Greeter/SayHello HTTP/1.1\r\nHost: x\r\n"
                    + "Content-Type: application/grpc\r\nContent-Length: 5\r\n\r\n\0\0\0\0\0"),
            // h2c upgrade (RFC 7540 §3.2, removed in RFC 9113): must not be honoured.
            ascii(
                "GET / HTTP/1.1\r\nHost: x\r\nConnection: Upgrade, HTTP2-Settings\r\n"
                    + "Upgrade: h2c\r\nHTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA\r\n\r\n"),
            ascii("PRI * HTTP/2.0\r\n\r\nXX\r\n\r\n"),
            new Random(42)
                .ints(256, 0, 256)
                .collect(
                    java.io.ByteArrayOutputStream::new,
                    (out, b) -> out.write(b),
                    (a, b) -> a.writeBytes(b.toByteArray()))
                .toByteArray());
    for (byte[] request : requests) {
      RawExchange answer = RawExchange.send(fixture.port(), request, EXCHANGE);
      String shown =
          new String(request, 0, Math.min(30, request.length), StandardCharsets.ISO_8859_1);
      assertThat(answer.closedByPeer()).as("closed after %s", shown).isTrue();
      assertThat(answer.text()).as("no upgrade").doesNotContain("101 Switching");
      assertThat(answer.goAwayError())
          .as("GOAWAY PROTOCOL_ERROR after %s", shown)
          .isEqualTo(PROTOCOL_ERROR);
    }
    fixture.assertServing("non-HTTP/2 traffic");
    Report.line(
        "malformed traffic: %d non-HTTP/2 connections refused with GOAWAY", requests.size());
  }

  @Test
  void malformedGrpcRequests_getTheRightError() throws Exception {
    long heapBefore = HeapProbe.usedAfterGc();
    List<MalformedRequest> cases = cases();
    List<String> wrong = new ArrayList<>();
    for (MalformedRequest c : cases) {
      StreamResult result = c.send(fixture.port(), AUTHORITY, PATH, EXCHANGE);
      if (!c.expected().matches(result)) {
        wrong.add(c.name() + ": expected " + c.expected() + ", got " + result);
      }
      assertThat(result.header("x-served-by")).as("%s reached a backend", c.name()).isNull();
    }
    fixture.assertServing("malformed requests");
    long growth = HeapProbe.usedAfterGc() - heapBefore;
    Report.line(
        "malformed traffic: %d malformed requests, %d with the right error, heap %s",
        cases.size(), cases.size() - wrong.size(), HeapProbe.mib(growth));
    assertThat(wrong).isEmpty();
    assertThat(growth).isLessThan(HEAP_BOUND);
  }

  /** Requests that are HTTP/2 but not valid gRPC, with grpc-java's answers (see Answer). */
  private static List<MalformedRequest> cases() {
    byte[] oversizedMessage = {0, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 1, 2, 3};
    return List.of(
        new MalformedRequest("missing :path", h -> h.remove(":path"), null, Answer.http(404, 12)),
        new MalformedRequest(
            ":path without a slash",
            h -> h.path("helloworld.Greeter/SayHello"),
            null,
            Answer.http(404, 12)),
        new MalformedRequest(":path *", h -> h.path("*"), null, Answer.http(404, 12)),
        new MalformedRequest("empty :path", h -> h.path(""), null, Answer.reset(INTERNAL_ERROR)),
        new MalformedRequest(":method GET", h -> h.method("GET"), null, Answer.http(405, 13)),
        new MalformedRequest(
            "missing :method", h -> h.remove(":method"), null, Answer.http(405, 13)),
        new MalformedRequest(
            "unknown pseudo-header :foo",
            h -> h.add(":foo", "bar"),
            null,
            Answer.reset(PROTOCOL_ERROR)),
        new MalformedRequest(
            "duplicate :path", h -> h.add(":path", "/x/y"), null, Answer.reset(PROTOCOL_ERROR)),
        new MalformedRequest(
            "upper-case header name",
            h -> h.add("X-Upper", "v"),
            null,
            Answer.reset(PROTOCOL_ERROR)),
        new MalformedRequest(
            "connection-specific header (RFC 9113 §8.2.2)",
            h -> h.add("connection", "keep-alive"),
            null,
            Answer.reset(PROTOCOL_ERROR)),
        new MalformedRequest(
            "content-type text/plain",
            h -> h.set("content-type", "text/plain"),
            null,
            Answer.http(415, 13)),
        new MalformedRequest(
            "missing content-type", h -> h.remove("content-type"), null, Answer.http(415, 13)),
        new MalformedRequest(
            "content-type application/grpc-web",
            h -> h.set("content-type", "application/grpc-web"),
            null,
            Answer.http(415, 13)),
        new MalformedRequest(
            "9 KiB header (over the 8 KiB metadata limit)",
            h -> h.add("x-big", "a".repeat(9 * 1024)),
            null,
            Answer.httpOnly(431)),
        new MalformedRequest(
            "64 KiB header",
            h -> h.add("x-big", "a".repeat(64 * 1024)),
            null,
            Answer.connectionError()),
        new MalformedRequest(
            "grpc-timeout not a number",
            h -> h.add("grpc-timeout", "abc"),
            null,
            Answer.reset(INTERNAL_ERROR)),
        new MalformedRequest(
            "grpc-timeout of 9 digits (the spec allows 8)",
            h -> h.add("grpc-timeout", "123456789S"),
            null,
            Answer.reset(INTERNAL_ERROR)),
        new MalformedRequest(
            "grpc-timeout 0m", h -> h.add("grpc-timeout", "0m"), null, Answer.grpc(4)),
        // RESOURCE_EXHAUSTED from the deframer; on a loaded machine the call may already have been
        // cancelled by the time the oversized frame is read (CANCELLED). Either way the message is
        // refused unread and nothing reaches a backend.
        new MalformedRequest(
            "message length 2 GiB", h -> {}, oversizedMessage, Answer.grpcAnyOf(8, 1)),
        new MalformedRequest(
            "compressed flag without grpc-encoding",
            h -> {},
            new byte[] {1, 0, 0, 0, 2, 1, 2},
            Answer.grpc(13)),
        new MalformedRequest(
            "reserved bits in the message flag",
            h -> {},
            new byte[] {7, 0, 0, 0, 0},
            Answer.grpc(13)),
        new MalformedRequest(
            "stream ends mid-message", h -> {}, new byte[] {0, 0, 0, 0, 10, 1}, Answer.grpc(13)));
  }

  @Test
  void connectionLevelViolations_getGoAway() throws Exception {
    List<String> wrong = new ArrayList<>();
    byte[] headers;
    int count = 0;
    int goAways = 0;
    try (RawH2Connection probe = RawH2Connection.open(fixture.port(), EXCHANGE)) {
      headers = probe.encode(1, AuthAttackRunner.grpcRequestHeaders(AUTHORITY, PATH));
    }
    List<List<byte[]>> violations =
        List.of(
            // A client stream id must be odd (RFC 9113 §5.1.1).
            List.of(RawH2Connection.frame(H2Frame.HEADERS, H2Frame.END_HEADERS, 2, headers)),
            // DATA on an idle stream.
            List.of(RawH2Connection.frame(H2Frame.DATA, 0, 7, new byte[5])),
            // WINDOW_UPDATE of 0 on the connection (§6.9).
            List.of(RawH2Connection.frame(H2Frame.WINDOW_UPDATE, 0, 0, new byte[4])),
            // SETTINGS with a length that is not a multiple of 6 (§6.5).
            List.of(RawH2Connection.frame(H2Frame.SETTINGS, 0, 0, new byte[5])),
            // SETTINGS_INITIAL_WINDOW_SIZE above 2^31-1 (§6.5.2).
            List.of(
                RawH2Connection.frame(
                    H2Frame.SETTINGS, 0, 0, new byte[] {0, 4, (byte) 0x80, 0, 0, 0})),
            // A frame larger than SETTINGS_MAX_FRAME_SIZE (§4.2).
            List.of(RawH2Connection.frame(H2Frame.DATA, 0, 1, new byte[20_000])),
            // PING on a stream (§6.7).
            List.of(RawH2Connection.frame(H2Frame.PING, 0, 1, new byte[8])),
            // CONTINUATION without HEADERS (§6.10).
            List.of(RawH2Connection.frame(H2Frame.CONTINUATION, H2Frame.END_HEADERS, 1, headers)),
            // A header block that is not valid HPACK.
            List.of(
                RawH2Connection.frame(
                    H2Frame.HEADERS,
                    H2Frame.END_HEADERS | H2Frame.END_STREAM,
                    1,
                    new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f})),
            // RST_STREAM on stream 0 (§6.4).
            List.of(RawH2Connection.frame(H2Frame.RST_STREAM, 0, 0, new byte[4])));
    for (List<byte[]> frames : violations) {
      count++;
      try (RawH2Connection c = RawH2Connection.open(fixture.port(), EXCHANGE)) {
        try {
          for (byte[] frame : frames) {
            c.writeRaw(frame);
          }
        } catch (IOException e) {
          // closed early: fine, the GOAWAY is still read below
        }
        boolean goAway = false;
        Object next;
        while ((next = c.next(EXCHANGE)) != null) {
          if (next instanceof H2Frame f && f.type() == H2Frame.GOAWAY) {
            goAway = true;
          }
          if (next instanceof RawH2Connection.Closed) {
            break;
          }
        }
        // The connection must end. The GOAWAY itself can be lost when the gateway closes while
        // part of the offending frame is still unread (the kernel then resets the connection).
        if (!c.closedByPeer()) {
          wrong.add("violation " + count + " did not end the connection");
        }
        goAways += goAway ? 1 : 0;
      }
    }
    fixture.assertServing("connection-level violations");
    Report.line(
        "malformed traffic: %d connection-level protocol violations ended the connection"
            + " (%d with a GOAWAY read)",
        violations.size() - wrong.size(), goAways);
    assertThat(wrong).isEmpty();
    assertThat(goAways).as("GOAWAY frames read").isGreaterThanOrEqualTo(violations.size() - 2);
  }

  /**
   * Stream ids going backwards: RFC 9113 §5.1.1 asks for a connection error PROTOCOL_ERROR;
   * grpc-java's Netty transport answers with a stream error STREAM_CLOSED instead. Either way the
   * stream is refused and no backend sees it; the deviation is reported.
   */
  @Test
  void streamIdsGoingBackwards_areRefused() throws Exception {
    try (RawH2Connection c = RawH2Connection.open(fixture.port(), EXCHANGE)) {
      c.writeHeaders(5, AuthAttackRunner.grpcRequestHeaders(AUTHORITY, PATH), false);
      c.writeHeaders(3, AuthAttackRunner.grpcRequestHeaders(AUTHORITY, PATH), true);
      StreamResult result = c.awaitStream(3, EXCHANGE);
      assertThat(result.end())
          .as("stream 3 refused: %s", result)
          .isIn(
              StreamResult.End.RESET, StreamResult.End.GOAWAY, StreamResult.End.CONNECTION_CLOSED);
      assertThat(result.header("x-served-by")).isNull();
      Report.line(
          "malformed traffic: stream id going backwards answered with %s%s",
          result.end(),
          result.end() == StreamResult.End.RESET
              ? " (error " + result.resetCode() + "; RFC 9113 §5.1.1 asks for GOAWAY)"
              : "");
    }
    fixture.assertServing("stream ids going backwards");
  }

  @Test
  void abruptResetsAndDrops_leaveNothingBehind() throws Exception {
    long heapBefore = HeapProbe.usedAfterGc();
    byte[] streamRequest =
        HelloRequest.newBuilder()
            .setName("s")
            .setCount(100_000)
            .setIntervalMillis(0)
            .build()
            .toByteArray();
    int exchanges = 0;
    for (int i = 0; i < 20; i++) {
      try (RawH2Connection c = RawH2Connection.open(fixture.port(), EXCHANGE)) {
        // A server-streaming call reset after its first replies arrive.
        c.writeHeaders(
            1,
            AuthAttackRunner.grpcRequestHeaders(
                AUTHORITY, "/helloworld.Greeter/SayHelloStreamReply"),
            false);
        c.writeGrpcMessage(1, streamRequest, true);
        awaitFrame(c, H2Frame.DATA);
        c.writeFrame(H2Frame.RST_STREAM, 0, 1, new byte[] {0, 0, 0, 8}); // CANCEL
        // A unary call reset before its message is sent.
        c.writeHeaders(3, AuthAttackRunner.grpcRequestHeaders(AUTHORITY, PATH), false);
        c.writeFrame(H2Frame.RST_STREAM, 0, 3, new byte[] {0, 0, 0, 8});
        // The same connection still works.
        c.writeHeaders(5, AuthAttackRunner.grpcRequestHeaders(AUTHORITY, PATH), false);
        c.writeGrpcMessage(5, new byte[0], true);
        assertThat(c.awaitStream(5, EXCHANGE).grpcStatus()).as("stream 5 after resets").isZero();
        // Then the connection drops in the middle of a message.
        c.writeHeaders(7, AuthAttackRunner.grpcRequestHeaders(AUTHORITY, PATH), false);
        c.writeData(7, new byte[] {0, 0, 0, 1, 0}, false);
        exchanges += 4;
      }
    }
    fixture.assertServing("resets and drops");
    long growth = HeapProbe.usedAfterGc() - heapBefore;
    Report.line(
        "malformed traffic: %d reset or dropped streams, heap %s",
        exchanges, HeapProbe.mib(growth));
    assertThat(growth).isLessThan(HEAP_BOUND);
  }

  /**
   * HTTP/2 "Rapid Reset" (CVE-2023-44487): streams opened and cancelled at once, 2,000 on one
   * connection. The gateway must stay up, keep serving, and not grow; whether it also answers with
   * GOAWAY (as hardened servers do) is reported.
   */
  @Test
  void rapidReset_doesNotTakeTheGatewayDown() throws Exception {
    long heapBefore = HeapProbe.usedAfterGc();
    int streams = 2_000;
    boolean goAway = false;
    try (RawH2Connection c = RawH2Connection.open(fixture.port(), EXCHANGE)) {
      try {
        for (int i = 0; i < streams; i++) {
          int id = 1 + 2 * i;
          c.writeHeaders(id, AuthAttackRunner.grpcRequestHeaders(AUTHORITY, PATH), false);
          c.writeFrame(H2Frame.RST_STREAM, 0, id, new byte[] {0, 0, 0, 8});
        }
      } catch (IOException e) {
        goAway = true; // the gateway closed the connection
      }
      Object next;
      while ((next = c.next(Duration.ofMillis(500))) != null) {
        if (next instanceof H2Frame f && f.type() == H2Frame.GOAWAY) {
          goAway = true;
        }
      }
    }
    fixture.assertServing("rapid reset");
    long growth = HeapProbe.usedAfterGc() - heapBefore;
    Report.line(
        "malformed traffic: rapid reset of %d streams, gateway serving, GOAWAY sent: %s,"
            + " heap %s",
        streams, goAway, HeapProbe.mib(growth));
    assertThat(growth).isLessThan(HEAP_BOUND);
  }

  @Test
  void manyIdleAndSlowConnections_doNotStopService() throws Exception {
    long heapBefore = HeapProbe.usedAfterGc();
    int idleH2 = 200;
    int silentTcp = 200;
    int slow = 10;
    List<AutoCloseable> open = new ArrayList<>();
    try {
      for (int i = 0; i < idleH2; i++) {
        open.add(RawH2Connection.open(fixture.port(), EXCHANGE));
      }
      for (int i = 0; i < silentTcp; i++) {
        open.add(RawH2Connection.connect(fixture.port(), EXCHANGE));
      }
      List<RawH2Connection> slowOnes = new ArrayList<>();
      for (int i = 0; i < slow; i++) {
        RawH2Connection c = RawH2Connection.connect(fixture.port(), EXCHANGE);
        slowOnes.add(c);
        open.add(c);
      }
      // Slow clients: the preface one byte at a time, interleaved with normal calls.
      for (byte b : RawH2Connection.PREFACE) {
        for (RawH2Connection c : slowOnes) {
          c.writeRaw(new byte[] {b});
        }
        fixture.assertServing("slow preface byte");
      }
      for (int i = 0; i < 20; i++) {
        fixture.assertServing("idle connections");
      }
    } finally {
      for (AutoCloseable c : open) {
        c.close();
      }
    }
    fixture.assertServing("closing idle connections");
    long growth = HeapProbe.usedAfterGc() - heapBefore;
    Report.line(
        "malformed traffic: %d idle h2c, %d silent TCP and %d slow connections held,"
            + " normal calls served throughout, heap %s",
        idleH2, silentTcp, slow, HeapProbe.mib(growth));
    assertThat(growth).isLessThan(HEAP_BOUND);
  }

  private static void awaitFrame(RawH2Connection c, int type) throws InterruptedException {
    Object next;
    while ((next = c.next(EXCHANGE)) != null) {
      if (next instanceof H2Frame f && f.type() == type) {
        return;
      }
      if (next instanceof RawH2Connection.Closed) {
        break;
      }
    }
    throw new AssertionError("no frame of type " + type + " within " + EXCHANGE);
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }
}
