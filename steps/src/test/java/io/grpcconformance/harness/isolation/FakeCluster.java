package io.grpcconformance.harness.isolation;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.grpcconformance.netpol.ClusterModel;
import io.grpcconformance.netpol.NamespaceInfo;
import io.grpcconformance.netpol.PodInfo;
import io.grpcconformance.netpol.PodPort;
import io.grpcconformance.netpol.Protocol;
import io.grpcconformance.netpol.ReachabilityEngine;
import io.grpcconformance.samples.probe.ProbeLine;
import io.grpcconformance.samples.probe.ProbeTarget;
import io.grpcconformance.samples.probe.TcpOutcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A scripted cluster for unit tests: it stores what the harness creates, makes pods Ready after a
 * few polls with deterministic IPs, and answers probe execs by evaluating the CLUSTER policies it
 * was given (cluster namespace names, rewritten selectors) with the reachability engine over the
 * CLUSTER objects, so that a wrong translation by the harness shows up as a wrong cell. Policy
 * changes take effect only after {@link #policyLag} further execs (asynchronous programming), and
 * enforcement can be switched off (a CNI that ignores NetworkPolicy). Each exec advances a fake
 * clock by {@link #execCost}.
 */
final class FakeCluster implements ClusterOps, PodExec {

  private static final KubernetesSerialization KUBERNETES = new KubernetesSerialization();

  final AtomicLong clock = new AtomicLong();
  volatile Duration execCost = Duration.ofMillis(100);
  volatile boolean enforcing = true;
  volatile int policyLag = 0;
  volatile int readyAfterPolls = 2;

  /** Cluster pod key (ns/name) → reason: pods that never become Ready. */
  final Map<String, String> stuckPods = new ConcurrentHashMap<>();
  /** Cluster pod keys whose execs fail. */
  final Set<String> failingExecs = ConcurrentHashMap.newKeySet();
  /**
   * "srcPod>dstPod" (cluster ns/name) → scripted results of its next probes, in order: TRUE connects, FALSE times out,
   * NULL asks the policies (a stale connection, a flapping path). An exhausted script asks them.
   */
  final Map<String, Deque<Optional<Boolean>>> scripts = new ConcurrentHashMap<>();
  /** "srcPod>dstPod" (cluster ns/name) pairs that always time out (a broken path no policy explains). */
  final Set<String> broken = ConcurrentHashMap.newKeySet();
  /** "srcPod>dstPod" (cluster ns/name) pairs whose TCP connects but whose health check answers UNAVAILABLE. */
  final Set<String> unhealthy = ConcurrentHashMap.newKeySet();

  final List<HasMetadata> created = Collections.synchronizedList(new ArrayList<>());
  final List<String> deletedNamespaces = Collections.synchronizedList(new ArrayList<>());
  final List<List<String>> execs = Collections.synchronizedList(new ArrayList<>());
  final AtomicInteger concurrentExecs = new AtomicInteger();
  final AtomicInteger maxConcurrentExecs = new AtomicInteger();

  private final Map<String, NetworkPolicy> policies = new LinkedHashMap<>();
  private final Map<String, Integer> podPolls = new ConcurrentHashMap<>();
  private final List<ServiceEndpoint> endpoints = new ArrayList<>();
  private List<NetworkPolicy> effective = List.of();
  private int execsSinceChange;

  long ticker() {
    return clock.get();
  }

  @Override
  public synchronized void create(HasMetadata object) {
    created.add(object);
  }

  @Override
  public Optional<PodState> pod(String namespace, String name) {
    Optional<Pod> pod = findPod(namespace, name);
    if (pod.isEmpty()) {
      return Optional.empty();
    }
    String key = namespace + "/" + name;
    String stuck = stuckPods.get(key);
    if (stuck != null) {
      return Optional.of(new PodState(false, Optional.empty(), stuck));
    }
    int polls = podPolls.merge(key, 1, Integer::sum);
    boolean ready = polls > readyAfterPolls;
    return Optional.of(
        new PodState(ready, ready ? Optional.of(ipOf(pod.get())) : Optional.empty(), "Pending"));
  }

  @Override
  public synchronized void applyPolicy(NetworkPolicy policy) {
    policies.put(policy.getMetadata().getNamespace() + "/" + policy.getMetadata().getName(),
        KUBERNETES.clone(policy));
    execsSinceChange = 0;
  }

  @Override
  public synchronized void deletePolicy(String namespace, String name) {
    policies.remove(namespace + "/" + name);
    execsSinceChange = 0;
  }

  @Override
  public synchronized void labelPod(String namespace, String name, Map<String, String> labels) {
    findPod(namespace, name).orElseThrow().getMetadata().getLabels().putAll(labels);
  }

  @Override
  public synchronized void labelNamespace(String name, Map<String, String> labels) {
    created.stream()
        .filter(Namespace.class::isInstance)
        .filter(n -> n.getMetadata().getName().equals(name))
        .findFirst()
        .orElseThrow()
        .getMetadata()
        .getLabels()
        .putAll(labels);
  }

  @Override
  public synchronized void deleteNamespace(String name) {
    deletedNamespaces.add(name);
  }

  @Override
  public synchronized List<ServiceEndpoint> serviceEndpoints(String ns, String name, int port) {
    return List.copyOf(endpoints);
  }

  @Override
  public Map<String, String> serviceSelector(String namespace, String name) {
    return Map.of("app", name);
  }

  synchronized void endpoints(List<ServiceEndpoint> list) {
    endpoints.clear();
    endpoints.addAll(list);
  }

  /** The cluster policies stored now (not necessarily in effect yet). */
  synchronized Map<String, NetworkPolicy> policies() {
    return new LinkedHashMap<>(policies);
  }

  @Override
  public ExecResult exec(
      String namespace, String pod, String container, List<String> command, Duration timeout) {
    int now = concurrentExecs.incrementAndGet();
    maxConcurrentExecs.accumulateAndGet(now, Math::max);
    try {
      execs.add(List.copyOf(command));
      clock.addAndGet(execCost.toNanos());
      if (failingExecs.contains(namespace + "/" + pod)) {
        return ExecResult.failed("container not found (\"" + container + "\")", "", "");
      }
      Pod source = findPod(namespace, pod).orElseThrow();
      List<NetworkPolicy> inForce = tick();
      StringBuilder out = new StringBuilder("Picked up JAVA_TOOL_OPTIONS: -Xmx64m\n");
      boolean health = command.contains("--grpc-health");
      boolean all = true;
      for (int i = 0; i < command.size() - 1; i++) {
        if (command.get(i).equals("--target")) {
          ProbeLine line = answer(source, ProbeTarget.parse(command.get(i + 1)), health, inForce);
          all &= line.connected();
          out.append(line.format()).append('\n');
        }
      }
      return ExecResult.exited(all ? 0 : 1, out.toString(), "");
    } finally {
      concurrentExecs.decrementAndGet();
    }
  }

  private synchronized List<NetworkPolicy> tick() {
    if (execsSinceChange++ >= policyLag) {
      effective = List.copyOf(policies.values());
    }
    return effective;
  }

  private ProbeLine answer(Pod source, ProbeTarget target, boolean health, List<NetworkPolicy> inForce) {
    Optional<Pod> dest = podByIp(target.host());
    String pair = key(source) + ">" + dest.map(FakeCluster::key).orElse(target.host());
    boolean open;
    Boolean scripted = next(pair);
    if (scripted != null) {
      open = scripted;
    } else if (broken.contains(pair) || dest.isEmpty()) {
      open = false;
    } else if (!enforcing) {
      open = true;
    } else {
      ClusterModel model = clusterModel();
      open = new ReachabilityEngine(model, inForce)
          .allowed(key(source), key(dest.get()), target.port(), Protocol.TCP);
    }
    TcpOutcome tcp = open ? TcpOutcome.OK : TcpOutcome.TIMEOUT;
    Optional<String> grpc = Optional.empty();
    if (health) {
      grpc = Optional.of(!open ? "-" : unhealthy.contains(pair) ? "UNAVAILABLE" : "SERVING");
    }
    return new ProbeLine(target, tcp, grpc, open ? 3 : 2000);
  }

  /** Scripts the next probes of {@code from → to} (model keys of {@code names}). */
  void script(ModelNames names, String from, String to, Boolean... outcomes) {
    Deque<Optional<Boolean>> queue = new ArrayDeque<>();
    for (Boolean b : outcomes) {
      queue.add(Optional.ofNullable(b));
    }
    scripts.put(pair(names, from, to), queue);
  }

  /** Marks {@code from → to} as timing out whatever the policies say. */
  void breakPath(ModelNames names, String from, String to) {
    broken.add(pair(names, from, to));
  }

  /** Makes the health check of {@code from → to} answer UNAVAILABLE after TCP connects. */
  void unhealthy(ModelNames names, String from, String to) {
    unhealthy.add(pair(names, from, to));
  }

  private Boolean next(String pair) {
    Deque<Optional<Boolean>> queue = scripts.get(pair);
    if (queue == null) {
      return null;
    }
    synchronized (queue) {
      Optional<Boolean> b = queue.poll();
      return b == null ? null : b.orElse(null);
    }
  }

  /** The engine's view of what was created: real namespace names and labels, real IPs. */
  synchronized ClusterModel clusterModel() {
    List<NamespaceInfo> namespaces = new ArrayList<>();
    List<PodInfo> pods = new ArrayList<>();
    for (HasMetadata o : created) {
      if (o instanceof Namespace ns) {
        namespaces.add(new NamespaceInfo(ns.getMetadata().getName(), ns.getMetadata().getLabels()));
      } else if (o instanceof Pod p) {
        List<PodPort> ports = new ArrayList<>();
        for (Container c : p.getSpec().getContainers()) {
          for (ContainerPort cp : c.getPorts()) {
            ports.add(new PodPort(cp.getName(), cp.getContainerPort(), Protocol.TCP));
          }
        }
        pods.add(new PodInfo(p.getMetadata().getNamespace(), p.getMetadata().getName(),
            p.getMetadata().getLabels(), ipOf(p), ports));
      }
    }
    return new ClusterModel(namespaces, pods);
  }

  private synchronized Optional<Pod> findPod(String namespace, String name) {
    return created.stream()
        .filter(Pod.class::isInstance)
        .map(Pod.class::cast)
        .filter(p -> p.getMetadata().getNamespace().equals(namespace)
            && p.getMetadata().getName().equals(name))
        .findFirst();
  }

  private synchronized Optional<Pod> podByIp(String ip) {
    return created.stream()
        .filter(Pod.class::isInstance)
        .map(Pod.class::cast)
        .filter(p -> ipOf(p).equals(ip))
        .findFirst();
  }

  private final Map<String, String> ips = new HashMap<>();

  /** 10.42.<n>.<m>: one address per pod, in creation order. */
  synchronized String ipOf(Pod pod) {
    return ips.computeIfAbsent(key(pod), k -> "10.42.0." + (10 + ips.size()));
  }

  /** "clusterNs/pod>clusterNs/pod" for model keys of {@code names} (pods need not exist yet). */
  private static String pair(ModelNames names, String from, String to) {
    return clusterKey(names, from) + ">" + clusterKey(names, to);
  }

  private static String clusterKey(ModelNames names, String modelKey) {
    int slash = modelKey.indexOf('/');
    return names.namespace(modelKey.substring(0, slash)) + modelKey.substring(slash);
  }

  /** The IP the fake gives the model pod {@code modelKey} of {@code names}. */
  String ipOf(ModelNames names, String modelKey) {
    String ns = names.namespace(modelKey.substring(0, 1));
    return ipOf(findPod(ns, modelKey.substring(2)).orElseThrow());
  }

  private static String key(Pod pod) {
    return pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
  }
}
