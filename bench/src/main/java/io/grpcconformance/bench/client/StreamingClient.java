package io.grpcconformance.bench.client;

import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpcconformance.bench.backend.EchoMethods;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Server-streaming throughput: {@code streamsPerChannel} concurrent Stream calls on each channel,
 * each asking for {@code messagesPerStream} messages; a finished stream is replaced until the
 * window ends, then the client waits for the open ones to finish.
 */
public final class StreamingClient {

  /**
   * What a streaming run measured.
   *
   * @param messages messages received
   * @param streams streams that ended OK
   * @param errors streams that ended with a status other than OK
   * @param unfinished streams still open {@link LatencyClient#DRAIN_TIMEOUT} after the window
   * @param seconds from the first call to the end of the last stream
   */
  public record Result(long messages, long streams, long errors, long unfinished,
      double seconds) {
    public double messagesPerSecond() {
      return seconds > 0 ? messages / seconds : 0;
    }
  }

  private final List<ManagedChannel> channels;
  private final int streamsPerChannel;
  private final byte[] request;

  public StreamingClient(List<ManagedChannel> channels, int streamsPerChannel,
      int messagesPerStream, int messageBytes) {
    this.channels = List.copyOf(channels);
    this.streamsPerChannel = streamsPerChannel;
    this.request = EchoMethods.streamRequest(messagesPerStream, messageBytes);
  }

  /** Runs for {@code duration} plus the time the last streams need to finish. */
  public Result run(Duration duration) throws InterruptedException {
    AtomicLong messages = new AtomicLong();
    AtomicLong streams = new AtomicLong();
    AtomicLong errors = new AtomicLong();
    int total = channels.size() * streamsPerChannel;
    CountDownLatch done = new CountDownLatch(total);
    long start = System.nanoTime();
    long deadline = start + duration.toNanos();
    for (ManagedChannel channel : channels) {
      for (int i = 0; i < streamsPerChannel; i++) {
        startStream(channel, deadline, messages, streams, errors, done);
      }
    }
    boolean finished = done.await(duration.plus(LatencyClient.DRAIN_TIMEOUT).toMillis(),
        TimeUnit.MILLISECONDS);
    double seconds = (System.nanoTime() - start) / 1e9;
    return new Result(messages.get(), streams.get(), errors.get(),
        finished ? 0 : done.getCount(), seconds);
  }

  private void startStream(ManagedChannel channel, long deadline, AtomicLong messages,
      AtomicLong streams, AtomicLong errors, CountDownLatch done) {
    ClientCall<byte[], byte[]> call = channel.newCall(EchoMethods.STREAM_METHOD, CallOptions.DEFAULT);
    call.start(new ClientCall.Listener<>() {
      private long received;

      @Override
      public void onMessage(byte[] message) {
        received++;
        call.request(1);
      }

      @Override
      public void onClose(Status status, Metadata trailers) {
        messages.addAndGet(received);
        if (!status.isOk()) {
          errors.incrementAndGet();
          done.countDown();
          return;
        }
        streams.incrementAndGet();
        if (System.nanoTime() < deadline) {
          startStream(channel, deadline, messages, streams, errors, done);
        } else {
          done.countDown();
        }
      }
    }, new Metadata());
    // A small standing demand keeps deframing going without buffering the whole stream.
    call.request(64);
    call.sendMessage(request);
    call.halfClose();
  }
}
