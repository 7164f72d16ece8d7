package io.grpcconformance.gateway.provider.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GRPCRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.GatewayClass;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.ReferenceGrant;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClass;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Informable;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.grpcconformance.gateway.provider.ModelSerialization;
import io.grpcconformance.gateway.provider.Snapshots;
import io.grpcconformance.gateway.runtime.SnapshotSource;
import io.grpcconformance.gateway.translate.GatewaySnapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;

/**
 * Kubernetes mode's {@link SnapshotSource}: one cluster-wide fabric8 informer per watched kind.
 * Every add, update and delete only signals the runtime, which later rebuilds the whole snapshot
 * from the informers' stores (JOSDK: "always reconcile all resources", never branch on the event).
 *
 * <p>A kind the API server does not serve at start (e.g. a Gateway API CRD not installed, or
 * ReferenceGrant served as v1beta1 only) is logged once and treated as empty until the next
 * restart; everything else keeps working.
 * ReferenceGrants are read in both v1 and v1beta1 (same schema) and merged, v1 winning.
 *
 * <p>Readiness: informers deliver their initial lists as "add" events, one kind at a time, so
 * signals arrive while other kinds are still empty. The source is {@link #ready()} only after
 * every informer has synced; before that its view is partial (Services and Secrets would look
 * missing) and must never be translated.
 */
public final class InformerSource implements SnapshotSource, ObjectCache {
  private static final Logger LOG = Logger.getLogger(InformerSource.class.getName());

  /** The kinds read; the translator needs all of them. */
  static final List<Class<? extends HasMetadata>> KINDS = List.of(
      GatewayClass.class, Gateway.class, GRPCRoute.class, HTTPRoute.class, ReferenceGrant.class,
      io.fabric8.kubernetes.api.model.gatewayapi.v1beta1.ReferenceGrant.class, Namespace.class,
      Service.class, EndpointSlice.class, Secret.class, Ingress.class, IngressClass.class);

  private final KubernetesClient client;
  private final Duration syncTimeout;
  /** Every informer started (for close), including those of kinds that could not be listed. */
  private final List<SharedIndexInformer<? extends HasMetadata>> started =
      new CopyOnWriteArrayList<>();
  /**
   * The synced informers by kind; empty until {@link #start} has seen every initial list, then
   * published once (volatile) and never modified, so readers on other threads need no lock.
   */
  private volatile Map<Class<?>, SharedIndexInformer<? extends HasMetadata>> informers = Map.of();

  /** @param syncTimeout how long {@link #start} waits for the initial lists */
  public InformerSource(KubernetesClient client, Duration syncTimeout) {
    this.client = Objects.requireNonNull(client, "client");
    this.syncTimeout = Objects.requireNonNull(syncTimeout, "syncTimeout");
  }

  @Override
  public void start(Runnable changed) throws InterruptedException, TimeoutException {
    ResourceEventHandler<HasMetadata> signal = new ResourceEventHandler<>() {
      @Override
      public void onAdd(HasMetadata obj) {
        changed.run();
      }

      @Override
      public void onUpdate(HasMetadata oldObj, HasMetadata newObj) {
        // Status-only updates (including our own writes) signal too: the pass that follows finds
        // nothing to write, which is the fixed point. Cheap because passes coalesce.
        changed.run();
      }

      @Override
      public void onDelete(HasMetadata obj, boolean deletedFinalStateUnknown) {
        changed.run();
      }
    };
    Map<Class<?>, SharedIndexInformer<? extends HasMetadata>> synced = new LinkedHashMap<>();
    Map<Class<?>, CompletableFuture<Void>> startFutures = new LinkedHashMap<>();
    for (Class<? extends HasMetadata> kind : KINDS) {
      SharedIndexInformer<? extends HasMetadata> informer = informerFor(kind);
      informer.addEventHandler(signal);
      started.add(informer);
      synced.put(kind, informer);
      startFutures.put(kind, informer.start().toCompletableFuture());
    }
    long deadline = System.nanoTime() + syncTimeout.toNanos();
    for (Map.Entry<Class<?>, CompletableFuture<Void>> entry : startFutures.entrySet()) {
      Class<?> kind = entry.getKey();
      try {
        // A start future completes once the informer's initial list is in its store (synced).
        entry.getValue().get(
            Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      } catch (ExecutionException e) {
        LOG.warning(kind.getSimpleName() + " (" + HasMetadata.getApiVersion(kind.asSubclass(
            HasMetadata.class)) + "): cannot be listed, treated as empty: "
            + e.getCause().getClass().getSimpleName() + ": " + e.getCause().getMessage());
        synced.remove(kind).stop();
      } catch (TimeoutException e) {
        throw new TimeoutException(kind.getSimpleName() + " informer did not sync within "
            + syncTimeout + "; the gateway applies no configuration from a partial view");
      }
    }
    informers = Collections.unmodifiableMap(synced);
    changed.run(); // the initial snapshot, now complete
  }

  /**
   * True once every informer has synced its initial list (kinds that cannot be listed count as
   * empty); false before, while the stores hold a partial view.
   */
  @Override
  public boolean ready() {
    Map<Class<?>, SharedIndexInformer<? extends HasMetadata>> current = informers;
    return !current.isEmpty() && current.values().stream().allMatch(SharedIndexInformer::hasSynced);
  }

  @SuppressWarnings("unchecked")
  private <T extends HasMetadata> SharedIndexInformer<T> informerFor(Class<T> kind) {
    var operation = client.resources(kind);
    Informable<T> informable = Namespaced.class.isAssignableFrom(kind)
        ? operation.inAnyNamespace() : operation;
    return informable.runnableInformer(0);
  }

  @Override
  public GatewaySnapshot snapshot() {
    List<HasMetadata> all = new ArrayList<>();
    Map<String, ReferenceGrant> grants = new LinkedHashMap<>();
    informers.forEach((kind, informer) -> {
      for (HasMetadata object : informer.getStore().list()) {
        if (object instanceof io.fabric8.kubernetes.api.model.gatewayapi.v1beta1.ReferenceGrant b) {
          grants.putIfAbsent(Cache.metaNamespaceKeyFunc(b), toV1(b));
        } else if (object instanceof ReferenceGrant v1) {
          grants.put(Cache.metaNamespaceKeyFunc(v1), v1); // v1 wins over v1beta1
        } else {
          all.add(object);
        }
      }
    });
    all.addAll(grants.values());
    return Snapshots.of(all);
  }

  @Override
  public <T extends HasMetadata> T get(Class<T> type, String namespace, String name) {
    SharedIndexInformer<? extends HasMetadata> informer = informers.get(type);
    if (informer == null) {
      return null;
    }
    HasMetadata object = informer.getStore().getByKey(Cache.namespaceKeyFunc(namespace, name));
    return type.isInstance(object) ? type.cast(object) : null;
  }

  /** v1beta1 and v1 ReferenceGrant share one schema. */
  private static ReferenceGrant toV1(
      io.fabric8.kubernetes.api.model.gatewayapi.v1beta1.ReferenceGrant grant) {
    ReferenceGrant v1 = ModelSerialization.MODEL.convertValue(grant, ReferenceGrant.class);
    v1.setApiVersion("gateway.networking.k8s.io/v1");
    return v1;
  }

  @Override
  public void close() {
    started.forEach(SharedIndexInformer::stop);
  }
}
