package io.grpcconformance.harness.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpcconformance.harness.auth.DemoAccounts;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each attack carries exactly the flaw it names, built from the demo accounts. */
class CredentialAttacksTest {
  private static String password(String account) {
    return DemoAccounts.credentials(account).get("password").get(0);
  }

  @Test
  void repeatedAndMixedCredentials() {
    assertThat(CredentialAttacks.usernameRepeated("alice", "admin").get("username"))
        .containsExactly("alice", "admin");
    assertThat(CredentialAttacks.passwordRepeated("alice").get("password"))
        .hasSize(2)
        .endsWith(password("alice"))
        .doesNotHaveDuplicates();
    assertThat(CredentialAttacks.mixed("admin", "alice").get("password"))
        .containsExactly(password("alice"));
    assertThat(CredentialAttacks.usernameUpperCase("alice").get("username"))
        .containsExactly("ALICE");
    assertThat(CredentialAttacks.passwordWithTrailingSpace("alice").get("password").get(0))
        .isEqualTo(password("alice") + " ");
  }

  @Test
  void binaryKeysCarryTheCredentialsBase64() {
    var only = CredentialAttacks.binaryKeysOnly("alice");
    assertThat(only).containsOnlyKeys("username-bin", "password-bin");
    assertThat(
            new String(
                Base64.getDecoder().decode(only.get("password-bin").get(0)),
                StandardCharsets.UTF_8))
        .isEqualTo(password("alice"));
    var beside = CredentialAttacks.binaryKeysBeside("alice", "admin");
    assertThat(beside.get("username")).isEqualTo(List.of("alice"));
    assertThat(beside).containsKeys("username-bin", "password-bin");
  }

  @Test
  void bodyAndIdentityHeaders() {
    assertThat(CredentialAttacks.credentialsInBody("admin"))
        .contains("\"username\":\"admin\"")
        .contains(password("admin"));
    assertThat(CredentialAttacks.identityHeaders("alice", "admin"))
        .containsEntry("x-forwarded-user", List.of("admin"))
        .containsEntry("username", List.of("alice"));
  }
}
