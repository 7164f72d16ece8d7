package io.grpcconformance.samples.user;

import io.grpcconformance.samples.echo.Redaction;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The accounts and per-role permissions the User service authenticates against: the demo accounts
 * ({@link #demo()}) or those of a {@code --users} file ({@link UsersFile}).
 */
public final class Accounts {

  /** Permission granting every method. */
  public static final String ALL_METHODS = "*";

  /** The methods of {@code com.example.User} a role may be granted. */
  public static final Set<String> METHODS = Set.of("Login", "GetUser", "DeleteUser");

  /** Longer usernames are rejected before any lookup. */
  public static final int MAX_USERNAME_CHARS = 256;

  /** Longer passwords are rejected before hashing. */
  public static final int MAX_PASSWORD_CHARS = 1024;

  /** Compared against when the username is unknown, so both paths hash and compare once. */
  private static final Account NOBODY = new Account("", "", new byte[32]);

  private final Map<String, Set<String>> rolePermissions;
  private final Map<String, Account> byUsername;

  private Accounts(Map<String, Set<String>> rolePermissions, List<Account> accounts) {
    Map<String, Set<String>> roles = new LinkedHashMap<>();
    rolePermissions.forEach((role, methods) -> roles.put(role, Set.copyOf(methods)));
    Map<String, Account> users = new LinkedHashMap<>();
    for (Account account : accounts) {
      if (!roles.containsKey(account.role())) {
        throw new IllegalArgumentException(
            "account " + account.username() + ": role '" + account.role() + "' is not defined");
      }
      if (users.putIfAbsent(account.username(), account) != null) {
        throw new IllegalArgumentException("account " + account.username() + ": defined twice");
      }
    }
    this.rolePermissions = Map.copyOf(roles);
    this.byUsername = Collections.unmodifiableMap(users);
  }

  /**
   * Accounts with the given role → permitted methods table (method names or {@value #ALL_METHODS}).
   */
  public static Accounts of(Map<String, Set<String>> rolePermissions, List<Account> accounts) {
    return new Accounts(rolePermissions, accounts);
  }

  /**
   * The documented demo accounts: {@code alice}/{@code alice-secret} (role {@code user}: Login,
   * GetUser) and {@code admin}/{@code admin-secret} (role {@code admin}: every method).
   */
  public static Accounts demo() {
    return of(
        Map.of("user", Set.of("Login", "GetUser"), "admin", Set.of(ALL_METHODS)),
        List.of(
            new Account("alice", "user", hash("alice-secret")),
            new Account("admin", "admin", hash("admin-secret"))));
  }

  /** SHA-256 of a password's UTF-8 bytes. */
  public static byte[] hash(String password) {
    return Redaction.sha256(password.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The account whose username and password match; empty otherwise. The password is hashed and
   * compared in constant time (MessageDigest.isEqual) whether or not the username exists.
   */
  public Optional<Account> authenticate(String username, String password) {
    if (username.length() > MAX_USERNAME_CHARS || password.length() > MAX_PASSWORD_CHARS) {
      return Optional.empty();
    }
    byte[] candidate = hash(password);
    Account account = byUsername.get(username);
    boolean matches = (account == null ? NOBODY : account).passwordHashMatches(candidate);
    return account != null && matches ? Optional.of(account) : Optional.empty();
  }

  /** Whether {@code account}'s role may call method {@code bareMethodName} of com.example.User. */
  public boolean mayCall(Account account, String bareMethodName) {
    Set<String> permitted = rolePermissions.getOrDefault(account.role(), Set.of());
    return permitted.contains(ALL_METHODS) || permitted.contains(bareMethodName);
  }

  /** Looks an account up by username. */
  public Optional<Account> find(String username) {
    return Optional.ofNullable(byUsername.get(username));
  }

  /** Every account, in definition order. */
  public Collection<Account> all() {
    return byUsername.values();
  }

  /** The role names, for logs. */
  public Set<String> roles() {
    return rolePermissions.keySet();
  }
}
