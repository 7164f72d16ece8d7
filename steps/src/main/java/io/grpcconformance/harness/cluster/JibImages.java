package io.grpcconformance.harness.cluster;

import java.util.ArrayList;
import java.util.List;

/**
 * The suite's own container images and how they are made: Jib builds them into the local Docker daemon with
 * {@value #BUILD_COMMAND}; the harness never builds them, it checks they exist (preflight) and loads them.
 */
public final class JibImages {
  /** Builds grpc-conformance/sample-services and grpc-conformance/gateway (tag = image.tag, default 0.1.0). */
  public static final String BUILD_COMMAND =
      "mvn -B -pl sample-services,gateway -am -DskipTests package jib:dockerBuild";

  private JibImages() {}

  /** The images a run needs: the sample services always, the gateway when the suite's own gateway is tested. */
  public static List<String> required(ClusterSettings settings) {
    List<String> images = new ArrayList<>();
    images.add(settings.sampleImage());
    if (settings.ownGateway()) {
      images.add(settings.gatewayImage());
    }
    return List.copyOf(images);
  }
}
