package io.grpcconformance.samples.user;

import java.security.MessageDigest;
import java.util.Objects;

/**
 * One User-service account: a username, a role, and the SHA-256 of its password (never the
 * password).
 */
public final class Account {

  private final String username;
  private final String role;
  private final byte[] passwordSha256;

  /** An account whose password hashes (SHA-256) to {@code passwordSha256}. */
  public Account(String username, String role, byte[] passwordSha256) {
    this.username = Objects.requireNonNull(username, "username");
    this.role = Objects.requireNonNull(role, "role");
    if (passwordSha256 == null || passwordSha256.length != 32) {
      throw new IllegalArgumentException(
          "account " + username + ": password hash must be 32 bytes");
    }
    this.passwordSha256 = passwordSha256.clone();
  }

  /** The login name. */
  public String username() {
    return username;
  }

  /** The role, a key of the permissions table. */
  public String role() {
    return role;
  }

  /** Constant-time comparison of a candidate password's SHA-256 with this account's. */
  boolean passwordHashMatches(byte[] candidateSha256) {
    return MessageDigest.isEqual(passwordSha256, candidateSha256);
  }

  /** Never shows the password hash. */
  @Override
  public String toString() {
    return "Account[username=" + username + ", role=" + role + "]";
  }
}
