package io.grpcconformance.steps;

import io.cucumber.java.Scenario;
import io.grpcconformance.harness.config.ConformanceConfig;
import io.grpcconformance.harness.env.Address;
import io.grpcconformance.harness.env.Environment;
import io.grpcconformance.harness.expect.CallExpectations;
import io.grpcconformance.harness.expect.Expectation;
import io.grpcconformance.harness.expect.ReflectionExpectations;
import io.grpcconformance.harness.expect.TlsExpectations;
import io.grpcconformance.harness.expect.WeightSampler;
import io.grpcconformance.harness.grpc.ClientTls;
import io.grpcconformance.harness.grpc.Dial;
import io.grpcconformance.harness.grpc.Greetings;
import io.grpcconformance.harness.grpc.GrpcProbe;
import io.grpcconformance.harness.grpc.ProbeRequest;
import io.grpcconformance.harness.grpc.ProbeResult;
import io.grpcconformance.harness.grpc.StreamProbe;
import io.grpcconformance.harness.isolation.IsolationCheck;
import io.grpcconformance.harness.k8s.Cleanup;
import io.grpcconformance.harness.k8s.ManifestApplier;
import io.grpcconformance.harness.k8s.ScenarioNamespaces;
import io.grpcconformance.harness.k8s.StatusAssertions;
import io.grpcconformance.harness.tls.LegacyTlsProbe;
import io.grpcconformance.harness.tls.Pki;
import io.grpcconformance.harness.tls.TlsHandshakeProbe;
import io.grpcconformance.harness.wait.Eventually;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.picocontainer.Disposable;

/**
 * The state of one scenario, shared by every step class through PicoContainer (one instance per
 * scenario): its namespaces, the harness objects bound to them, the client's current target and the
 * last call. Harness objects are created lazily because skipped scenarios never need them.
 */
public class ScenarioContext implements Disposable {

  private final ConformanceConfig config = SuiteRuntime.config();
  private final Cleanup cleanup = new Cleanup();
  private final List<String> journal = Collections.synchronizedList(new ArrayList<>());
  private final Map<String, String> namespaces = new LinkedHashMap<>();
  private final Pki pki = new Pki();
  private final GrpcProbe probe = GrpcProbe.forSamples();
  private Scenario scenario;
  private Eventually eventually;
  private StreamProbe streams;
  private ManifestApplier applier;
  private IsolationCheck isolation;

  // The client's current target; the address is resolved per call (it may change while the
  // gateway converges).
  private Supplier<Address> target;
  private Optional<String> authority = Optional.empty();
  private Optional<ClientTls> tls = Optional.empty();
  private ProbeRequest lastRequest;
  private ProbeResult lastResult;

  public ConformanceConfig config() {
    return config;
  }

  public Environment env() {
    return SuiteRuntime.environment();
  }

  void begin(Scenario s) {
    this.scenario = s;
  }

  public Scenario scenario() {
    return scenario;
  }

  public Cleanup cleanup() {
    return cleanup;
  }

  public List<String> journal() {
    return journal;
  }

  public Eventually eventually() {
    if (eventually == null) {
      eventually = new Eventually(config.timeouts(), journal::add);
    }
    return eventually;
  }

  public GrpcProbe probe() {
    return probe;
  }

  public StreamProbe streams() {
    if (streams == null) {
      streams = new StreamProbe(probe);
    }
    return streams;
  }

  public CallExpectations expectations() {
    return new CallExpectations(probe, eventually());
  }

  /** Weighted-split sampling; upstream retries a sample up to 10 times. */
  public WeightSampler weights() {
    return new WeightSampler(probe, 10);
  }

  /** TLS handshake assertions with the named timeouts. */
  public TlsExpectations tls() {
    Duration t = config.timeouts().requestTimeout();
    return new TlsExpectations(new TlsHandshakeProbe(t), new LegacyTlsProbe(t), eventually());
  }

  /** Reflection assertions with the named timeouts. */
  public ReflectionExpectations reflection() {
    return new ReflectionExpectations(eventually(), config.timeouts().requestTimeout());
  }

  /** Streaming exchanges with the request timeout as their deadline. */
  public Greetings greetings() {
    return new Greetings(streams(), config.timeouts().requestTimeout());
  }

  /** The CA the current TLS target is trusted with. */
  public String trustedCaPem() {
    return tls.flatMap(t -> t.trustedCertificatesPem())
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "the client does not connect over TLS trusting a certificate authority"));
  }

  public StatusAssertions status() {
    return new StatusAssertions(env().client(), eventually(), config.controllerName());
  }

  public ManifestApplier applier() {
    if (applier == null) {
      applier = new ManifestApplier(env().client(), cleanup);
    }
    return applier;
  }

  public Pki pki() {
    return pki;
  }

  /** Creates the scenario's main namespace (or another one, by role) and remembers it. */
  public String createNamespace(String role, Map<String, String> labels) {
    ScenarioNamespaces ns =
        new ScenarioNamespaces(
            env().client(),
            config.namespacePrefix(),
            config.keepNamespaces(),
            cleanup,
            env()::release);
    String name = ns.create(scenario == null ? "scenario" : scenario.getName(), role, labels);
    namespaces.put(role, name);
    return name;
  }

  /** The scenario's main namespace. */
  public String namespace() {
    return namespace("");
  }

  /** The namespace created for {@code role} ("" is the main one). */
  public String namespace(String role) {
    String ns = namespaces.get(role);
    if (ns == null) {
      throw new IllegalStateException(
          "no namespace '"
              + role
              + "' in this scenario (declare it with"
              + " \"Given another namespace \\\""
              + role
              + "\\\"\"); known: "
              + namespaces.keySet());
    }
    return ns;
  }

  /**
   * Values for {@code ${...}} in manifests: namespace, namespace.<role>, gatewayClass,
   * ingressClass.
   */
  public Map<String, String> variables() {
    Map<String, String> v = new LinkedHashMap<>();
    namespaces.forEach(
        (role, name) -> v.put(role.isEmpty() ? "namespace" : "namespace." + role, name));
    v.put("gatewayClass", config.gatewayClass());
    v.put("ingressClass", config.ingressClass());
    return v;
  }

  public void target(Supplier<Address> address, Optional<ClientTls> clientTls) {
    this.target = address;
    this.tls = clientTls;
  }

  public void authority(String value) {
    this.authority = Optional.ofNullable(value);
  }

  public Optional<String> authority() {
    return authority;
  }

  /** The dial for the current target, resolved now. */
  public Dial dial() {
    if (target == null) {
      throw new IllegalStateException(
          "no target: start with \"Given the client connects to Gateway ...\" or \"... the ingress"
              + " controller ...\"");
    }
    return new Dial(target.get(), authority, tls);
  }

  /** The address of the current target, resolved now. */
  public Address address() {
    return dial().address();
  }

  public void remember(ProbeRequest request, ProbeResult result) {
    this.lastRequest = request;
    this.lastResult = result;
  }

  /** The last request, re-targeted to the current address (for convergence). */
  public Supplier<ProbeRequest> lastRequest() {
    if (lastRequest == null) {
      throw new IllegalStateException(
          "no call yet: a \"When the client calls ...\" step comes first");
    }
    ProbeRequest template = lastRequest;
    return () ->
        new ProbeRequest(
            new Dial(target.get(), template.dial().authority(), template.dial().tls()),
            template.method(),
            template.requestJson(),
            template.metadata(),
            template.deadline());
  }

  /** Repeats the last call until {@code expectation} converges, and remembers the result. */
  public ProbeResult expect(Expectation expectation) {
    ProbeResult r = expectations().mustBeAnswered(lastRequest(), expectation);
    this.lastResult = r;
    return r;
  }

  /** Remembers the result of a stream (checked once, not repeated). */
  public void rememberStream(ProbeResult result) {
    this.lastResult = result;
  }

  /** The isolation workloads, policies and checks of this scenario. */
  public IsolationCheck isolation() {
    if (isolation == null) {
      isolation = new IsolationCheck(env(), namespace());
    }
    return isolation;
  }

  public ProbeResult lastResult() {
    if (lastResult == null) {
      throw new IllegalStateException(
          "no call yet: a \"When the client calls ...\" step comes first");
    }
    return lastResult;
  }

  @Override
  public void dispose() {
    if (streams != null) {
      streams.close();
    }
  }
}
