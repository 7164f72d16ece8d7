package io.grpcconformance.netpol.manifest;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.grpcconformance.netpol.NamespaceInfo;
import io.grpcconformance.netpol.PodInfo;
import io.grpcconformance.netpol.PolicyProblem;
import io.grpcconformance.netpol.PolicyValidator;
import io.grpcconformance.netpol.StandardModel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads the {@code *.yaml}, {@code *.yml} and {@code *.json} files directly in a folder (not its
 * subfolders, so scenario folders can sit side by side), in name order, every document of each.
 *
 * <p>Used kinds: {@code networking.k8s.io/v1 NetworkPolicy}, {@code v1 Namespace} and {@code
 * apps/v1 Deployment}. Other kinds are skipped with a note. Unparseable YAML, a document without
 * kind or apiVersion, a used kind with another apiVersion, and an invalid field are errors naming
 * the file, the 1-based document number, the object and the field; all errors are collected.
 */
public final class ManifestLoader {

  /** Reads each YAML document as a tree first, so that errors can name the document. */
  private static final YAMLMapper YAML = YAMLMapper.builder().build();

  /** Binds trees to fabric8 model classes. */
  private static final KubernetesSerialization KUBERNETES = new KubernetesSerialization();

  private ManifestLoader() {}

  /**
   * Loads {@code folder}.
   *
   * @throws ManifestException listing every error found, one line each
   */
  public static Manifests load(Path folder) throws ManifestException {
    if (!Files.isDirectory(folder)) {
      throw new ManifestException(
          List.of(
              "manifests folder "
                  + folder
                  + " "
                  + (Files.exists(folder) ? "is not a directory" : "does not exist")));
    }
    List<Path> files;
    try (Stream<Path> list = Files.list(folder)) {
      files =
          list.filter(Files::isRegularFile)
              .filter(f -> f.getFileName().toString().matches(".*\\.(yaml|yml|json)"))
              .sorted()
              .toList();
    } catch (IOException e) {
      throw new ManifestException(List.of("cannot list manifests folder " + folder + ": " + e));
    }
    Collector collector = new Collector();
    for (Path file : files) {
      collector.file(file);
    }
    if (!collector.errors.isEmpty()) {
      throw new ManifestException(collector.errors);
    }
    return new Manifests(
        List.copyOf(collector.policies.values()),
        List.copyOf(collector.namespaces.values()),
        collector.pods,
        collector.notes);
  }

  /** Accumulates objects, notes and errors across files. */
  private static final class Collector {
    private final Map<String, NetworkPolicy> policies = new LinkedHashMap<>();
    private final Map<String, NamespaceInfo> namespaces = new LinkedHashMap<>();
    private final Map<String, String> podOrigins = new LinkedHashMap<>();
    private final List<PodInfo> pods = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();

    void file(Path file) {
      String text;
      try {
        text = Files.readString(file, StandardCharsets.UTF_8);
      } catch (IOException e) {
        errors.add(file + ": cannot read: " + e.getMessage());
        return;
      }
      int number = 0;
      try (MappingIterator<JsonNode> documents = YAML.readerFor(JsonNode.class).readValues(text)) {
        while (documents.hasNextValue()) {
          JsonNode document = documents.nextValue();
          number++;
          if (document == null
              || document.isNull()
              || document.isMissingNode()
              || (document.isObject() && document.isEmpty())) {
            continue; // an empty document, e.g. after a trailing '---'
          }
          document(new Origin(file, number), document);
        }
      } catch (JacksonException e) {
        TokenStreamLocation at = e.getLocation();
        errors.add(
            file
                + " document "
                + (number + 1)
                + ": not valid YAML"
                + (at == null || at.getLineNr() < 1 ? "" : " at line " + at.getLineNr())
                + ": "
                + firstLine(e.getOriginalMessage()));
      }
    }

    private void document(Origin origin, JsonNode document) {
      if (!document.isObject()) {
        errors.add(origin + ": not a Kubernetes object (a YAML mapping with kind and apiVersion)");
        return;
      }
      String kind = document.path("kind").asString("");
      String apiVersion = document.path("apiVersion").asString("");
      String name = document.path("metadata").path("name").asString("");
      String namespace = document.path("metadata").path("namespace").asString("");
      String what =
          kind
              + " "
              + (namespace.isEmpty() ? "" : namespace + "/")
              + (name.isEmpty() ? "<unnamed>" : name);
      if (kind.isEmpty()) {
        errors.add(origin + ": kind: required");
        return;
      }
      if (kind.equals("List") && document.path("items").isArray()) {
        // `kubectl get ... -o yaml` prints a v1 List: analyse its items one by one.
        JsonNode items = document.path("items");
        for (int i = 0; i < items.size(); i++) {
          document(origin.item(i + 1), items.get(i));
        }
        return;
      }
      String wanted =
          switch (kind) {
            case "NetworkPolicy" -> "networking.k8s.io/v1";
            case "Namespace" -> "v1";
            case "Deployment" -> "apps/v1";
            default -> null;
          };
      if (wanted == null) {
        notes.add(
            origin
                + ": skipped "
                + what
                + " ("
                + (apiVersion.isEmpty() ? "" : apiVersion + " ")
                + "kind "
                + kind
                + " is not used by the reachability analysis)");
        return;
      }
      if (!wanted.equals(apiVersion)) {
        errors.add(
            origin
                + " ("
                + what
                + "): apiVersion: '"
                + apiVersion
                + "' is not supported for "
                + kind
                + " (use "
                + wanted
                + ")");
        return;
      }
      if (name.isEmpty()) {
        errors.add(origin + " (" + what + "): metadata.name: required");
        return;
      }
      try {
        switch (kind) {
          case "NetworkPolicy" ->
              policy(origin, what, KUBERNETES.convertValue(document, NetworkPolicy.class));
          case "Namespace" -> namespace(KUBERNETES.convertValue(document, Namespace.class));
          default -> deployment(origin, what, KUBERNETES.convertValue(document, Deployment.class));
        }
      } catch (IllegalArgumentException e) {
        // KubernetesSerialization.convertValue wraps the binding error that names the field.
        errors.add(
            origin
                + " ("
                + what
                + "): "
                + (e.getCause() instanceof JacksonException j
                    ? fieldOf(j) + "cannot read: " + firstLine(j.getOriginalMessage())
                    : "cannot read: " + firstLine(e.getMessage())));
      }
    }

    private void policy(Origin origin, String what, NetworkPolicy policy) {
      List<PolicyProblem> problems = PolicyValidator.validate(policy);
      for (PolicyProblem problem : problems) {
        errors.add(origin + " (" + what + "): " + problem);
      }
      if (!problems.isEmpty()) {
        return;
      }
      String ns = policy.getMetadata().getNamespace();
      String key =
          (ns == null || ns.isEmpty() ? "default" : ns) + "/" + policy.getMetadata().getName();
      if (policies.put(key, policy) != null) {
        notes.add(origin + ": NetworkPolicy " + key + " replaces an earlier one of the same name");
      }
    }

    private void namespace(Namespace namespace) {
      String name = namespace.getMetadata().getName();
      Map<String, String> labels = namespace.getMetadata().getLabels();
      namespaces.put(name, new NamespaceInfo(name, labels));
    }

    private void deployment(Origin origin, String what, Deployment deployment) {
      DeploymentPods.podOf(deployment, origin + " (" + what + ")", errors, notes)
          .ifPresent(
              pod -> {
                if (StandardModel.NAMESPACES.contains(pod.namespace())
                    && StandardModel.POD_NAMES.contains(pod.name())) {
                  errors.add(
                      origin
                          + " ("
                          + what
                          + "): metadata.name: '"
                          + pod.name()
                          + "' in namespace "
                          + pod.namespace()
                          + " collides with the standard model pod "
                          + pod.key());
                  return;
                }
                String earlier = podOrigins.put(pod.key(), origin.toString());
                if (earlier != null) {
                  errors.add(
                      origin
                          + " ("
                          + what
                          + "): Deployment "
                          + pod.key()
                          + " is also declared in "
                          + earlier);
                } else {
                  pods.add(pod);
                }
              });
    }
  }

  /** Where a document is: file, 1-based position in it, and 1-based item of a List (0: none). */
  private record Origin(Path file, int document, int item) {
    Origin(Path file, int document) {
      this(file, document, 0);
    }

    Origin item(int number) {
      return new Origin(file, document, number);
    }

    @Override
    public String toString() {
      return file + " document " + document + (item == 0 ? "" : " item " + item);
    }
  }

  /** The field a type error is at, as a JSON path ({@code spec.ingress[0].ports[0].endPort: }). */
  private static String fieldOf(JacksonException e) {
    StringBuilder path = new StringBuilder();
    for (JacksonException.Reference reference : e.getPath()) {
      if (reference.getPropertyName() != null) {
        path.append(path.length() == 0 ? "" : ".").append(reference.getPropertyName());
      } else if (reference.getIndex() >= 0) {
        path.append('[').append(reference.getIndex()).append(']');
      }
    }
    return path.length() == 0 ? "" : path + ": ";
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unknown error";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
