package io.grpcconformance.harness.k8s;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.logging.Logger;

/**
 * Creates the namespaces of one scenario, each with a unique name and the scenario's labels, and
 * registers their deletion with the scenario's {@link Cleanup} so they go away even when the
 * scenario fails. After a namespace is deleted, {@code onDeleted} lets the environment release what
 * it started there.
 */
public final class ScenarioNamespaces {

  /** Label carried by every scenario namespace: the scenario slug. */
  public static final String SCENARIO_LABEL = "grpc-conformance.io/scenario";

  private static final Logger LOG = Logger.getLogger(ScenarioNamespaces.class.getName());
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

  private final KubernetesClient client;
  private final String prefix;
  private final boolean keep;
  private final Cleanup cleanup;
  private final Consumer<String> onDeleted;

  /**
   * @param prefix prefix of every namespace name (e.g. {@code gc-})
   * @param keep when true, namespaces are left in place for debugging
   * @param onDeleted called with a namespace name after it was deleted
   */
  public ScenarioNamespaces(
      KubernetesClient client,
      String prefix,
      boolean keep,
      Cleanup cleanup,
      Consumer<String> onDeleted) {
    this.client = client;
    this.prefix = prefix;
    this.keep = keep;
    this.cleanup = cleanup;
    this.onDeleted = onDeleted;
  }

  /**
   * Creates a namespace for {@code scenario}; {@code role} distinguishes several namespaces of one
   * scenario (e.g. {@code backend}). Returns its generated name.
   */
  public String create(String scenario, String role, Map<String, String> labels) {
    String slug = slug(scenario, 30);
    String name =
        slug(prefix + slug + (role.isEmpty() ? "" : "-" + slug(role, 12)), 56) + "-" + suffix();
    Map<String, String> all = new LinkedHashMap<>(labels);
    all.put(SCENARIO_LABEL, slug.isEmpty() ? "scenario" : slug);
    Namespace ns =
        new NamespaceBuilder()
            .withNewMetadata()
            .withName(name)
            .withLabels(all)
            .endMetadata()
            .build();
    client.namespaces().resource(ns).create();
    cleanup.register("delete namespace " + name, () -> delete(name));
    LOG.fine(() -> "created namespace " + name + " " + all);
    return name;
  }

  /** Deletes {@code name} (unless kept) and lets the environment release it. */
  public void delete(String name) {
    try {
      if (keep) {
        LOG.info("keeping namespace " + name + " (conformance.keepNamespaces=true)");
      } else {
        client.namespaces().withName(name).delete();
      }
    } finally {
      onDeleted.accept(name);
    }
  }

  /** Lower-case RFC 1123 label characters only, trimmed to {@code max}, no dash at either end. */
  static String slug(String text, int max) {
    String s =
        text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
    if (s.length() > max) {
      s = s.substring(0, max).replaceAll("-+$", "");
    }
    return s;
  }

  private static String suffix() {
    StringBuilder b = new StringBuilder(5);
    for (int i = 0; i < 5; i++) {
      b.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return b.toString();
  }
}
