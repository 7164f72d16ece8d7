package io.grpcconformance.gateway.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same auth attacks as {@link AuthAttacksDirectTest}, through the embedded gateway (standalone
 * mode, route user.example.com → the User service): the gateway must forward every credential
 * header as sent (repeated, binary, oddly cased) so the backend's decision stands, and never turn
 * an attack into a success. Zero bypasses; outcomes are compared with the direct run.
 */
class AuthAttacksThroughGatewayTest {
  @TempDir Path manifests;

  @Test
  void noAttackGetsThrough_throughTheGateway() throws Exception {
    try (BaseGateway base = new BaseGateway(manifests);
        GatewayChannels channels = new GatewayChannels()) {
      AuthAttackRunner viaGateway =
          new AuthAttackRunner(
              channels.plaintext(base.httpPort(), null), base.httpPort(), "user.example.com");
      AuthAttackRunner direct =
          new AuthAttackRunner(
              channels.plaintext(base.user().port(), null), base.user().port(), "user.example.com");

      List<AuthAttackRunner.Attempt> controls = viaGateway.runAll(AuthAttacks.controls());
      List<AuthAttackRunner.Attempt> attacks = viaGateway.runAll(AuthAttacks.all());
      List<AuthAttackRunner.Attempt> baseline = direct.runAll(AuthAttacks.all());

      assertThat(controls)
          .as("controls through the gateway")
          .allMatch(AuthAttackRunner.Attempt::bypass);
      List<String> differences = new ArrayList<>();
      for (int i = 0; i < attacks.size(); i++) {
        if (!attacks.get(i).outcome().equals(baseline.get(i).outcome())) {
          differences.add(attacks.get(i) + " vs direct " + baseline.get(i).outcome());
        }
      }
      long bypasses = attacks.stream().filter(AuthAttackRunner.Attempt::bypass).count();
      Report.line(
          "auth cases tried: %d, bypasses: %d (through the gateway; %d outcomes differ"
              + " from the direct run)",
          attacks.size(), bypasses, differences.size());
      differences.forEach(d -> Report.line("auth outcome differs through the gateway: %s", d));
      assertThat(attacks).hasSizeGreaterThanOrEqualTo(20);
      assertThat(attacks).as("bypasses").noneMatch(AuthAttackRunner.Attempt::bypass);
      assertThat(attacks).as("unexpected outcomes").allMatch(AuthAttackRunner.Attempt::expected);
    }
  }
}
