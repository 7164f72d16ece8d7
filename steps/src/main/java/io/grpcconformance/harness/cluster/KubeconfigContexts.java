package io.grpcconformance.harness.cluster;

import io.fabric8.kubernetes.api.model.Config;
import io.fabric8.kubernetes.api.model.NamedContext;
import io.fabric8.kubernetes.client.internal.KubeConfigUtils;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The context names and current-context of the user's kubeconfig: the files in {@code KUBECONFIG}
 * (colon-separated, as kubectl merges them: the first current-context wins), else {@code ~/.kube/config}.
 *
 * @param files the files read
 * @param fileByContext for each context name, the first file that defines it (kubectl's merge rule)
 * @param current the current-context, if any
 */
public record KubeconfigContexts(List<Path> files, Map<String, Path> fileByContext, Optional<String> current) {

  public KubeconfigContexts {
    files = List.copyOf(files);
    fileByContext = Map.copyOf(fileByContext);
  }

  /** Every context name. */
  public Set<String> names() {
    return fileByContext.keySet();
  }

  /** From the process environment. */
  public static KubeconfigContexts load() {
    return load(System.getenv(), Path.of(System.getProperty("user.home")));
  }

  /** From the given environment and home directory (for tests). */
  public static KubeconfigContexts load(Map<String, String> env, Path home) {
    String variable = env.get("KUBECONFIG");
    List<Path> candidates = new ArrayList<>();
    if (variable != null && !variable.isBlank()) {
      for (String part : variable.split(File.pathSeparator)) {
        if (!part.isBlank()) {
          candidates.add(Path.of(part));
        }
      }
    } else {
      candidates.add(home.resolve(".kube").resolve("config"));
    }
    List<Path> read = new ArrayList<>();
    Map<String, Path> byContext = new LinkedHashMap<>();
    Optional<String> current = Optional.empty();
    for (Path file : candidates) {
      if (!Files.isRegularFile(file)) {
        continue;
      }
      Config config = KubeConfigUtils.parseConfig(file.toFile());
      read.add(file);
      if (config.getContexts() != null) {
        config.getContexts().stream().map(NamedContext::getName).forEach(n -> byContext.putIfAbsent(n, file));
      }
      if (current.isEmpty() && config.getCurrentContext() != null && !config.getCurrentContext().isBlank()) {
        current = Optional.of(config.getCurrentContext());
      }
    }
    return new KubeconfigContexts(read, byContext, current);
  }
}
