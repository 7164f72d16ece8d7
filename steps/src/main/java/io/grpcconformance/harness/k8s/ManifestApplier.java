package io.grpcconformance.harness.k8s;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Applies multi-document YAML through the fabric8 client, as the Gateway API suite's Applier does:
 * substitutes {@code ${name}} variables (e.g. {@code ${namespace}}, {@code ${gatewayClass}}), puts
 * namespaced objects without a namespace into the scenario's namespace, creates each object (or
 * replaces it if it exists) and registers its deletion with the scenario's {@link Cleanup}.
 */
public final class ManifestApplier {

  private static final Logger LOG = Logger.getLogger(ManifestApplier.class.getName());
  private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z0-9_.:-]+)}");

  private final KubernetesClient client;
  private final Cleanup cleanup;
  private final List<HasMetadata> applied = new ArrayList<>();

  public ManifestApplier(KubernetesClient client, Cleanup cleanup) {
    this.client = client;
    this.cleanup = cleanup;
  }

  /** Reads {@code file} and applies it; see {@link #apply(String, String, Map, String)}. */
  public List<HasMetadata> applyFile(Path file, Map<String, String> variables, String namespace) {
    try {
      return apply(
          file.toString(), Files.readString(file, StandardCharsets.UTF_8), variables, namespace);
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": cannot read manifest: " + e.getMessage(), e);
    }
  }

  /**
   * Applies {@code yaml}.
   *
   * @param source names the manifest in errors (file name or "scenario text")
   * @param variables values for {@code ${name}} placeholders; an unknown name is an error
   * @param namespace namespace for namespaced objects that declare none
   * @return the created objects as the API server returned them
   */
  public List<HasMetadata> apply(
      String source, String yaml, Map<String, String> variables, String namespace) {
    String text = substitute(source, yaml, variables);
    List<HasMetadata> items;
    try {
      items = client.load(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))).items();
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          source + ": not valid Kubernetes YAML: " + firstLine(e), e);
    }
    List<HasMetadata> created = new ArrayList<>();
    for (HasMetadata item : items) {
      if (item == null) {
        continue;
      }
      if (item instanceof Namespaced && item.getMetadata().getNamespace() == null) {
        item.getMetadata().setNamespace(namespace);
      }
      String what = item.getKind() + " " + ref(item);
      HasMetadata result;
      try {
        result = client.resource(item).createOr(op -> op.update());
      } catch (KubernetesClientException e) {
        throw new IllegalArgumentException(
            source + ": cannot create " + what + ": " + firstLine(e), e);
      }
      cleanup.register("delete " + what, () -> client.resource(item).delete());
      LOG.fine(() -> source + ": created " + what);
      created.add(result);
      synchronized (applied) {
        applied.add(item);
      }
    }
    return created;
  }

  /** Creates (or replaces) one object built in code, with the same cleanup as applied YAML. */
  public HasMetadata create(HasMetadata item) {
    String what = item.getKind() + " " + ref(item);
    HasMetadata result;
    try {
      result = client.resource(item).createOr(op -> op.update());
    } catch (KubernetesClientException e) {
      throw new IllegalArgumentException("cannot create " + what + ": " + firstLine(e), e);
    }
    cleanup.register("delete " + what, () -> client.resource(item).delete());
    synchronized (applied) {
      applied.add(item);
    }
    return result;
  }

  /**
   * Deletes an object this applier created, found by kind and name (and namespace).
   *
   * @throws IllegalArgumentException when this applier created no such object
   */
  public void delete(String kind, String namespace, String name) {
    HasMetadata item;
    synchronized (applied) {
      item =
          applied.stream()
              .filter(
                  i ->
                      i.getKind().equals(kind)
                          && i.getMetadata().getName().equals(name)
                          && java.util.Objects.equals(i.getMetadata().getNamespace(), namespace))
              .findFirst()
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "no "
                              + kind
                              + " "
                              + namespace
                              + "/"
                              + name
                              + " was applied in this scenario"));
    }
    client.resource(item).delete();
    LOG.fine(() -> "deleted " + kind + " " + namespace + "/" + name);
  }

  /**
   * Replaces every {@code ${name}} in {@code text}.
   *
   * @throws IllegalArgumentException naming the source and the unknown variable
   */
  public static String substitute(String source, String text, Map<String, String> variables) {
    Matcher m = VARIABLE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String value = variables.get(m.group(1));
      if (value == null) {
        throw new IllegalArgumentException(
            source
                + ": unknown variable ${"
                + m.group(1)
                + "} (known: "
                + new TreeSet<>(variables.keySet())
                + ")");
      }
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String ref(HasMetadata item) {
    String ns = item.getMetadata().getNamespace();
    return (ns == null ? "" : ns + "/") + item.getMetadata().getName();
  }

  private static String firstLine(Throwable e) {
    String m = String.valueOf(e.getMessage());
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
