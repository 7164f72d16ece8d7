package io.grpcconformance.bench.systems;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateTest {
  private static final Path CONF = Path.of("conf");

  @Test
  void replacesEveryPlaceholder() {
    assertThat(Template.render("listen ${HOST}:${PORT};", Map.of("HOST", "127.0.0.1", "PORT", "8080"),
        "t")).isEqualTo("listen 127.0.0.1:8080;");
  }

  @Test
  void missingValueNamesTemplateAndPlaceholder() {
    assertThatThrownBy(() -> Template.render("${A} ${B}", Map.of("A", "x"), "nginx.conf.tmpl"))
        .hasMessage("nginx.conf.tmpl: no value for placeholder ${B}");
  }

  @Test
  void shippedTemplatesRenderWithTheValuesTheSystemsGive() throws Exception {
    Map<String, String> values = new HashMap<>(Map.of("SUT_CPU", "0", "CPU_MASK", "1",
        "PREFIX", "/tmp/p", "PLAIN_PORT", "1001", "TLS_PORT", "1002", "BACKEND_PORT", "1003",
        "CERT_PEM", "/tmp/c.pem", "CERT_FILE", "/tmp/c.crt", "KEY_FILE", "/tmp/c.key"));
    values.put("CERT_BASE64", "Y2VydA==");
    values.put("KEY_BASE64", "a2V5");
    String haproxy = Template.render(Files.readString(CONF.resolve("haproxy.cfg.tmpl")), values,
        "haproxy");
    String nginx = Template.render(Files.readString(CONF.resolve("nginx.conf.tmpl")), values,
        "nginx");
    String gateway = Template.render(Files.readString(CONF.resolve("gateway-manifests.yaml.tmpl")),
        values, "gateway");

    assertThat(haproxy).contains("bind 127.0.0.1:1001 proto h2")
        .contains("server echo 127.0.0.1:1003 proto h2").contains("nbthread 1");
    // performance.md §1b: keepalive_requests raised on both sides, or nginx stops after 1000.
    assertThat(nginx.split("keepalive_requests 100000000;", -1)).hasSize(3);
    assertThat(nginx).contains("grpc_pass grpc://echo;").contains("listen 127.0.0.1:1002 ssl http2;");
    assertThat(gateway).contains("controllerName: grpc-conformance.io/gateway")
        .contains("port: 1001").contains("protocol: HTTPS").contains("service: bench.Echo")
        .contains("tls.key: a2V5");
  }

  @Test
  void nginxCpuMaskHasTheCpuBitSet() {
    assertThat(NginxSystem.cpuMask(0)).isEqualTo("1");
    assertThat(NginxSystem.cpuMask(2)).isEqualTo("100");
  }
}
