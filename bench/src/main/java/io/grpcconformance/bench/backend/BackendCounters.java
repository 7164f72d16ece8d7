package io.grpcconformance.bench.backend;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the echo backend counts. h2load only sees HTTP status, so the benchmark counts successful
 * calls here (a call the backend closed with OK) and compares with what the driver saw
 * (performance.md §3a: h2load ignores grpc-status).
 */
public final class BackendCounters {
  private final LongAdder okCalls = new LongAdder();
  private final LongAdder cancelledCalls = new LongAdder();
  private final LongAdder streamMessages = new LongAdder();

  void ok() {
    okCalls.increment();
  }

  void cancelled() {
    cancelledCalls.increment();
  }

  void messagesSent(int count) {
    streamMessages.add(count);
  }

  /** The counters now. */
  public Snapshot snapshot() {
    return new Snapshot(okCalls.sum(), cancelledCalls.sum(), streamMessages.sum());
  }

  /**
   * Counter values at one moment.
   *
   * @param okCalls calls (unary and streaming) closed with status OK
   * @param cancelledCalls calls cancelled by the peer (an error under load)
   * @param streamMessages messages sent on Stream calls
   */
  public record Snapshot(long okCalls, long cancelledCalls, long streamMessages) {

    /** 24 bytes, three big-endian longs. */
    public byte[] encode() {
      return ByteBuffer.allocate(24).putLong(okCalls).putLong(cancelledCalls)
          .putLong(streamMessages).array();
    }

    public static Snapshot decode(byte[] bytes) {
      ByteBuffer buffer = ByteBuffer.wrap(bytes);
      return new Snapshot(buffer.getLong(), buffer.getLong(), buffer.getLong());
    }

    /** This minus {@code earlier}. */
    public Snapshot minus(Snapshot earlier) {
      return new Snapshot(okCalls - earlier.okCalls, cancelledCalls - earlier.cancelledCalls,
          streamMessages - earlier.streamMessages);
    }
  }
}
