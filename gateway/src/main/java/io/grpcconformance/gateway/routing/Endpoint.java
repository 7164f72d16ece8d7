package io.grpcconformance.gateway.routing;

import java.util.Objects;

/** A ready backend address from an EndpointSlice (or a manifest). */
public record Endpoint(String address, int port) {
  public Endpoint {
    Objects.requireNonNull(address, "address");
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port out of range: " + port);
    }
  }

  @Override
  public String toString() {
    return address.contains(":") ? "[" + address + "]:" + port : address + ":" + port;
  }
}
