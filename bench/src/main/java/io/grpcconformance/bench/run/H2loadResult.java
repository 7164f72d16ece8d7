package io.grpcconformance.bench.run;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * h2load's summary. It counts HTTP status only (a failed RPC is HTTP 200 with a non-zero
 * grpc-status in the trailers, performance.md §3a), so the benchmark checks {@link #succeeded()}
 * against the backend's OK counter.
 *
 * @param started requests started
 * @param done requests that completed
 * @param succeeded requests completed with a 2xx status
 * @param failed failed + errored + timeout as h2load counts them
 * @param non2xx responses with 3xx, 4xx or 5xx status
 * @param protocol the negotiated application protocol ({@code h2} expected)
 */
public record H2loadResult(long started, long done, long succeeded, long failed, long non2xx,
    String protocol) {
  private static final Pattern REQUESTS = Pattern.compile(
      "requests: (\\d+) total, (\\d+) started, (\\d+) done, (\\d+) succeeded, (\\d+) failed, "
          + "(\\d+) errored, (\\d+) timeout");
  private static final Pattern STATUS =
      Pattern.compile("status codes: (\\d+) 2xx, (\\d+) 3xx, (\\d+) 4xx, (\\d+) 5xx");
  private static final Pattern PROTOCOL = Pattern.compile("Application protocol: (\\S+)");

  /** Parses h2load's standard output; throws naming what is missing. */
  public static H2loadResult parse(String output) {
    Matcher requests = REQUESTS.matcher(output);
    if (!requests.find()) {
      throw new IllegalArgumentException("h2load output has no 'requests:' summary line: "
          + lastLine(output));
    }
    Matcher status = STATUS.matcher(output);
    long non2xx = 0;
    if (status.find()) {
      non2xx = Long.parseLong(status.group(2)) + Long.parseLong(status.group(3))
          + Long.parseLong(status.group(4));
    }
    Matcher protocol = PROTOCOL.matcher(output);
    return new H2loadResult(
        Long.parseLong(requests.group(2)),
        Long.parseLong(requests.group(3)),
        Long.parseLong(requests.group(4)),
        Long.parseLong(requests.group(5)) + Long.parseLong(requests.group(6))
            + Long.parseLong(requests.group(7)),
        non2xx,
        protocol.find() ? protocol.group(1) : "none");
  }

  /** Requests started but not completed when the duration ended. */
  public long unfinished() {
    return Math.max(0, started - done);
  }

  private static String lastLine(String output) {
    String[] lines = output.strip().split("\n");
    return lines.length == 0 ? "(empty)" : lines[lines.length - 1];
  }
}
