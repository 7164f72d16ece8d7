package io.grpcconformance.gateway.reliability;

import io.grpc.Metadata;
import io.grpc.Status;

/**
 * How one gRPC call ended and who answered it: a sample backend (it always sends {@code
 * x-served-by}) or the gateway itself ({@code x-gateway-answer} in the trailers).
 *
 * @param code the final status code
 * @param description the status description, or empty
 * @param headers response headers (empty for a trailers-only answer)
 * @param trailers response trailers
 * @param body the response message bytes, or null when there was none
 */
record CallOutcome(
    Status.Code code, String description, Metadata headers, Metadata trailers, byte[] body) {

  static final Metadata.Key<String> SERVED_BY =
      Metadata.Key.of("x-served-by", Metadata.ASCII_STRING_MARSHALLER);
  static final Metadata.Key<String> GATEWAY_ANSWER =
      Metadata.Key.of("x-gateway-answer", Metadata.ASCII_STRING_MARSHALLER);

  /** The backend instance that served the call, or null. */
  String servedBy() {
    String name = headers.get(SERVED_BY);
    return name != null ? name : trailers.get(SERVED_BY);
  }

  /** The gateway's own answer kind (unmatched, unavailable, ...), or null. */
  String gatewayAnswer() {
    String answer = trailers.get(GATEWAY_ANSWER);
    return answer != null ? answer : headers.get(GATEWAY_ANSWER);
  }

  /** {@code backend:<name>}, {@code gateway:<answer>} or {@code unknown}. */
  String answeredBy() {
    if (servedBy() != null) {
      return "backend:" + servedBy();
    }
    if (gatewayAnswer() != null) {
      return "gateway:" + gatewayAnswer();
    }
    return "unknown";
  }

  boolean ok() {
    return code == Status.Code.OK;
  }

  @Override
  public String toString() {
    return code + (description.isEmpty() ? "" : " (" + description + ")") + " by " + answeredBy();
  }
}
