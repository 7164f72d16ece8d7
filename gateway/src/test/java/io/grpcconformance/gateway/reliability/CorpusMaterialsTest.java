package io.grpcconformance.gateway.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The secret detector the corpus test relies on finds planted Secret content in every form. */
class CorpusMaterialsTest {
  private final CorpusMaterials materials = CorpusMaterials.generate(1, 2);

  @Test
  void everyPlaceholderIsFilled() {
    assertThat(materials.placeholders())
        .containsKeys(
            "GREETER_PORT",
            "USER_PORT",
            "BASE_TLS_CRT_B64",
            "BASE_TLS_KEY_B64",
            "CORPUS_TLS_CRT_B64",
            "CORPUS_TLS_KEY_B64",
            "OTHER_KEY_B64",
            "EXPIRED_TLS_CRT_B64",
            "EXPIRED_TLS_KEY_B64",
            "CORPUS_TLS_CRT_PEM_ONE_LINE");
    assertThat(materials.placeholders().get("GREETER_PORT")).isEqualTo("1");
  }

  @Test
  void findsBase64DataAndPemBodiesInsideLongerText() {
    String keyB64 = materials.placeholders().get("BASE_TLS_KEY_B64");
    String pem = new String(Base64.getDecoder().decode(keyB64), StandardCharsets.UTF_8);
    String pemLine = pem.lines().filter(l -> !l.startsWith("-----")).findFirst().orElseThrow();

    assertThat(materials.findSecret("data: " + keyB64.substring(30, 90) + " end")).isNotNull();
    assertThat(materials.findSecret("key was " + pemLine)).isNotNull();
    assertThat(materials.findSecret("Secret default/base-tls field tls.key: missing")).isNull();
  }
}
