package io.grpcconformance.harness.cluster;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Patches Calico's manifest install (calico.yaml) before it is applied: sets environment variables of the
 * {@code calico-node} container of DaemonSet {@code calico-node} (adding or replacing them in place) and drops
 * obsolete ones. Every other document is passed through byte for byte. manifests/calico/README.md lists what
 * the suite changes and why.
 */
public final class CalicoManifestPatcher {
  /** Felix removed IgnoreLooseRPF in 2020 (felix PR #2189); v3.32 logs "Ignoring unknown config param". */
  public static final Set<String> OBSOLETE_ENV = Set.of("FELIX_IGNORELOOSERPF");

  private static final String DAEMONSET = "calico-node";
  private static final String CONTAINER = "calico-node";
  private static final Pattern DOCUMENT_SEPARATOR = Pattern.compile("(?m)^---[ \\t]*(#.*)?$");
  private static final YAMLMapper YAML = YAMLMapper.builder().build();

  private final Map<String, String> env;
  private final Set<String> removedEnv;

  /**
   * @param env variables to set on the calico-node container, in order
   * @param removedEnv variables to remove from it
   */
  public CalicoManifestPatcher(Map<String, String> env, Set<String> removedEnv) {
    this.env = new LinkedHashMap<>(env);
    this.removedEnv = Set.copyOf(removedEnv);
  }

  /** The k3s patch: {@link K3sClusterSpec#calicoNodeEnv()} set, {@link #OBSOLETE_ENV} removed. */
  public static CalicoManifestPatcher forK3s(K3sClusterSpec spec) {
    return new CalicoManifestPatcher(spec.calicoNodeEnv(), OBSOLETE_ENV);
  }

  /**
   * Returns the manifest with the calico-node DaemonSet patched.
   *
   * @param origin names the manifest (URL or file) in errors
   * @throws ManifestException when there is no calico-node DaemonSet or container (e.g. the operator's manifest)
   */
  public String patch(String origin, String manifest) {
    List<String> documents = split(manifest);
    boolean patched = false;
    List<String> out = new ArrayList<>(documents.size());
    for (String document : documents) {
      if (!patched && isCalicoNodeDaemonSet(document)) {
        out.add(patchDaemonSet(origin, document));
        patched = true;
      } else {
        out.add(document);
      }
    }
    if (!patched) {
      throw new ManifestException(origin + ": no DaemonSet " + DAEMONSET + " (fix: use Calico's manifests/calico.yaml;"
          + " the operator install, tigera-operator.yaml, is not supported)");
    }
    return String.join("---\n", out);
  }

  /** Splits at document separators; each part keeps its text exactly (the separator lines are dropped). */
  static List<String> split(String manifest) {
    List<String> parts = new ArrayList<>();
    for (String part : DOCUMENT_SEPARATOR.split(manifest, -1)) {
      parts.add(part.startsWith("\n") ? part.substring(1) : part);
    }
    return parts;
  }

  private static boolean isCalicoNodeDaemonSet(String document) {
    if (!document.contains(DAEMONSET)) {
      return false;
    }
    JsonNode node = YAML.readTree(document);
    return node != null && "DaemonSet".equals(node.path("kind").asString(""))
        && DAEMONSET.equals(node.path("metadata").path("name").asString(""));
  }

  private String patchDaemonSet(String origin, String document) {
    DaemonSet daemonSet = Serialization.unmarshal(document, DaemonSet.class);
    Container container = daemonSet.getSpec().getTemplate().getSpec().getContainers().stream()
        .filter(c -> CONTAINER.equals(c.getName()))
        .findFirst()
        .orElseThrow(() -> new ManifestException(origin + ": DaemonSet " + DAEMONSET + " has no container " + CONTAINER));
    List<EnvVar> vars = new ArrayList<>(container.getEnv() == null ? List.of() : container.getEnv());
    vars.removeIf(v -> removedEnv.contains(v.getName()));
    env.forEach((name, value) -> {
      EnvVar replacement = new EnvVar(name, value, null);
      int at = indexOf(vars, name);
      if (at >= 0) {
        vars.set(at, replacement); // in place: keeps the manifest's order for the reader
      } else {
        vars.add(replacement);
      }
    });
    container.setEnv(vars);
    String yaml = Serialization.asYaml(daemonSet);
    return yaml.startsWith("---\n") ? yaml.substring(4) : yaml;
  }

  private static int indexOf(List<EnvVar> vars, String name) {
    for (int i = 0; i < vars.size(); i++) {
      if (name.equals(vars.get(i).getName())) {
        return i;
      }
    }
    return -1;
  }
}
