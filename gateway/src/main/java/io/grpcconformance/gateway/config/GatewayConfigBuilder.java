package io.grpcconformance.gateway.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Mutable builder for {@link GatewayConfig}; the layered resolver and embedders use it. */
public final class GatewayConfigBuilder {
  private String controllerName;
  private List<String> ingressClasses;
  private int ingressHttpPort;
  private int ingressHttpsPort;
  private String bindAddress;
  private boolean ephemeralPorts;
  private String statusAddress;
  private Optional<Path> manifests;
  private Optional<Path> statusFile;
  private Duration resyncDelay;
  private Duration rescanInterval;
  private Duration startTimeout;
  private boolean leaderElection;
  private String leaseName;
  private String leaseNamespace;
  private String leaseIdentity;
  private Duration leaseDuration;
  private Duration renewDeadline;
  private Duration retryPeriod;

  GatewayConfigBuilder(GatewayConfig base) {
    controllerName = base.controllerName();
    ingressClasses = base.ingressClasses();
    ingressHttpPort = base.ingressHttpPort();
    ingressHttpsPort = base.ingressHttpsPort();
    bindAddress = base.bindAddress();
    ephemeralPorts = base.ephemeralPorts();
    statusAddress = base.statusAddress();
    manifests = base.manifests();
    statusFile = base.statusFile();
    resyncDelay = base.resyncDelay();
    rescanInterval = base.rescanInterval();
    startTimeout = base.startTimeout();
    GatewayConfig.Lease lease = base.lease();
    leaderElection = lease.enabled();
    leaseName = lease.name();
    leaseNamespace = lease.namespace();
    leaseIdentity = lease.identity();
    leaseDuration = lease.duration();
    renewDeadline = lease.renewDeadline();
    retryPeriod = lease.retryPeriod();
  }

  public GatewayConfigBuilder controllerName(String value) {
    controllerName = value;
    return this;
  }

  public GatewayConfigBuilder ingressClasses(List<String> value) {
    ingressClasses = List.copyOf(value);
    return this;
  }

  public GatewayConfigBuilder ingressHttpPort(int value) {
    ingressHttpPort = value;
    return this;
  }

  public GatewayConfigBuilder ingressHttpsPort(int value) {
    ingressHttpsPort = value;
    return this;
  }

  public GatewayConfigBuilder bindAddress(String value) {
    bindAddress = value;
    return this;
  }

  public GatewayConfigBuilder ephemeralPorts(boolean value) {
    ephemeralPorts = value;
    return this;
  }

  public GatewayConfigBuilder statusAddress(String value) {
    statusAddress = value;
    return this;
  }

  public GatewayConfigBuilder manifests(Path value) {
    manifests = Optional.ofNullable(value);
    return this;
  }

  public GatewayConfigBuilder statusFile(Path value) {
    statusFile = Optional.ofNullable(value);
    return this;
  }

  public GatewayConfigBuilder resyncDelay(Duration value) {
    resyncDelay = value;
    return this;
  }

  public GatewayConfigBuilder rescanInterval(Duration value) {
    rescanInterval = value;
    return this;
  }

  public GatewayConfigBuilder startTimeout(Duration value) {
    startTimeout = value;
    return this;
  }

  public GatewayConfigBuilder leaderElection(boolean value) {
    leaderElection = value;
    return this;
  }

  public GatewayConfigBuilder leaseName(String value) {
    leaseName = value;
    return this;
  }

  public GatewayConfigBuilder leaseNamespace(String value) {
    leaseNamespace = value;
    return this;
  }

  public GatewayConfigBuilder leaseIdentity(String value) {
    leaseIdentity = value;
    return this;
  }

  public GatewayConfigBuilder leaseDuration(Duration value) {
    leaseDuration = value;
    return this;
  }

  public GatewayConfigBuilder renewDeadline(Duration value) {
    renewDeadline = value;
    return this;
  }

  public GatewayConfigBuilder retryPeriod(Duration value) {
    retryPeriod = value;
    return this;
  }

  public GatewayConfig build() {
    return new GatewayConfig(
        controllerName,
        ingressClasses,
        ingressHttpPort,
        ingressHttpsPort,
        bindAddress,
        ephemeralPorts,
        statusAddress,
        manifests,
        statusFile,
        resyncDelay,
        rescanInterval,
        startTimeout,
        new GatewayConfig.Lease(
            leaderElection,
            leaseName,
            leaseNamespace,
            leaseIdentity,
            leaseDuration,
            renewDeadline,
            retryPeriod));
  }
}
