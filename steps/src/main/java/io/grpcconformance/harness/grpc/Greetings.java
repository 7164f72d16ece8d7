package io.grpcconformance.harness.grpc;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The streaming exchanges the streaming scenarios make with {@code helloworld.Greeter}: server
 * streams of a given length and pace, a slow consumer, deadlines, cancellation and ping-pong
 * bidirectional streams. Each opens its own connection.
 */
public final class Greetings {

  /** The server-streaming method. */
  public static final String STREAM = "helloworld.Greeter/SayHelloStreamReply";

  /** The bidirectional method. */
  public static final String BIDI = "helloworld.Greeter/SayHelloBidiStream";

  private final StreamProbe streams;
  private final Duration deadline;

  /**
   * @param deadline the deadline of every stream unless a method says otherwise
   */
  public Greetings(StreamProbe streams, Duration deadline) {
    this.streams = streams;
    this.deadline = deadline;
  }

  /** A stream of {@code count} greetings, {@code interval} apart, read at full speed. */
  public ProbeResult stream(Dial dial, int count, Duration interval) {
    return streams.serverStream(request(dial, count, interval, deadline));
  }

  /** The same stream with a client deadline of {@code clientDeadline}. */
  public ProbeResult streamWithDeadline(
      Dial dial, int count, Duration interval, Duration clientDeadline) {
    return streams.serverStream(request(dial, count, interval, clientDeadline));
  }

  /**
   * {@code count} greetings sent at once, read by a consumer that reads nothing for {@code stall}.
   */
  public ProbeResult slowConsumer(Dial dial, int count, Duration stall) {
    return streams.serverStream(
        request(dial, count, Duration.ZERO, deadline), stall, Duration.ZERO);
  }

  /** A stream the client cancels after {@code after} greetings. */
  public ProbeResult cancelAfter(Dial dial, int count, Duration interval, int after) {
    return streams.cancelServerStream(request(dial, count, interval, deadline), after, deadline);
  }

  /**
   * {@code n} ping-pong exchanges on a bidirectional stream; each reply awaited up to {@code
   * replyWait}.
   */
  public ProbeResult pingPong(Dial dial, int n, Duration replyWait) {
    List<String> bodies = new ArrayList<>();
    IntStream.range(0, n).forEach(i -> bodies.add("{\"name\":\"ping-" + i + "\"}"));
    return streams.pingPong(
        new ProbeRequest(dial, BIDI, "{}", Map.of(), deadline), bodies, replyWait);
  }

  private static ProbeRequest request(Dial dial, int count, Duration interval, Duration deadline) {
    String body =
        "{\"name\":\"stream\",\"count\":"
            + count
            + ",\"intervalMillis\":"
            + interval.toMillis()
            + "}";
    return new ProbeRequest(dial, STREAM, body, Map.of(), deadline);
  }
}
