package io.grpcconformance.gateway.provider.file;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.grpcconformance.gateway.provider.ModelSerialization;
import io.grpcconformance.gateway.provider.Snapshots;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Fills in the metadata the API server would have set, so statuses look as they would in a
 * cluster: {@code generation} starts at 1 and grows when anything but metadata and status changes
 * (observedGeneration follows it), {@code creationTimestamp} is when the object was first seen
 * (route precedence: "the oldest Route"), and {@code uid} is stable while the object exists.
 * Values written in a manifest win. Confined to the folder source's scan thread.
 */
final class StandaloneMetadata {
  private record Known(String specHash, long generation, String created, String uid) {}

  private final Clock clock;
  private final Map<String, Known> known = new HashMap<>();

  StandaloneMetadata(Clock clock) {
    this.clock = clock;
  }

  /** Fills {@code object}'s metadata; call once per freshly parsed object. */
  void fill(HasMetadata object) {
    String key = Snapshots.describe(object);
    String hash = specHash(object);
    Known before = known.get(key);
    Known now;
    if (before == null) {
      now = new Known(hash, 1, clock.instant().truncatedTo(ChronoUnit.SECONDS).toString(),
          UUID.randomUUID().toString());
    } else if (!before.specHash().equals(hash)) {
      now = new Known(hash, before.generation() + 1, before.created(), before.uid());
    } else {
      now = before;
    }
    known.put(key, now);
    ObjectMeta meta = object.getMetadata();
    if (meta.getGeneration() == null) {
      meta.setGeneration(now.generation());
    }
    if (meta.getCreationTimestamp() == null) {
      meta.setCreationTimestamp(now.created());
    }
    if (meta.getUid() == null) {
      meta.setUid(now.uid());
    }
  }

  /** Forgets objects that are gone, so a re-created object starts again at generation 1. */
  void retain(Set<String> present) {
    known.keySet().retainAll(new HashSet<>(present));
  }

  /** A hash of everything but metadata and status (a hash: Secret data is part of it). */
  private static String specHash(HasMetadata object) {
    JsonNode tree = ModelSerialization.MODEL.convertValue(object, JsonNode.class);
    if (tree instanceof ObjectNode node) {
      node.remove("metadata");
      node.remove("status");
    }
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(tree.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
