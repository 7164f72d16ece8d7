package io.grpcconformance.harness.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;

/**
 * Creates an object, or when it exists (409) server-side applies it with the suite's field manager, so re-runs
 * converge. Server-side apply rather than replace: a PUT without spec.clusterIP is rejected for Services, and no
 * last-applied annotation is written (Calico's CRDs are too large for one).
 */
public final class Apply {
  /** The field manager of everything the cluster tier writes. */
  public static final String FIELD_MANAGER = "grpc-conformance";

  private Apply() {}

  /** Creates or server-side applies {@code object}; returns what the API server stored. */
  public static <T extends HasMetadata> T createOrApply(KubernetesClient client, T object) {
    try {
      return client.resource(object).create();
    } catch (KubernetesClientException e) {
      if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
        throw e;
      }
      return client.resource(object).fieldManager(FIELD_MANAGER).forceConflicts().serverSideApply();
    }
  }
}
