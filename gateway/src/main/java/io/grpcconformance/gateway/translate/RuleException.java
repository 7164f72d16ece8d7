package io.grpcconformance.gateway.translate;

/** A rule that cannot be implemented: the route-condition reason and a one-line message. */
final class RuleException extends Exception {
  final String reason;

  RuleException(String reason, String message) {
    super(message, null, false, false);
    this.reason = reason;
  }

  static RuleException unsupported(String message) {
    return new RuleException(Conditions.REASON_UNSUPPORTED_VALUE, message);
  }
}
