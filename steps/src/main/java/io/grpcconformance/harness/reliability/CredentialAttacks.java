package io.grpcconformance.harness.reliability;

import io.grpcconformance.harness.auth.DemoAccounts;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Request metadata (and bodies) of attempts to get past the User sample's authentication, built
 * from the demo accounts so that scenarios name accounts and never spell a password. Each method
 * documents the one thing it does wrong; the User service must answer every one of them
 * UNAUTHENTICATED or PERMISSION_DENIED, and the gateway must not change that.
 */
public final class CredentialAttacks {
  private CredentialAttacks() {}

  /** {@code account}'s credentials with the username sent a second time as {@code other}. */
  public static Map<String, List<String>> usernameRepeated(String account, String other) {
    return metadata("username", List.of(account, other), "password", List.of(password(account)));
  }

  /** {@code account}'s username with two passwords: a wrong one, then the right one. */
  public static Map<String, List<String>> passwordRepeated(String account) {
    return metadata(
        "username",
        List.of(account),
        "password",
        List.of("not-" + account + "-s-password", password(account)));
  }

  /** {@code account}'s credentials under {@code username-bin} and {@code password-bin} only. */
  public static Map<String, List<String>> binaryKeysOnly(String account) {
    return metadata(
        "username-bin",
        List.of(base64(account)),
        "password-bin",
        List.of(base64(password(account))));
  }

  /** {@code account}'s credentials plus {@code other}'s under the binary keys. */
  public static Map<String, List<String>> binaryKeysBeside(String account, String other) {
    Map<String, List<String>> m = new LinkedHashMap<>(DemoAccounts.credentials(account));
    m.put("username-bin", List.of(base64(other)));
    m.put("password-bin", List.of(base64(password(other))));
    return m;
  }

  /** The username of {@code usernameOf} with the password of {@code passwordOf}. */
  public static Map<String, List<String>> mixed(String usernameOf, String passwordOf) {
    return metadata("username", List.of(usernameOf), "password", List.of(password(passwordOf)));
  }

  /** {@code account}'s credentials with a space after the password. */
  public static Map<String, List<String>> passwordWithTrailingSpace(String account) {
    return metadata("username", List.of(account), "password", List.of(password(account) + " "));
  }

  /** {@code account}'s password with the username in upper case. */
  public static Map<String, List<String>> usernameUpperCase(String account) {
    return metadata(
        "username",
        List.of(account.toUpperCase(java.util.Locale.ROOT)),
        "password",
        List.of(password(account)));
  }

  /** {@code account}'s credentials plus headers a proxy might trust, claiming {@code claimed}. */
  public static Map<String, List<String>> identityHeaders(String account, String claimed) {
    Map<String, List<String>> m = new LinkedHashMap<>(DemoAccounts.credentials(account));
    m.put("x-forwarded-user", List.of(claimed));
    m.put("x-remote-user", List.of(claimed));
    m.put("x-authenticated-user", List.of(claimed));
    return m;
  }

  /** A Login/DeleteUser request body carrying {@code account}'s credentials (JSON). */
  public static String credentialsInBody(String account) {
    return "{\"username\":\"" + account + "\",\"password\":\"" + password(account) + "\"}";
  }

  private static String password(String account) {
    return DemoAccounts.credentials(account).get("password").get(0);
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static Map<String, List<String>> metadata(
      String k1, List<String> v1, String k2, List<String> v2) {
    Map<String, List<String>> m = new LinkedHashMap<>();
    m.put(k1, v1);
    m.put(k2, v2);
    return m;
  }
}
