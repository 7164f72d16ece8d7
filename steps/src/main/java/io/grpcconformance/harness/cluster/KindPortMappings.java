package io.grpcconformance.harness.cluster;

import io.grpcconformance.harness.env.Address;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** The extraPortMappings of a KIND cluster config (cluster-config.yaml): container port → host address. */
public final class KindPortMappings implements PortMapper {
  private final Map<Integer, Address> byContainerPort;

  private KindPortMappings(Map<Integer, Address> byContainerPort) {
    this.byContainerPort = Map.copyOf(byContainerPort);
  }

  /** Reads every node's TCP extraPortMappings; listenAddress defaults to 127.0.0.1 here (kind's is 0.0.0.0). */
  public static KindPortMappings read(Path clusterConfig) {
    JsonNode root;
    try {
      root = YAMLMapper.builder().build().readTree(Files.readString(clusterConfig));
    } catch (IOException e) {
      throw new UncheckedIOException(clusterConfig + ": cannot read: " + e.getMessage(), e);
    }
    Map<Integer, Address> mappings = new HashMap<>();
    for (JsonNode node : root.path("nodes")) {
      for (JsonNode mapping : node.path("extraPortMappings")) {
        if (!"TCP".equalsIgnoreCase(mapping.path("protocol").asString("TCP"))) {
          continue;
        }
        int containerPort = mapping.path("containerPort").asInt(0);
        int hostPort = mapping.path("hostPort").asInt(0);
        if (containerPort > 0 && hostPort > 0) {
          String listen = mapping.path("listenAddress").asString("127.0.0.1");
          String host = listen.isBlank() || listen.equals("0.0.0.0") ? "127.0.0.1" : listen;
          mappings.putIfAbsent(containerPort, new Address(host, hostPort));
        }
      }
    }
    return new KindPortMappings(mappings);
  }

  @Override
  public Optional<Address> map(int nodePort) {
    return Optional.ofNullable(byContainerPort.get(nodePort));
  }
}
