package io.grpcconformance.samples.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpcconformance.samples.SampleServer;
import io.grpcconformance.samples.proto.user.DeleteUserReply;
import io.grpcconformance.samples.proto.user.DeleteUserRequest;
import io.grpcconformance.samples.proto.user.GetUserRequest;
import io.grpcconformance.samples.proto.user.LoginReply;
import io.grpcconformance.samples.proto.user.LoginRequest;
import io.grpcconformance.samples.proto.user.UserGrpc;
import io.grpcconformance.samples.testing.Clients;
import io.grpcconformance.samples.testing.HeaderCapture;
import io.grpcconformance.samples.testing.LogCapture;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every authentication and authorization outcome of the User service with the demo accounts. */
class AuthInterceptorTest {

  private static final String ALICE_SECRET = "alice-secret";
  private static final String ADMIN_SECRET = "admin-secret";
  private static final String WRONG_SECRET = "not-alice-secret";

  private final Clients clients = new Clients();
  private LogCapture logs;
  private SampleServer server;
  private HeaderCapture capture;

  @BeforeEach
  void start() throws Exception {
    logs = new LogCapture();
    server = SampleServer.builder(SampleServer.Kind.USER).name("user-auth").start();
    capture = new HeaderCapture();
  }

  @AfterEach
  void stop() throws InterruptedException {
    clients.close();
    server.close();
    logs.close();
    // Passwords are never logged, whatever the outcome.
    assertThat(logs.text()).doesNotContain(ALICE_SECRET, ADMIN_SECRET, WRONG_SECRET);
  }

  private UserGrpc.UserBlockingStub stub(Metadata headers) {
    return capture
        .on(UserGrpc.newBlockingStub(clients.plaintext(server.port())), headers)
        .withDeadlineAfter(10, TimeUnit.SECONDS);
  }

  private static Metadata credentials(String username, String password) {
    Metadata headers = new Metadata();
    if (username != null) {
      headers.put(AuthInterceptor.USERNAME, username);
    }
    if (password != null) {
      headers.put(AuthInterceptor.PASSWORD, password);
    }
    return headers;
  }

  private Status.Code code(Metadata headers, Function<UserGrpc.UserBlockingStub, Object> call) {
    StatusRuntimeException error =
        catchThrowableOfType(StatusRuntimeException.class, () -> call.apply(stub(headers)));
    if (error == null) {
      return Status.Code.OK;
    }
    assertThat(error.getStatus().getDescription())
        .doesNotContain(ALICE_SECRET, ADMIN_SECRET, WRONG_SECRET);
    return error.getStatus().getCode();
  }

  private Status.Code login(Metadata headers) {
    return code(headers, s -> s.login(LoginRequest.getDefaultInstance()));
  }

  @Test
  void aliceLogsIn() {
    LoginReply reply =
        stub(credentials("alice", ALICE_SECRET)).login(LoginRequest.getDefaultInstance());

    assertThat(reply.getUsername()).isEqualTo("alice");
    assertThat(reply.getRole()).isEqualTo("user");
    assertThat(capture.servedBy().name()).isEqualTo("user-auth");
  }

  @Test
  void missingCredentialsAreUnauthenticatedWithServedBy() {
    assertThat(login(new Metadata())).isEqualTo(Status.Code.UNAUTHENTICATED);
    // Error responses carry the backend's identity too.
    assertThat(capture.servedBy().name()).isEqualTo("user-auth");
    assertThat(login(credentials("alice", null))).isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(login(credentials(null, ALICE_SECRET))).isEqualTo(Status.Code.UNAUTHENTICATED);
  }

  @Test
  void emptyValuesAreUnauthenticated() {
    assertThat(login(credentials("", ALICE_SECRET))).isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(login(credentials("alice", ""))).isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(login(credentials("", ""))).isEqualTo(Status.Code.UNAUTHENTICATED);
  }

  @Test
  void wrongPasswordAndUnknownUserAreUnauthenticatedAlike() {
    StatusRuntimeException wrong =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () ->
                stub(credentials("alice", WRONG_SECRET)).login(LoginRequest.getDefaultInstance()));
    StatusRuntimeException unknown =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () ->
                stub(credentials("mallory", ALICE_SECRET))
                    .login(LoginRequest.getDefaultInstance()));

    assertThat(wrong.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(unknown.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
    // Same message: a caller cannot tell which usernames exist.
    assertThat(wrong.getStatus().getDescription()).isEqualTo(unknown.getStatus().getDescription());
    // Another user's password does not work either.
    assertThat(login(credentials("alice", ADMIN_SECRET))).isEqualTo(Status.Code.UNAUTHENTICATED);
  }

  @Test
  void aForbiddenMethodIsPermissionDenied() {
    Metadata alice = credentials("alice", ALICE_SECRET);

    assertThat(
            code(
                alice,
                s -> s.deleteUser(DeleteUserRequest.newBuilder().setUsername("admin").build())))
        .isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(
            code(alice, s -> s.getUser(GetUserRequest.newBuilder().setUsername("admin").build())))
        .isEqualTo(Status.Code.OK);
  }

  @Test
  void adminMayCallEveryMethod() {
    Metadata admin = credentials("admin", ADMIN_SECRET);

    assertThat(stub(admin).login(LoginRequest.getDefaultInstance()).getRole()).isEqualTo("admin");
    assertThat(
            stub(admin).getUser(GetUserRequest.newBuilder().setUsername("alice").build()).getRole())
        .isEqualTo("user");
    DeleteUserReply deleted =
        stub(admin).deleteUser(DeleteUserRequest.newBuilder().setUsername("alice").build());
    assertThat(deleted.getDeleted()).isTrue();
    assertThat(
            stub(admin)
                .deleteUser(DeleteUserRequest.newBuilder().setUsername("alice").build())
                .getDeleted())
        .isFalse();
    assertThat(
            code(admin, s -> s.getUser(GetUserRequest.newBuilder().setUsername("alice").build())))
        .isEqualTo(Status.Code.NOT_FOUND);
    assertThat(code(admin, s -> s.deleteUser(DeleteUserRequest.getDefaultInstance())))
        .isEqualTo(Status.Code.INVALID_ARGUMENT);
    // Deleting the directory record does not revoke alice's credentials.
    assertThat(login(credentials("alice", ALICE_SECRET))).isEqualTo(Status.Code.OK);
  }

  @Test
  void repeatedCredentialKeysAreRejectedAsAmbiguous() {
    Metadata twoUsernames = credentials("alice", ALICE_SECRET);
    twoUsernames.put(AuthInterceptor.USERNAME, "admin");
    Metadata twoPasswords = credentials("alice", ALICE_SECRET);
    twoPasswords.put(AuthInterceptor.PASSWORD, ALICE_SECRET);

    assertThat(login(twoUsernames)).isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(login(twoPasswords)).isEqualTo(Status.Code.UNAUTHENTICATED);
  }

  @Test
  void keyNamesAreCaseInsensitiveSoCaseVariantsAreTheSameKey() {
    Metadata upper = new Metadata();
    upper.put(Metadata.Key.of("UserName", Metadata.ASCII_STRING_MARSHALLER), "alice");
    upper.put(Metadata.Key.of("PASSWORD", Metadata.ASCII_STRING_MARSHALLER), ALICE_SECRET);
    Metadata mixed = credentials("alice", ALICE_SECRET);
    mixed.put(Metadata.Key.of("Username", Metadata.ASCII_STRING_MARSHALLER), "admin");

    assertThat(login(upper)).isEqualTo(Status.Code.OK);
    assertThat(login(mixed)).isEqualTo(Status.Code.UNAUTHENTICATED);
  }

  @Test
  void binaryCredentialKeysAreNotCredentials() {
    Metadata binary = new Metadata();
    binary.put(
        Metadata.Key.of("username-bin", Metadata.BINARY_BYTE_MARSHALLER),
        "alice".getBytes(StandardCharsets.US_ASCII));
    binary.put(
        Metadata.Key.of("password-bin", Metadata.BINARY_BYTE_MARSHALLER),
        ALICE_SECRET.getBytes(StandardCharsets.US_ASCII));

    assertThat(login(binary)).isEqualTo(Status.Code.UNAUTHENTICATED);
  }

  @Test
  void credentialsInTheRequestBodyAreIgnored() {
    LoginRequest adminInBody =
        LoginRequest.newBuilder().setUsername("admin").setPassword(ADMIN_SECRET).build();

    assertThat(code(new Metadata(), s -> s.login(adminInBody)))
        .isEqualTo(Status.Code.UNAUTHENTICATED);
    LoginReply reply = stub(credentials("alice", ALICE_SECRET)).login(adminInBody);
    assertThat(reply.getUsername()).isEqualTo("alice");
    assertThat(reply.getRole()).isEqualTo("user");
  }

  @Test
  void veryLongValuesAreUnauthenticated() {
    String longValue = "a".repeat(Accounts.MAX_PASSWORD_CHARS + 500);

    assertThat(login(credentials(longValue, ALICE_SECRET))).isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(login(credentials("alice", longValue))).isEqualTo(Status.Code.UNAUTHENTICATED);
  }

  @Test
  void theServiceKeepsServingAfterEveryKindOfRejection() {
    login(new Metadata());
    login(credentials("alice", null));
    login(credentials("alice", WRONG_SECRET));
    code(
        credentials("alice", ALICE_SECRET),
        s -> s.deleteUser(DeleteUserRequest.newBuilder().setUsername("x").build()));

    assertThat(login(credentials("alice", ALICE_SECRET))).isEqualTo(Status.Code.OK);
    assertThat(login(credentials("admin", ADMIN_SECRET))).isEqualTo(Status.Code.OK);
  }

  @Test
  void accountsNeverShowTheirPasswordHash() {
    Accounts demo = Accounts.demo();
    Account alice = demo.find("alice").orElseThrow();

    assertThat(alice.toString()).isEqualTo("Account[username=alice, role=user]");
    assertThat(demo.authenticate("alice", ALICE_SECRET)).containsSame(alice);
    assertThat(demo.authenticate("nobody", ALICE_SECRET)).isEmpty();
  }
}
