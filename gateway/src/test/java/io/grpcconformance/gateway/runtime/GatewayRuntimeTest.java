package io.grpcconformance.gateway.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.grpcconformance.gateway.routing.PortRoutes;
import io.grpcconformance.gateway.routing.RoutingTable;
import io.grpcconformance.gateway.testkit.LogCapture;
import io.grpcconformance.gateway.translate.GatewaySnapshot;
import io.grpcconformance.gateway.translate.TranslationResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Coalescing, ordering, awaiting and logging of the runtime, with a fake source and translator. */
class GatewayRuntimeTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  /** A source whose state the test sets; it signals after each change, as real sources do. */
  static final class FakeSource implements SnapshotSource {
    final AtomicReference<GatewaySnapshot> state = new AtomicReference<>(GatewaySnapshot.EMPTY);
    final AtomicInteger refreshes = new AtomicInteger();
    volatile Runnable changed;
    volatile boolean ready = true;

    @Override
    public boolean ready() {
      return ready;
    }

    @Override
    public void start(Runnable changed) {
      this.changed = changed;
      changed.run();
    }

    void set(GatewaySnapshot snapshot) {
      state.set(snapshot);
      changed.run();
    }

    @Override
    public GatewaySnapshot snapshot() {
      return state.get();
    }

    @Override
    public void refresh() {
      refreshes.incrementAndGet();
    }

    @Override
    public void close() {}
  }

  private final FakeSource source = new FakeSource();
  private final List<GatewaySnapshot> translated = new CopyOnWriteArrayList<>();
  private final List<RoutingTable> applied = new CopyOnWriteArrayList<>();
  private final List<TranslationResult> published = new CopyOnWriteArrayList<>();
  private GatewayRuntime runtime;

  @AfterEach
  void close() {
    if (runtime != null) {
      runtime.close();
    }
  }

  /** The fake translator encodes the number of services into the table's generation. */
  private static TranslationResult translate(GatewaySnapshot snapshot) {
    return new TranslationResult(new RoutingTable(snapshot.services().size(),
        Map.of(443, PortRoutes.closed(443))), List.of(), List.of());
  }

  private GatewayRuntime start(Function<GatewaySnapshot, TranslationResult> translator,
      Duration delay) throws Exception {
    runtime = new GatewayRuntime(source, s -> {
      translated.add(s);
      return translator.apply(s);
    }, applied::add, published::add, delay);
    runtime.start();
    return runtime;
  }

  private static GatewaySnapshot withServices(int n) {
    List<Service> services = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      services.add(new ServiceBuilder().withNewMetadata()
          .withName("s" + i).withNamespace("default").endMetadata().build());
    }
    GatewaySnapshot e = GatewaySnapshot.EMPTY;
    return new GatewaySnapshot(e.gatewayClasses(), e.gateways(), e.grpcRoutes(), e.httpRoutes(),
        e.referenceGrants(), e.namespaces(), services, e.endpointSlices(), e.secrets(),
        e.ingresses(), e.ingressClasses());
  }

  @Test
  void initialSnapshot_isGeneration1_andApplied() throws Exception {
    start(GatewayRuntimeTest::translate, Duration.ofMillis(10));

    assertThat(runtime.awaitApplied(1, WAIT)).isTrue();
    assertThat(applied).hasSize(1);
    assertThat(published).hasSize(1);
    assertThat(runtime.lastResult().table().ports()).containsKey(443);
  }

  @Test
  void burstOfChanges_isOneTranslationOfTheNewestSnapshot() throws Exception {
    // Deterministic: the burst arrives while the initial pass is held, so whatever the machine's
    // speed, all 50 changes are pending when the runtime is free again.
    CountDownLatch release = new CountDownLatch(1);
    start(s -> {
      if (s == GatewaySnapshot.EMPTY) {
        awaitQuietly(release);
      }
      return translate(s);
    }, Duration.ofMillis(1));
    List<GatewaySnapshot> burst = new ArrayList<>();
    for (int i = 1; i <= 50; i++) {
      burst.add(withServices(i));
    }
    await().atMost(WAIT).until(() -> translated.size() == 1);

    burst.forEach(source::set);
    release.countDown();

    assertThat(runtime.awaitApplied(51, WAIT)).isTrue();
    assertThat(translated).as("initial pass, then one pass for the burst of 50")
        .hasSize(2).last().isSameAs(burst.get(49));
    assertThat(applied).hasSize(2);
    assertThat(runtime.lastResult().table().generation()).isEqualTo(50);
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void changeDuringAPass_getsItsOwnPass() throws Exception {
    CountDownLatch inPass = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    start(s -> {
      if (s.services().size() == 1) {
        inPass.countDown();
        awaitQuietly(release);
      }
      return translate(s);
    }, Duration.ofMillis(1));
    source.set(withServices(1));
    assertThat(inPass.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();

    source.set(withServices(2)); // arrives while the pass for 1 service is running
    release.countDown();

    assertThat(runtime.awaitApplied(3, WAIT)).isTrue();
    await().atMost(WAIT).until(() -> runtime.lastResult().table().generation() == 2);
  }

  @Test
  void sourceNotReady_translatesAndAppliesNothing_untilItIsReadyAndSignals() throws Exception {
    source.ready = false; // e.g. informers whose initial lists have not all arrived
    start(GatewayRuntimeTest::translate, Duration.ofMillis(1));
    source.set(withServices(1));
    source.set(withServices(2));
    // No pass may finish: awaitApplied times out rather than reporting a partial view applied.
    assertThat(runtime.awaitApplied(1, Duration.ofMillis(300))).isFalse();
    assertThat(translated).isEmpty();
    assertThat(applied).isEmpty();
    assertThat(published).isEmpty();

    source.ready = true;
    source.set(withServices(3)); // a ready source signals once its view is complete

    assertThat(runtime.awaitApplied(runtime.seenGeneration(), WAIT)).isTrue();
    assertThat(translated).singleElement().satisfies(s -> assertThat(s.services()).hasSize(3));
    assertThat(applied).singleElement()
        .satisfies(t -> assertThat(t.generation()).isEqualTo(3));
  }

  @Test
  void awaitIdle_refreshesTheSource_thenWaitsForEverythingSeen() throws Exception {
    start(GatewayRuntimeTest::translate, Duration.ofMillis(50));
    source.set(withServices(3));

    assertThat(runtime.awaitIdle(WAIT)).isTrue();
    assertThat(source.refreshes).hasValue(1);
    assertThat(runtime.appliedGeneration()).isEqualTo(runtime.seenGeneration());
    assertThat(runtime.lastResult().table().generation()).isEqualTo(3);
  }

  @Test
  void listeners_hearEveryPass() throws Exception {
    List<Long> generations = new CopyOnWriteArrayList<>();
    runtime = new GatewayRuntime(source, GatewayRuntimeTest::translate, t -> {}, StatusSink.NONE,
        Duration.ofMillis(1));
    runtime.addListener((generation, result) -> generations.add(generation));
    runtime.start();
    runtime.awaitApplied(1, WAIT);
    source.set(withServices(1));

    await().atMost(WAIT).until(() -> generations.contains(2L));
    assertThat(generations).containsExactly(1L, 2L);
  }

  @Test
  void problems_areLoggedOneLineEach_withASummary() throws Exception {
    try (LogCapture log = LogCapture.start()) {
      start(s -> new TranslationResult(RoutingTable.EMPTY, List.of(),
          List.of("GRPCRoute default/a: bad regex in rule 0", "Secret default/t: not a PEM key")),
          Duration.ofMillis(1));
      runtime.awaitApplied(1, WAIT);

      assertThat(log.lines()).contains(
          "generation 1: GRPCRoute default/a: bad regex in rule 0",
          "generation 1: Secret default/t: not a PEM key",
          "generation 1 applied: ports [], 0 routes, 0 statuses, 2 problems");
    }
  }

  @Test
  void failingDataPlaneOrTranslator_doesNotStopTheRuntime() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    runtime = new GatewayRuntime(source, s -> {
      if (calls.incrementAndGet() == 1) {
        throw new IllegalStateException("translator bug");
      }
      return translate(s);
    }, t -> {
      throw new UnsupportedOperationException("data plane not implemented yet");
    }, published::add, Duration.ofMillis(1));
    runtime.start();
    assertThat(runtime.awaitApplied(1, WAIT)).isTrue();
    assertThat(runtime.lastResult()).isSameAs(GatewayRuntime.NO_RESULT);

    source.set(withServices(4));

    assertThat(runtime.awaitApplied(2, WAIT)).isTrue();
    assertThat(runtime.lastResult().table().generation()).isEqualTo(4);
    assertThat(published).hasSize(1);
  }
}
