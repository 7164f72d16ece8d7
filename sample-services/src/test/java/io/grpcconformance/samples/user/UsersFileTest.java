package io.grpcconformance.samples.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import io.grpcconformance.samples.SampleServer;
import io.grpcconformance.samples.proto.user.DeleteUserRequest;
import io.grpcconformance.samples.proto.user.LoginRequest;
import io.grpcconformance.samples.proto.user.UserGrpc;
import io.grpcconformance.samples.testing.Clients;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Loading {@code --users} files, and clear errors naming the line for malformed ones. */
class UsersFileTest {

  private static final String VALID =
      """
      roles:
        reader: [Login, GetUser]
        ops: ["*"]
      users:
        - username: bob
          password: bob-pw-1
          role: reader
        - username: carol
          passwordSha256: %s
          role: ops
      """
          .formatted(HexFormat.of().formatHex(Accounts.hash("carol-pw-2")));

  @TempDir Path dir;
  private final Clients clients = new Clients();

  @AfterEach
  void closeClients() throws InterruptedException {
    clients.close();
  }

  @Test
  void parsesRolesAndBothPasswordForms() {
    Accounts accounts = UsersFile.parse(VALID, "users.yaml");

    assertThat(accounts.roles()).containsExactlyInAnyOrder("reader", "ops");
    Account bob = accounts.authenticate("bob", "bob-pw-1").orElseThrow();
    Account carol = accounts.authenticate("carol", "carol-pw-2").orElseThrow();
    assertThat(accounts.mayCall(bob, "GetUser")).isTrue();
    assertThat(accounts.mayCall(bob, "DeleteUser")).isFalse();
    assertThat(accounts.mayCall(carol, "DeleteUser")).isTrue();
    assertThat(accounts.authenticate("bob", "carol-pw-2")).isEmpty();
  }

  @Test
  void aServerUsesTheFileInsteadOfTheDemoAccounts() throws Exception {
    Path file = Files.writeString(dir.resolve("users.yaml"), VALID);
    try (SampleServer server =
        SampleServer.builder(SampleServer.Kind.USER).users(file).graceSeconds(1).start()) {
      assertThat(call(server, "bob", "bob-pw-1", false)).isEqualTo(Status.Code.OK);
      assertThat(call(server, "bob", "bob-pw-1", true)).isEqualTo(Status.Code.PERMISSION_DENIED);
      assertThat(call(server, "carol", "carol-pw-2", true)).isEqualTo(Status.Code.OK);
      assertThat(call(server, "alice", "alice-secret", false))
          .isEqualTo(Status.Code.UNAUTHENTICATED);
    }
  }

  private Status.Code call(SampleServer server, String username, String password, boolean delete) {
    Metadata headers = new Metadata();
    headers.put(AuthInterceptor.USERNAME, username);
    headers.put(AuthInterceptor.PASSWORD, password);
    UserGrpc.UserBlockingStub stub =
        UserGrpc.newBlockingStub(clients.plaintext(server.port()))
            .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
            .withDeadlineAfter(10, TimeUnit.SECONDS);
    StatusRuntimeException error =
        catchThrowableOfType(
            StatusRuntimeException.class,
            () -> {
              if (delete) {
                stub.deleteUser(DeleteUserRequest.newBuilder().setUsername("nobody").build());
              } else {
                stub.login(LoginRequest.getDefaultInstance());
              }
            });
    return error == null ? Status.Code.OK : error.getStatus().getCode();
  }

  @Test
  void aMalformedFileFailsStartupNamingTheFileAndLine() throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("broken.yaml"),
            """
            roles:
              user: [Login]
            users:
              - username: bob
                password: "top-secret-pw
                role: user
            """);

    assertThatThrownBy(() -> SampleServer.builder(SampleServer.Kind.USER).users(file).start())
        .isInstanceOf(UsersFileException.class)
        .hasMessageStartingWith("users file " + file + ", line ")
        .hasMessageContaining("not valid YAML")
        .hasMessageNotContaining("top-secret-pw");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          unknown role           | 7 | role 'admin' is not defined  | roles: {user: [Login]}\\nusers:\\n  - username: bob\\n    password: pw-secret-1\\n    role: user\\n  - username: eve\\n    role: admin\\n    password: pw-secret-1
          unknown method         | 2 | unknown method 'Logout'      | roles:\\n  user: [Login, Logout]\\nusers: []
          missing password       | 3 | exactly one of 'password'    | roles: {user: [Login]}\\nusers:\\n  - username: bob\\n    role: user
          both password forms    | 3 | exactly one of 'password'    | roles: {user: [Login]}\\nusers:\\n  - username: bob\\n    role: user\\n    password: pw-secret-1\\n    passwordSha256: 00
          duplicate user         | 6 | 'bob' is defined twice       | roles: {user: [Login]}\\nusers:\\n  - username: bob\\n    password: pw-secret-1\\n    role: user\\n  - username: bob\\n    password: pw-secret-1\\n    role: user
          unknown user key       | 5 | unknown key 'pasword'        | roles: {user: [Login]}\\nusers:\\n  - username: bob\\n    role: user\\n    pasword: pw-secret-1
          bad hash               | 5 | 64 hexadecimal digits        | roles: {user: [Login]}\\nusers:\\n  - username: bob\\n    role: user\\n    passwordSha256: xyz
          missing users          | 1 | missing key 'users'          | roles: {user: [Login]}
          unknown top-level key  | 2 | unknown key 'accounts'       | roles: {user: [Login]}\\naccounts: []
          root not a mapping     | 1 | must be a mapping            | - just\\n- a list
          empty password         | 4 | password must not be empty   | roles: {user: [Login]}\\nusers:\\n  - username: bob\\n    password: ""\\n    role: user
          role not a list        | 2 | must list methods            | roles:\\n  user: Login\\nusers: []
          username with space    | 3 | without spaces               | roles: {user: [Login]}\\nusers:\\n  - username: bob smith\\n    password: pw-secret-1\\n    role: user
          empty file             | 1 | is empty                     | \\n
          """)
  void reportsTheProblemAndItsLine(String label, int line, String problem, String escapedYaml) {
    String yaml = escapedYaml.replace("\\n", "\n");

    assertThatThrownBy(() -> UsersFile.parse(yaml, "users.yaml"))
        .as(label)
        .isInstanceOf(UsersFileException.class)
        .hasMessageStartingWith("users file users.yaml, line " + line + ": ")
        .hasMessageContaining(problem)
        .hasMessageNotContaining("pw-secret-1");
  }

  @Test
  void theReadmeExampleIsAValidUsersFile() throws Exception {
    String readme = Files.readString(Path.of(System.getProperty("basedir", "."), "README.md"));
    String section = readme.substring(readme.indexOf("#### Users file"));
    String yaml =
        section.substring(
            section.indexOf("```yaml") + "```yaml".length(), section.indexOf("```\n", 10));

    Accounts accounts = UsersFile.parse(yaml, "README.md");

    assertThat(accounts.authenticate("alice", "alice-secret")).isPresent();
    assertThat(accounts.authenticate("admin", "admin-secret")).isPresent();
  }

  @Test
  void anUnreadableFileIsAClearError() {
    Path missing = dir.resolve("absent.yaml");

    assertThatThrownBy(() -> UsersFile.load(missing))
        .isInstanceOf(UsersFileException.class)
        .hasMessage("users file " + missing + ": cannot be read (NoSuchFileException)");
  }
}
