package io.grpcconformance.gateway.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpcconformance.samples.SampleServer;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every auth attack straight at the sample User service (no gateway): the baseline that the
 * through-the-gateway run must match. Zero bypasses, every outcome as expected, the controls pass.
 */
class AuthAttacksDirectTest {

  @Test
  void noAttackGetsThrough_directlyAtTheUserService() throws Exception {
    try (SampleServer user =
            SampleServer.builder(SampleServer.Kind.USER)
                .name("user-direct")
                .graceSeconds(1)
                .start();
        GatewayChannels channels = new GatewayChannels()) {
      AuthAttackRunner runner =
          new AuthAttackRunner(
              channels.plaintext(user.port(), null), user.port(), "user.example.com");

      List<AuthAttackRunner.Attempt> controls = runner.runAll(AuthAttacks.controls());
      List<AuthAttackRunner.Attempt> attacks = runner.runAll(AuthAttacks.all());

      assertThat(controls).as("controls").allMatch(AuthAttackRunner.Attempt::bypass);
      long bypasses = attacks.stream().filter(AuthAttackRunner.Attempt::bypass).count();
      Report.line(
          "auth cases tried (direct at com.example.User): %d, bypasses: %d",
          attacks.size(), bypasses);
      assertThat(attacks).hasSizeGreaterThanOrEqualTo(20);
      assertThat(attacks).as("bypasses").noneMatch(AuthAttackRunner.Attempt::bypass);
      assertThat(attacks).as("unexpected outcomes").allMatch(AuthAttackRunner.Attempt::expected);
      attacks.forEach(a -> System.out.println("auth direct: " + a));
    }
  }
}
