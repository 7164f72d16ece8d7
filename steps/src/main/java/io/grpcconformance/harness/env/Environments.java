package io.grpcconformance.harness.env;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.grpcconformance.harness.config.ConformanceConfig;
import io.grpcconformance.harness.env.local.LocalEnvironmentProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.logging.Logger;

/**
 * Selects and starts the {@link Environment} named by {@code conformance.env} among the {@link
 * EnvironmentProvider}s registered with {@link ServiceLoader} and the built-in {@code local} one.
 * When none matches or it fails to start, the run still happens: every scenario is skipped with the
 * reason.
 */
public final class Environments {

  private static final Logger LOG = Logger.getLogger(Environments.class.getName());

  private Environments() {}

  /** Starts the configured environment, or one that skips everything with the reason why not. */
  public static Environment start(ConformanceConfig config) {
    List<String> known = new ArrayList<>();
    List<EnvironmentProvider> providers = new ArrayList<>();
    ServiceLoader.load(EnvironmentProvider.class).forEach(providers::add);
    providers.add(new LocalEnvironmentProvider()); // built in; a registered "local" comes first
    for (EnvironmentProvider p : providers) {
      known.add(p.name());
      if (p.name().equals(config.env())) {
        try {
          Environment env = p.create(config);
          LOG.info(
              "conformance environment: "
                  + env.name()
                  + env.skipReason().map(r -> " (every scenario skipped: " + r + ")").orElse(""));
          return env;
        } catch (Exception e) {
          return unavailable(
              config.env(), "environment " + config.env() + " failed to start: " + e);
        }
      }
    }
    return unavailable(
        config.env(),
        "no environment provider named '"
            + config.env()
            + "' on the classpath (known: "
            + known
            + ")");
  }

  /** An environment that cannot run anything and says why. */
  public static Environment unavailable(String name, String reason) {
    LOG.warning(reason);
    return new Environment() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public Optional<String> skipReason() {
        return Optional.of(reason);
      }

      @Override
      public Optional<String> missing(Capability capability) {
        return Optional.of(reason);
      }

      @Override
      public KubernetesClient client() {
        throw new IllegalStateException(reason);
      }

      @Override
      public void deploy(SampleDeployment deployment) {
        throw new IllegalStateException(reason);
      }

      @Override
      public Address gatewayAddress(String namespace, String gatewayName, int listenerPort) {
        throw new IllegalStateException(reason);
      }

      @Override
      public Address ingressAddress(int port) {
        throw new IllegalStateException(reason);
      }

      @Override
      public void close() {}
    };
  }
}
