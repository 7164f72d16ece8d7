package io.grpcconformance.gateway.provider.kubernetes;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.grpcconformance.gateway.provider.ModelSerialization;
import io.grpcconformance.gateway.provider.Snapshots;
import io.grpcconformance.gateway.provider.StatusEdits;
import io.grpcconformance.gateway.provider.StatusFields;
import io.grpcconformance.gateway.runtime.StatusSink;
import io.grpcconformance.gateway.translate.TranslationResult;
import java.net.HttpURLConnection;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * Kubernetes mode's {@link StatusSink}: writes each status on the {@code status} subresource,
 * only when it differs from the informer cache (so a steady state makes no API calls).
 *
 * <p>Read-modify-write as the Gateway API implementers' guide asks: the status computed from the
 * cached object keeps route parent entries of other controllers, keeps transition times of
 * conditions whose status and reason did not change, and gets the published address. It is sent
 * as a fresh object holding only identity, the cached resourceVersion and the status (JOSDK's
 * status-update idiom) in a PUT to the status subresource, so the spec is never touched and a
 * concurrent writer causes a 409 instead of a lost update. (A JSON merge patch would replace the
 * route parents list just the same, but the mock API server merges lists, so it could not be
 * tested.) A 409 needs no retry loop: the newer object reaches the informer, which signals
 * another pass.
 */
public final class KubernetesStatusWriter implements StatusSink {
  private static final Logger LOG = Logger.getLogger(KubernetesStatusWriter.class.getName());

  private final KubernetesClient client;
  private final ObjectCache cache;
  private final String controllerName;
  private final Optional<String> address;
  private final Clock clock;
  private final AtomicLong writes = new AtomicLong();

  /**
   * @param controllerName route parent entries naming another controller are left alone
   * @param address published in Gateway {@code status.addresses} where the translator left none
   */
  public KubernetesStatusWriter(
      KubernetesClient client,
      ObjectCache cache,
      String controllerName,
      Optional<String> address,
      Clock clock) {
    this.client = Objects.requireNonNull(client, "client");
    this.cache = Objects.requireNonNull(cache, "cache");
    this.controllerName = Objects.requireNonNull(controllerName, "controllerName");
    this.address = Objects.requireNonNull(address, "address");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public void publish(TranslationResult result) {
    Instant now = clock.instant();
    for (HasMetadata status : result.statuses()) {
      if (StatusFields.supports(status)) {
        write(status, now);
      }
    }
  }

  /**
   * A new object of {@code current}'s kind carrying only name, namespace, resourceVersion (so the
   * API server answers 409 if the object changed since the cache saw it) and status.
   */
  private static HasMetadata forStatusPatch(HasMetadata current, Object status) {
    HasMetadata fresh;
    try {
      fresh = current.getClass().getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot create " + current.getKind(), e);
    }
    fresh.setApiVersion(current.getApiVersion());
    fresh.setMetadata(new ObjectMetaBuilder()
        .withName(current.getMetadata().getName())
        .withNamespace(current.getMetadata().getNamespace())
        .withResourceVersion(current.getMetadata().getResourceVersion())
        .build());
    StatusFields.setStatus(fresh, status);
    return fresh;
  }

  /** Number of status writes sent to the API server so far. */
  public long writes() {
    return writes.get();
  }

  private void write(HasMetadata computed, Instant now) {
    HasMetadata current = cache.get(
        computed.getClass(), computed.getMetadata().getNamespace(),
        computed.getMetadata().getName());
    String what = Snapshots.describe(computed);
    if (current == null) {
      LOG.fine(what + ": gone from the cache, status not written");
      return;
    }
    // Copies: the translator's objects and the informer cache's are shared and must not change.
    HasMetadata fresh = ModelSerialization.MODEL.clone(computed);
    StatusEdits.fillAddress(fresh, address);
    StatusEdits.keepForeignParents(fresh, current, controllerName);
    StatusEdits.stampTransitions(fresh, current, now);
    Object status = StatusFields.status(fresh);
    if (Objects.equals(status, StatusFields.status(current))) {
      return;
    }
    // JOSDK's status-update idiom: a fresh object with only identity, resourceVersion and status.
    HasMetadata update = forStatusPatch(current, status);
    try {
      client.resource(update).updateStatus();
      writes.incrementAndGet();
      LOG.fine(what + ": status written");
    } catch (KubernetesClientException e) {
      if (e.getCode() == HttpURLConnection.HTTP_CONFLICT) {
        LOG.fine(what + ": status write conflicted; the informer update triggers a retry");
      } else if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
        LOG.fine(what + ": deleted before its status was written");
      } else {
        LOG.warning(what + ": status write failed: HTTP " + e.getCode() + " "
            + Objects.toString(e.getStatus() == null ? null : e.getStatus().getReason(), ""));
      }
    }
  }
}
