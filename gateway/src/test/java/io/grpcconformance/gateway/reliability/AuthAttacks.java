package io.grpcconformance.gateway.reliability;

import static io.grpcconformance.gateway.reliability.AuthAttack.ANY_REJECTION;
import static io.grpcconformance.gateway.reliability.AuthAttack.on;

import io.grpcconformance.samples.proto.user.DeleteUserRequest;
import io.grpcconformance.samples.proto.user.LoginRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The attacks on {@code com.example.User} (demo accounts: alice/alice-secret with role user, which
 * may call Login and GetUser; admin/admin-secret with role admin), plus the control calls that must
 * succeed so a harness that never sees success cannot pass.
 */
final class AuthAttacks {
  static final String UNAUTHENTICATED = "UNAUTHENTICATED";
  static final String PERMISSION_DENIED = "PERMISSION_DENIED";

  /** 64 KiB: far above the 8 KiB of metadata gRPC servers accept by default. */
  static final int LONG_VALUE = 64 * 1024;

  private AuthAttacks() {}

  /** DeleteUser of a user that does not exist, so even a bypass changes nothing. */
  static byte[] deleteNobody() {
    return DeleteUserRequest.newBuilder().setUsername("nobody").build().toByteArray();
  }

  /** Calls that must succeed: alice logs in (gRPC and raw HTTP/2), admin deletes. */
  static List<AuthAttack> controls() {
    return List.of(
        on("Login", "control: alice logs in").credentials("alice", "alice-secret").expect("OK"),
        on("Login", "control: alice logs in over raw HTTP/2")
            .credentials("alice", "alice-secret")
            .raw()
            .expect("OK"),
        on("DeleteUser", "control: admin deletes")
            .credentials("admin", "admin-secret")
            .body(deleteNobody())
            .expect("OK"));
  }

  /** Every attack; none may end OK. */
  static List<AuthAttack> all() {
    String longValue = "a".repeat(LONG_VALUE);
    byte[] adminInBody =
        LoginRequest.newBuilder()
            .setUsername("admin")
            .setPassword("admin-secret")
            .build()
            .toByteArray();
    return List.of(
        on("Login", "no credentials").expect(UNAUTHENTICATED),
        on("Login", "empty username and password").credentials("", "").expect(UNAUTHENTICATED),
        on("Login", "username only").header("username", "alice").expect(UNAUTHENTICATED),
        on("Login", "password only").header("password", "alice-secret").expect(UNAUTHENTICATED),
        on("Login", "empty password").credentials("alice", "").expect(UNAUTHENTICATED),
        on("Login", "username repeated (alice, admin)")
            .header("username", "alice")
            .header("username", "admin")
            .header("password", "alice-secret")
            .expect(UNAUTHENTICATED),
        on("Login", "password repeated (wrong, right)")
            .header("username", "alice")
            .header("password", "wrong")
            .header("password", "alice-secret")
            .expect(UNAUTHENTICATED),
        on("Login", "username repeated identically")
            .header("username", "alice")
            .header("username", "alice")
            .header("password", "alice-secret")
            .expect(UNAUTHENTICATED),
        on("Login", "case-varied key duplicates username (Username: admin, username: alice)")
            .header("Username", "admin")
            .header("username", "alice")
            .header("password", "alice-secret")
            .expect(UNAUTHENTICATED),
        on("Login", "upper-case keys on the wire (USERNAME/PASSWORD: admin)")
            .raw()
            .header("USERNAME", "admin")
            .header("PASSWORD", "admin-secret")
            .expect(ANY_REJECTION),
        on("Login", "binary keys only (username-bin, password-bin)")
            .header("username-bin", "alice")
            .header("password-bin", "alice-secret")
            .expect(UNAUTHENTICATED),
        on("DeleteUser", "username-bin admin next to alice's credentials")
            .credentials("alice", "alice-secret")
            .header("username-bin", "admin")
            .header("password-bin", "admin-secret")
            .body(deleteNobody())
            .expect(PERMISSION_DENIED),
        on("Login", "admin password only in password-bin")
            .header("username", "admin")
            .header("password-bin", "admin-secret")
            .expect(UNAUTHENTICATED),
        on("Login", "64 KiB username").credentials(longValue, "alice-secret").expect(ANY_REJECTION),
        on("Login", "64 KiB password").credentials("alice", longValue).expect(ANY_REJECTION),
        on("Login", "NUL inside the username (admin\\0)")
            .raw()
            .header("username", "admin\0".getBytes(StandardCharsets.ISO_8859_1))
            .header("password", "admin-secret")
            .expect(ANY_REJECTION),
        on("Login", "CR LF inside the username (header injection)")
            .raw()
            .header("username", "alice\r\npassword: x".getBytes(StandardCharsets.ISO_8859_1))
            .header("password", "alice-secret")
            .expect(ANY_REJECTION),
        on("Login", "unicode username (al\u00efce)")
            .raw()
            .credentials("al\u00efce", "alice-secret")
            .expect(ANY_REJECTION),
        on("Login", "homoglyph admin (Cyrillic a)")
            .raw()
            .credentials("\u0430dmin", "admin-secret")
            .expect(ANY_REJECTION),
        on("DeleteUser", "valid user on a forbidden method")
            .credentials("alice", "alice-secret")
            .body(deleteNobody())
            .expect(PERMISSION_DENIED),
        on("Login", "credentials in the request body only")
            .body(adminInBody)
            .expect(UNAUTHENTICATED),
        on("DeleteUser", "admin in the body, alice in metadata")
            .credentials("alice", "alice-secret")
            .body(adminInBody)
            .expect(PERMISSION_DENIED),
        on("Login", "password with trailing whitespace")
            .credentials("alice", "alice-secret ")
            .raw()
            .expect(ANY_REJECTION),
        on("Login", "username with leading whitespace ( admin)")
            .credentials(" admin", "admin-secret")
            .raw()
            .expect(ANY_REJECTION),
        on("Login", "unknown user with alice's password")
            .credentials("bob", "alice-secret")
            .expect(UNAUTHENTICATED),
        on("Login", "admin's username with alice's password")
            .credentials("admin", "alice-secret")
            .expect(UNAUTHENTICATED),
        on("Login", "case-varied username value (Alice)")
            .credentials("Alice", "alice-secret")
            .expect(UNAUTHENTICATED),
        on("Login", "case-varied password value")
            .credentials("alice", "ALICE-SECRET")
            .expect(UNAUTHENTICATED),
        on("Login", "comma-joined usernames (admin, alice)")
            .credentials("admin, alice", "admin-secret")
            .expect(UNAUTHENTICATED),
        on("Login", "HTTP Basic authorization only")
            .header(
                "authorization",
                "Basic "
                    + java.util.Base64.getEncoder()
                        .encodeToString("admin:admin-secret".getBytes(StandardCharsets.UTF_8)))
            .expect(UNAUTHENTICATED),
        on("DeleteUser", "identity headers (x-forwarded-user, x-remote-user: admin)")
            .credentials("alice", "alice-secret")
            .header("x-forwarded-user", "admin")
            .header("x-remote-user", "admin")
            .body(deleteNobody())
            .expect(PERMISSION_DENIED),
        on("Login", "admin credentials in request trailers only")
            .trailer("username", "admin")
            .trailer("password", "admin-secret")
            .expect(ANY_REJECTION));
  }
}
