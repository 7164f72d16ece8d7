package io.grpcconformance.samples.echo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Decides which request metadata values are secrets and how they are echoed instead: as {@code
 * redacted:sha256:<hex>} so a test can prove the value arrived intact without the secret appearing
 * in any response, log or report.
 */
public final class Redaction {

  /** Prefix of every redacted value. */
  public static final String PREFIX = "redacted:sha256:";

  private Redaction() {}

  /**
   * Whether the value of metadata key {@code key} is a secret: {@code password}, {@code
   * authorization}, {@code proxy-authorization}, {@code cookie}, any key ending in {@code -token},
   * and the {@code -bin} variants of all of these.
   */
  public static boolean isSecret(String key) {
    String k = key.toLowerCase(Locale.ROOT);
    if (k.endsWith("-bin")) {
      k = k.substring(0, k.length() - "-bin".length());
    }
    return k.equals("password")
        || k.equals("authorization")
        || k.equals("proxy-authorization")
        || k.equals("cookie")
        || k.endsWith("-token");
  }

  /** The echoed form of a secret whose raw bytes were {@code raw}. */
  public static String redact(byte[] raw) {
    return PREFIX + HexFormat.of().formatHex(sha256(raw));
  }

  /** The echoed form of a secret sent as the ASCII metadata value {@code secret}. */
  public static String redact(String secret) {
    return redact(secret.getBytes(StandardCharsets.ISO_8859_1));
  }

  /** SHA-256 of {@code bytes}. */
  public static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime provides SHA-256", e);
    }
  }
}
