package io.grpcconformance.gateway.dataplane;

import io.grpc.Metadata;
import io.grpcconformance.gateway.routing.HeaderModifier;
import io.grpcconformance.gateway.routing.RouteSelector;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Request and response header handling: routing lookups over {@link Metadata}, removal of headers
 * that must not cross the proxy, and Gateway API header filters.
 *
 * <p>What is forwarded: every request header, including binary {@code -bin} ones, except the
 * pseudo-headers (not in {@link Metadata}), the connection-specific headers RFC 9113 §8.2.2
 * forbids, {@code host}, and what grpc-java's client sets itself ({@code content-type}, {@code te},
 * {@code grpc-timeout} from the propagated deadline, {@code grpc-encoding} and
 * {@code grpc-accept-encoding} from {@link PassThroughCompression}). Limitation: grpc-java always
 * replaces {@code user-agent} with the channel's own, so the backend sees the gateway's user agent.
 */
final class ProxyHeaders {

  // "connection" itself never reaches here: Netty's HPACK decoder rejects it (and grpc-java warns
  // on creating a key for it); the others are stripped defensively.
  private static final List<Metadata.Key<String>> NOT_FORWARDED = List.of(
      ascii("keep-alive"), ascii("proxy-connection"),
      ascii("transfer-encoding"), ascii("upgrade"), ascii("host"), ascii("grpc-timeout"),
      PassThroughCompression.ENCODING_KEY, PassThroughCompression.ACCEPT_ENCODING_KEY);

  /** Keys by lower-case name; names come from the routing table, so the map stays small. */
  private static final Map<String, Metadata.Key<?>> KEYS = new ConcurrentHashMap<>();
  private static final Metadata.Key<?> INVALID = ascii("x-invalid-header-name");
  private static final int MAX_CACHED_KEYS = 4096;

  private ProxyHeaders() {}

  /** Routing view of request headers; {@code -bin} values appear base64 as on the wire. */
  static RouteSelector.HeaderLookup lookup(Metadata headers) {
    return name -> first(headers, name);
  }

  /** Strips what must not be forwarded, then applies the route's RequestHeaderModifier. */
  static void prepareRequest(Metadata headers, HeaderModifier modifier) {
    for (int i = 0, n = NOT_FORWARDED.size(); i < n; i++) {
      Metadata.Key<String> key = NOT_FORWARDED.get(i);
      // containsKey only compares names; discardAll rewrites every entry even when none matches
      // (it was the gateway's top self-time method in a JFR profile of unary calls).
      if (headers.containsKey(key)) {
        headers.discardAll(key);
      }
    }
    apply(headers, modifier);
  }

  /**
   * Applies a Gateway API header filter: remove, then set (replace every value), then add
   * (append). A {@code -bin} value is taken as base64 (its wire form), else as UTF-8 bytes.
   * Names that are not valid header names are skipped (the translator reports them).
   */
  static void apply(Metadata headers, HeaderModifier modifier) {
    if (modifier.isEmpty()) {
      return;
    }
    for (String name : modifier.remove()) {
      Metadata.Key<?> key = key(name);
      if (key != INVALID) {
        headers.discardAll(key);
      }
    }
    modifier.set().forEach((name, value) -> put(headers, name, value, true));
    modifier.add().forEach((name, value) -> put(headers, name, value, false));
  }

  /** A string-valued key for a fixed lower-case ASCII header name. */
  static Metadata.Key<String> ascii(String name) {
    return Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER);
  }

  private static String first(Metadata headers, String name) {
    Metadata.Key<?> key = key(name);
    if (key == INVALID) {
      return null;
    }
    Object value = headers.get(key);
    if (value instanceof byte[] bytes) {
      return Base64.getEncoder().withoutPadding().encodeToString(bytes);
    }
    return (String) value;
  }

  @SuppressWarnings("unchecked")
  private static void put(Metadata headers, String name, String value, boolean replace) {
    Metadata.Key<?> key = key(name);
    if (key == INVALID) {
      return;
    }
    if (replace) {
      headers.discardAll(key);
    }
    if (name.endsWith(Metadata.BINARY_HEADER_SUFFIX)) {
      headers.put((Metadata.Key<byte[]>) key, binaryValue(value));
    } else {
      headers.put((Metadata.Key<String>) key, value);
    }
  }

  private static byte[] binaryValue(String value) {
    try {
      return Base64.getDecoder().decode(value);
    } catch (IllegalArgumentException notBase64) {
      return value.getBytes(StandardCharsets.UTF_8);
    }
  }

  private static Metadata.Key<?> key(String name) {
    Metadata.Key<?> key = KEYS.get(name);
    if (key != null) {
      return key;
    }
    try {
      key = name.endsWith(Metadata.BINARY_HEADER_SUFFIX)
          ? Metadata.Key.of(name, Metadata.BINARY_BYTE_MARSHALLER)
          : ascii(name);
    } catch (IllegalArgumentException invalidName) {
      key = INVALID;
    }
    if (KEYS.size() < MAX_CACHED_KEYS) {
      KEYS.put(name, key);
    }
    return key;
  }
}
