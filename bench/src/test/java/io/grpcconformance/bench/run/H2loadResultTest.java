package io.grpcconformance.bench.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class H2loadResultTest {
  private static final String OUTPUT = """
      starting benchmark...
      spawning thread #0: 4 total client(s). 0 total requests
      Application protocol: h2c
      finished in 6.00s, 44827.17 req/s, 2.91MB/s
      requests: 268963 total, 269163 started, 268963 done, 268960 succeeded, 3 failed, 2 errored, 1 timeout
      status codes: 268960 2xx, 1 3xx, 2 4xx, 3 5xx
      traffic: 17.47MB (18321045) total, 3.13MB (3281856) headers (space savings 92.68%)
      """;

  @Test
  void readsCountsStatusesAndProtocol() {
    H2loadResult result = H2loadResult.parse(OUTPUT);

    assertThat(result.started()).isEqualTo(269163);
    assertThat(result.done()).isEqualTo(268963);
    assertThat(result.succeeded()).isEqualTo(268960);
    assertThat(result.failed()).isEqualTo(6);
    assertThat(result.non2xx()).isEqualTo(6);
    assertThat(result.protocol()).isEqualTo("h2c");
    assertThat(result.unfinished()).isEqualTo(200);
  }

  @Test
  void outputWithoutSummaryIsAnErrorNamingTheLastLine() {
    assertThatThrownBy(() -> H2loadResult.parse("starting benchmark...\nconnect failed\n"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("requests:")
        .hasMessageContaining("connect failed");
  }

  @Test
  void noNegotiatedProtocolIsReportedAsNone() {
    H2loadResult result = H2loadResult.parse(
        "requests: 2 total, 0 started, 0 done, 0 succeeded, 2 failed, 2 errored, 0 timeout\n");
    assertThat(result.protocol()).isEqualTo("none");
    assertThat(result.failed()).isEqualTo(4);
  }
}
