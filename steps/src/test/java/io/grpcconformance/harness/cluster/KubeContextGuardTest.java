package io.grpcconformance.harness.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class KubeContextGuardTest {
  private final KubeContextGuard guard = new KubeContextGuard(List.of("kind-devops", "k3s-*"));
  private final Set<String> known = Set.of("kind-devops", "k3s-ci", "prod-eu", "k3s");

  @Test
  void theNamedContextWinsOverTheCurrentOne() {
    assertThat(guard.decide(Optional.of("k3s-ci"), Optional.of("prod-eu"), known))
        .isEqualTo(new KubeContextGuard.Allowed("k3s-ci"));
  }

  @Test
  void theCurrentContextIsUsedWhenNoneIsNamedIfAllowed() {
    assertThat(guard.decide(Optional.empty(), Optional.of("kind-devops"), known))
        .isEqualTo(new KubeContextGuard.Allowed("kind-devops"));
  }

  @Test
  void aCurrentContextOffTheAllowListIsRefusedNotUsed() {
    KubeContextGuard.Decision decision = guard.decide(Optional.empty(), Optional.of("prod-eu"), known);

    assertThat(decision).isInstanceOf(KubeContextGuard.Refused.class);
    PreflightFailure failure = ((KubeContextGuard.Refused) decision).failure();
    assertThat(failure.line()).isEqualTo("kube context 'prod-eu' (the current context) is not on the allow-list"
        + " [kind-devops, k3s-*]; the suite creates and deletes namespaces there (fix: -Dconformance.kubeContext="
        + "<an allowed context>, or add it to -Dconformance.allowedContexts if that cluster is disposable)");
  }

  @Test
  void aNamedContextMissingFromTheKubeconfigIsRefused() {
    KubeContextGuard.Decision decision = guard.decide(Optional.of("kind-devops2"), Optional.of("kind-devops"), known);

    assertThat(((KubeContextGuard.Refused) decision).failure().reason())
        .isEqualTo("kube context 'kind-devops2' (named by conformance.kubeContext) not found in the kubeconfig");
  }

  @Test
  void noContextAtAllIsRefusedWithTheFix() {
    KubeContextGuard.Decision decision = guard.decide(Optional.empty(), Optional.empty(), Set.of());

    assertThat(((KubeContextGuard.Refused) decision).failure().line())
        .isEqualTo("no kube context: none named and the kubeconfig has no current context"
            + " (fix: -Dconformance.kubeContext=kind-devops (after lab/up.sh))");
  }

  @Test
  void wildcardsMatchWholeNamesAndEverythingElseIsLiteral() {
    assertThat(guard.allowed("k3s-ci")).isTrue();
    assertThat(guard.allowed("k3s-")).isTrue();
    assertThat(guard.allowed("k3s")).isFalse();
    assertThat(guard.allowed("my-k3s-ci")).isFalse();
    assertThat(guard.allowed("kind-devops-old")).isFalse();
    assertThat(new KubeContextGuard(List.of("kind.devops")).allowed("kindXdevops")).isFalse();
    assertThat(new KubeContextGuard(List.of()).allowed("kind-devops")).isFalse();
  }
}
