package io.grpcconformance.gateway.reliability;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One attempt to get past the User service's authentication or authorization.
 *
 * @param name what the attack tries
 * @param method the com.example.User method called (Login, GetUser, DeleteUser)
 * @param headers request metadata exactly as sent, in order (repeated names allowed)
 * @param trailers request trailers (raw HTTP/2 only: a trailing HEADERS frame after the message)
 * @param body the serialized request message
 * @param raw send with the hand-driven HTTP/2 client (bytes grpc-java would refuse or normalize)
 * @param allowed acceptable outcomes: gRPC code names, or {@link #ANY_REJECTION}; {@code OK} is
 *     never acceptable for an attack
 */
record AuthAttack(
    String name,
    String method,
    List<Header> headers,
    List<Header> trailers,
    byte[] body,
    boolean raw,
    Set<String> allowed) {

  /** Any outcome but OK (a reset stream, a closed connection or any non-OK status). */
  static final String ANY_REJECTION = "ANY_REJECTION";

  /** One header as bytes on the wire. */
  record Header(String name, byte[] value) {
    static Header of(String name, String value) {
      return new Header(name, value.getBytes(StandardCharsets.UTF_8));
    }
  }

  /** Whether {@code outcome} is acceptable. */
  boolean accepts(String outcome) {
    if ("OK".equals(outcome)) {
      return false;
    }
    return allowed.contains(ANY_REJECTION) || allowed.contains(outcome);
  }

  /** Starts an attack on {@code method}. */
  static Builder on(String method, String name) {
    return new Builder(method, name);
  }

  /** Builds an {@link AuthAttack}. */
  static final class Builder {
    private final String method;
    private final String name;
    private final List<Header> headers = new ArrayList<>();
    private final List<Header> trailers = new ArrayList<>();
    private byte[] body = new byte[0];
    private boolean raw;

    private Builder(String method, String name) {
      this.method = method;
      this.name = name;
    }

    Builder header(String header, String value) {
      headers.add(Header.of(header, value));
      return this;
    }

    Builder header(String header, byte[] value) {
      headers.add(new Header(header, value));
      return this;
    }

    Builder credentials(String username, String password) {
      return header("username", username).header("password", password);
    }

    Builder trailer(String header, String value) {
      trailers.add(Header.of(header, value));
      raw = true;
      return this;
    }

    Builder body(byte[] message) {
      this.body = message;
      return this;
    }

    Builder raw() {
      this.raw = true;
      return this;
    }

    AuthAttack expect(String... outcomes) {
      return new AuthAttack(
          name, method, List.copyOf(headers), List.copyOf(trailers), body, raw, Set.of(outcomes));
    }
  }
}
