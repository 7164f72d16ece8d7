package io.grpcconformance.harness.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestsTest {

  @Test
  void metadataShortForm_lowerCasesNamesAndKeepsRepeats() {
    assertThat(Requests.metadata("Version: two, Color: blue, color: red"))
        .containsExactly(
            java.util.Map.entry("version", List.of("two")),
            java.util.Map.entry("color", List.of("blue", "red")));
    assertThat(Requests.metadata("")).isEmpty();
    assertThatThrownBy(() -> Requests.metadata("version two"))
        .hasMessage("metadata entry 'version two' is not 'name: value'");
  }

  @Test
  void grpcTimeout_unitsOfTheHttp2Protocol() {
    assertThat(Requests.grpcTimeout("300m")).isEqualTo(Duration.ofMillis(300));
    assertThat(Requests.grpcTimeout("2S")).isEqualTo(Duration.ofSeconds(2));
    assertThat(Requests.grpcTimeout("299999u")).isEqualTo(Duration.ofNanos(299_999_000));
    assertThat(Requests.grpcTimeout("1H")).isEqualTo(Duration.ofHours(1));
    assertThatThrownBy(() -> Requests.grpcTimeout("300"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Requests.grpcTimeout("123456789m"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void defaultBodies_fitTheSampleMethods() {
    MethodCatalog catalog = MethodCatalog.samples();
    for (String m :
        List.of(
            "helloworld.Greeter/SayHello",
            "/com.example.User/GetUser",
            "com.example.User/Login",
            "com.example.User/DeleteUser",
            "helloworld.Greeter/SayHelloStreamReply")) {
      assertThat(catalog.encodeRequest(m, Requests.defaultBody(m))).isNotNull();
    }
    assertThat(Requests.defaultBody("x.Y/Z")).isEqualTo("{}");
  }

  @Test
  void catalog_refusesABodyThatDoesNotFitAndNamesTheMethod() {
    assertThatThrownBy(
            () ->
                MethodCatalog.samples()
                    .encodeRequest("helloworld.Greeter/SayHello", "{\"nope\":1}"))
        .hasMessageStartingWith(
            "helloworld.Greeter/SayHello: request does not fit helloworld.HelloRequest");
    assertThatThrownBy(() -> MethodCatalog.samples().encodeRequest("x.Unknown/M", "{\"a\":1}"))
        .hasMessageContaining("unknown method");
  }
}
