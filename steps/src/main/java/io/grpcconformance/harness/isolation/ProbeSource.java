package io.grpcconformance.harness.isolation;

import java.util.Objects;

/**
 * A pod probes are exec'd in, and (for model pods) a destination.
 *
 * @param key the name reports use: the model key ({@code x/a}) for model pods
 * @param namespace the pod's cluster namespace
 * @param pod the pod's name
 * @param container the container the probe command runs in
 * @param ip the pod IP
 */
public record ProbeSource(String key, String namespace, String pod, String container, String ip) {
  public ProbeSource {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(pod, "pod");
    Objects.requireNonNull(container, "container");
    Objects.requireNonNull(ip, "ip");
  }
}
