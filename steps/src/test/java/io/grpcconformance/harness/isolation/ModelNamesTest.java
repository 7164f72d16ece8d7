package io.grpcconformance.harness.isolation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ModelNamesTest {

  @Test
  void modelNamespacesMapToSuffixedClusterNamesAndBack() {
    ModelNames names = new ModelNames("gc-", "k3f9q");
    assertThat(names.namespace("x")).isEqualTo("gc-x-k3f9q");
    assertThat(names.namespaces()).containsValues("gc-x-k3f9q", "gc-y-k3f9q", "gc-z-k3f9q");
    assertThat(names.modelNamespace("gc-z-k3f9q")).contains("z");
    assertThat(names.modelNamespace("gc-z-other")).isEmpty();
  }

  @Test
  void plainNamesAreTheModelNames() {
    assertThat(ModelNames.plain().namespace("y")).isEqualTo("y");
  }

  @Test
  void randomSuffixesDifferAndAreDnsLabels() {
    ModelNames a = ModelNames.random("gc-");
    ModelNames b = ModelNames.random("gc-");
    assertThat(a.suffix()).matches("[a-z0-9]{5}");
    assertThat(a.suffix()).isNotEqualTo(b.suffix());
  }

  @Test
  void onlyModelNamespacesAndDnsLabelsAreAccepted() {
    assertThatThrownBy(() -> new ModelNames("gc-", "x").namespace("default"))
        .hasMessageContaining("'default' is not a model namespace");
    assertThatThrownBy(() -> new ModelNames("GC_", "x")).hasMessageContaining("DNS label");
  }
}
