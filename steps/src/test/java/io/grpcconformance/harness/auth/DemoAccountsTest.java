package io.grpcconformance.harness.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class DemoAccountsTest {

  @Test
  void redaction_isTheSha256OfTheValue() {
    // FIPS 180-2 test vector for "abc"
    assertThat(DemoAccounts.redact("abc"))
        .isEqualTo(
            "redacted:sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  void credentials_carryTheAccountAndAWrongPasswordDiffers() {
    assertThat(DemoAccounts.credentials("alice").get("username")).containsExactly("alice");
    String good = DemoAccounts.credentials("alice").get("password").get(0);
    String bad = DemoAccounts.wrongPassword("alice").get("password").get(0);
    assertThat(bad).isNotEqualTo(good);
    assertThat(DemoAccounts.redacted("alice")).isEqualTo(DemoAccounts.redact(good));
    assertThat(DemoAccounts.allPasswords()).contains(good).doesNotContain(bad);
  }

  @Test
  void unknownAccount_isNamed() {
    assertThatThrownBy(() -> DemoAccounts.credentials("mallory"))
        .hasMessageContaining("no demo account 'mallory'");
    assertThat(List.of("alice", "admin"))
        .allSatisfy(a -> assertThat(DemoAccounts.credentials(a)).isNotEmpty());
  }
}
