package io.grpcconformance.steps;

import io.cucumber.java.en.Given;
import io.grpcconformance.harness.env.SampleDeployment;
import io.grpcconformance.harness.env.SampleKind;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Namespaces and sample backends. */
public class BackendSteps {

  private final ScenarioContext ctx;

  public BackendSteps(ScenarioContext ctx) {
    this.ctx = ctx;
  }

  @Given("a {sample} backend {string}")
  public void backend(SampleKind kind, String name) {
    ctx.env().deploy(SampleDeployment.of(kind, name, ctx.namespace()));
  }

  @Given("a {sample} backend {string} with {int} replicas")
  public void backendWithReplicas(SampleKind kind, String name, int replicas) {
    ctx.env().deploy(SampleDeployment.of(kind, name, ctx.namespace()).withReplicas(replicas));
  }

  @Given("a {sample} backend {string} without reflection")
  public void backendWithoutReflection(SampleKind kind, String name) {
    ctx.env().deploy(SampleDeployment.of(kind, name, ctx.namespace()).withReflection(false));
  }

  @Given("a {sample} backend {string} in namespace {string}")
  public void backendInNamespace(SampleKind kind, String name, String role) {
    ctx.env().deploy(SampleDeployment.of(kind, name, ctx.namespace(role)));
  }

  @Given("another namespace {string}")
  public void anotherNamespace(String role) {
    ctx.createNamespace(role, Map.of());
  }

  @Given("another namespace {string} labelled {string}")
  public void anotherNamespaceLabelled(String role, String labels) {
    ctx.createNamespace(role, labels(labels));
  }

  /** {@code "a=b, c=d"} → map. */
  static Map<String, String> labels(String text) {
    Map<String, String> out = new LinkedHashMap<>();
    Arrays.stream(text.split(","))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .forEach(
            kv -> {
              String[] p = kv.split("=", 2);
              if (p.length != 2) {
                throw new IllegalArgumentException("label '" + kv + "' is not key=value");
              }
              out.put(p[0].trim(), p[1].trim());
            });
    return out;
  }
}
