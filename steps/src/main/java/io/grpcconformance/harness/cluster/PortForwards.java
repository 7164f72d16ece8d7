package io.grpcconformance.harness.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.LocalPortForward;
import io.grpcconformance.harness.env.Address;
import java.io.IOException;
import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Logger;

/**
 * kubectl-port-forward-like tunnels from 127.0.0.1 (ephemeral port) to a Service port through the API server,
 * one per Service port, reused and closed together.
 */
public final class PortForwards implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(PortForwards.class.getName());

  private final KubernetesClient client;
  private final Map<String, LocalPortForward> open = new LinkedHashMap<>();

  public PortForwards(KubernetesClient client) {
    this.client = client;
  }

  /** A loopback address forwarding to {@code namespace/service:port} (fabric8 picks a ready pod behind it). */
  public synchronized Address toService(String namespace, String service, int port) {
    String key = namespace + "/" + service + ":" + port;
    LocalPortForward forward = open.get(key);
    if (forward == null || !forward.isAlive()) {
      forward = client.services().inNamespace(namespace).withName(service)
          .portForward(port, InetAddress.getLoopbackAddress(), 0);
      open.put(key, forward);
      LOG.info("port-forward 127.0.0.1:" + forward.getLocalPort() + " -> " + key);
    }
    return Address.loopback(forward.getLocalPort());
  }

  @Override
  public synchronized void close() {
    for (LocalPortForward forward : open.values()) {
      try {
        forward.close();
      } catch (IOException e) {
        LOG.fine(() -> "closing a port-forward: " + e.getMessage());
      }
    }
    open.clear();
  }
}
