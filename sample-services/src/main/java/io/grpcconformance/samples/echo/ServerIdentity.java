package io.grpcconformance.samples.echo;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;

/**
 * Who a sample service instance is: its {@code --name} and the pod and namespace it runs in.
 *
 * @param name the instance name ({@code x-served-by})
 * @param pod the pod name ({@code x-served-pod})
 * @param namespace the namespace ({@code x-served-namespace})
 */
public record ServerIdentity(String name, String pod, String namespace) {

  /** Namespace reported outside Kubernetes, when neither a value nor POD_NAMESPACE is given. */
  public static final String DEFAULT_NAMESPACE = "local";

  /**
   * Pod name: explicit value, else env POD_NAME (Downward API), else env HOSTNAME, else the
   * hostname.
   */
  public static String resolvePod(String explicit, Map<String, String> env) {
    if (explicit != null && !explicit.isBlank()) {
      return explicit;
    }
    for (String var : new String[] {"POD_NAME", "HOSTNAME"}) {
      String value = env.get(var);
      if (value != null && !value.isBlank()) {
        return value;
      }
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "unknown";
    }
  }

  /**
   * Namespace: explicit value, else env POD_NAMESPACE (Downward API), else {@value
   * #DEFAULT_NAMESPACE}.
   */
  public static String resolveNamespace(String explicit, Map<String, String> env) {
    if (explicit != null && !explicit.isBlank()) {
      return explicit;
    }
    String value = env.get("POD_NAMESPACE");
    return value == null || value.isBlank() ? DEFAULT_NAMESPACE : value;
  }
}
