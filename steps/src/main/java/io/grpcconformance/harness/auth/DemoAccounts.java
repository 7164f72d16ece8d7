package io.grpcconformance.harness.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The User sample's documented demo accounts, so scenarios name an account ("alice") and never
 * spell a password. Credentials travel as request metadata {@code username} and {@code password};
 * the sample echoes secrets as {@code redacted:sha256:<hex>}, which {@link #redacted} computes.
 */
public final class DemoAccounts {

  /** Demo usernames and passwords (public: they are in the sample's README). */
  private static final Map<String, String> PASSWORDS =
      Map.of(
          "alice", "alice-secret",
          "admin", "admin-secret");

  private DemoAccounts() {}

  /** Metadata that logs in as {@code account}. */
  public static Map<String, List<String>> credentials(String account) {
    return Map.of("username", List.of(account), "password", List.of(password(account)));
  }

  /** Metadata with {@code account}'s name and a password that is not its own. */
  public static Map<String, List<String>> wrongPassword(String account) {
    password(account); // the account must exist
    return Map.of(
        "username", List.of(account), "password", List.of("not-" + account + "-s-password"));
  }

  /** How the sample echoes {@code account}'s password: {@code redacted:sha256:<hex>}. */
  public static String redacted(String account) {
    return redact(password(account));
  }

  /** The echo form of any secret value. */
  public static String redact(String secret) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.ISO_8859_1));
      return "redacted:sha256:" + HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }

  /** Every demo password, for "never revealed" checks. */
  public static List<String> allPasswords() {
    return List.copyOf(PASSWORDS.values());
  }

  private static String password(String account) {
    String p = PASSWORDS.get(account);
    if (p == null) {
      throw new IllegalArgumentException(
          "no demo account '" + account + "' (known: " + PASSWORDS.keySet() + ")");
    }
    return p;
  }
}
