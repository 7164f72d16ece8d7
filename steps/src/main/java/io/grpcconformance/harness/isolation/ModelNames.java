package io.grpcconformance.harness.isolation;

import io.grpcconformance.netpol.StandardModel;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The cluster names of one deployment of the standard model. Scenarios run in namespaces {@code
 * <prefix><x|y|z>-<suffix>} (unique per scenario, like upstream's random-suffixed namespaces) while
 * reports, matrices and policies keep the model names {@code x}, {@code y}, {@code z}: pod names
 * are {@code a}, {@code b}, {@code c} in both. Every model namespace is labelled {@code ns=<model
 * name>}, so policies selecting namespaces by that label need no rewriting.
 *
 * <p>{@link #plain()} (no prefix, no suffix) names the namespaces {@code x}, {@code y}, {@code z}
 * themselves: that is how manifests/isolation/model.yaml is written for a manual {@code kubectl
 * apply}.
 *
 * @param prefix namespace name prefix (e.g. {@code gc-}); may be empty
 * @param suffix the run's unique suffix; empty for {@link #plain()}
 */
public record ModelNames(String prefix, String suffix) {

  /** Label carried by all namespaces of one model deployment, with the suffix as value. */
  public static final String RUN_LABEL = "grpc-conformance.io/isolation-run";

  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

  public ModelNames {
    Objects.requireNonNull(prefix, "prefix");
    Objects.requireNonNull(suffix, "suffix");
    String sample = join(prefix, "x", suffix);
    if (!DNS_LABEL.matcher(sample).matches() || sample.length() > 63) {
      throw new IllegalArgumentException(
          "namespace prefix '" + prefix + "' and suffix '" + suffix + "' do not give a DNS label");
    }
  }

  /** The model's own names: namespaces {@code x}, {@code y}, {@code z}. */
  public static ModelNames plain() {
    return new ModelNames("", "");
  }

  /** Names with a fresh random five-character suffix. */
  public static ModelNames random(String prefix) {
    StringBuilder suffix = new StringBuilder();
    for (int i = 0; i < 5; i++) {
      suffix.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return new ModelNames(prefix, suffix.toString());
  }

  /** The cluster namespace of model namespace {@code model} ({@code x} → {@code gc-x-k3f9q}). */
  public String namespace(String model) {
    if (!StandardModel.NAMESPACES.contains(model)) {
      throw new IllegalArgumentException(
          "'" + model + "' is not a model namespace " + StandardModel.NAMESPACES);
    }
    return join(prefix, model, suffix);
  }

  private static String join(String prefix, String model, String suffix) {
    return prefix + model + (suffix.isEmpty() ? "" : "-" + suffix);
  }

  /** The model namespace of cluster namespace {@code cluster}, when it belongs to this run. */
  public Optional<String> modelNamespace(String cluster) {
    return StandardModel.NAMESPACES.stream().filter(m -> namespace(m).equals(cluster)).findFirst();
  }

  /** Model namespace → cluster namespace, in model order. */
  public Map<String, String> namespaces() {
    Map<String, String> names = new LinkedHashMap<>();
    StandardModel.NAMESPACES.forEach(m -> names.put(m, namespace(m)));
    return names;
  }
}
