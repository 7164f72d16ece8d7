package io.grpcconformance.netpol.manifest;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.grpcconformance.netpol.PodInfo;
import io.grpcconformance.netpol.PodPort;
import io.grpcconformance.netpol.Protocol;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Turns a Deployment into the one pod that stands for its replicas in the reachability model. */
final class DeploymentPods {

  /** Placeholder until {@code StandardModel.extend} assigns the model's IP. */
  static final String UNASSIGNED_IP = "0.0.0.0";

  private DeploymentPods() {}

  /**
   * The pod of {@code deployment}: named like the Deployment, in its namespace ({@code default}
   * when none), with the pod template's labels and every container's ports. Empty (with a note)
   * when replicas is 0; empty (with errors) when a container port is invalid.
   */
  static Optional<PodInfo> podOf(
      Deployment deployment, String where, List<String> errors, List<String> notes) {
    String name = deployment.getMetadata().getName();
    String ns = deployment.getMetadata().getNamespace();
    ns = ns == null || ns.isEmpty() ? "default" : ns;
    if (deployment.getSpec() != null
        && Integer.valueOf(0).equals(deployment.getSpec().getReplicas())) {
      notes.add(where + ": skipped, replicas is 0 so it runs no pod");
      return Optional.empty();
    }
    PodTemplateSpec template =
        deployment.getSpec() == null ? null : deployment.getSpec().getTemplate();
    Map<String, String> labels =
        template == null || template.getMetadata() == null
            ? Map.of()
            : template.getMetadata().getLabels();
    PodSpec podSpec = template == null ? null : template.getSpec();
    List<Container> containers =
        podSpec == null || podSpec.getContainers() == null ? List.of() : podSpec.getContainers();
    List<PodPort> ports = new ArrayList<>();
    int errorsBefore = errors.size();
    for (int c = 0; c < containers.size(); c++) {
      List<ContainerPort> declared =
          containers.get(c).getPorts() == null ? List.of() : containers.get(c).getPorts();
      for (int p = 0; p < declared.size(); p++) {
        String field = "spec.template.spec.containers[" + c + "].ports[" + p + "]";
        ContainerPort port = declared.get(p);
        Integer number = port.getContainerPort();
        if (number == null || number < 1 || number > 65535) {
          errors.add(
              where
                  + ": "
                  + field
                  + ".containerPort: "
                  + (number == null ? "required" : number + " is not between 1 and 65535"));
          continue;
        }
        // A container port without protocol is TCP (core/v1 defaulting).
        Optional<Protocol> protocol =
            port.getProtocol() == null
                ? Optional.of(Protocol.TCP)
                : Protocol.fromApiValue(port.getProtocol());
        if (protocol.isEmpty()) {
          errors.add(
              where
                  + ": "
                  + field
                  + ".protocol: unsupported value '"
                  + port.getProtocol()
                  + "' (supported: \"SCTP\", \"TCP\", \"UDP\")");
          continue;
        }
        ports.add(new PodPort(port.getName(), number, protocol.get()));
      }
    }
    if (errors.size() > errorsBefore) {
      return Optional.empty();
    }
    return Optional.of(new PodInfo(ns, name, labels, UNASSIGNED_IP, ports));
  }
}
