package io.grpcconformance.gateway.translate.ingress;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;
import io.grpcconformance.gateway.routing.ServerCertificate;
import io.grpcconformance.gateway.tls.CertificateProblem;
import io.grpcconformance.gateway.tls.PemCertificates;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Chooses the certificate of one host from an Ingress's {@code spec.tls}, as ingress-nginx's
 * {@code createServers} and {@code extractTLSSecretName} do (ingress-netpol.md A.1 "TLS
 * termination"):
 * <ol>
 *   <li>the {@code tls[]} entry whose {@code hosts} lists the host (case-insensitive); else
 *   <li>any {@code tls[]} Secret whose certificate verifies for the host; else
 *   <li>the fallback certificate.
 * </ol>
 * An entry with an empty {@code secretName}, a missing Secret, one without a usable key pair, or a
 * certificate that does not cover the host (SAN, CN only without DNS SANs) also gives the fallback
 * certificate, with a problem line. An expired certificate is still served, as ingress-nginx does
 * (it only logs a warning), with a problem line: that check is the only one that reads the clock.
 */
final class IngressCertificates {
  private final Map<String, Secret> secrets = new HashMap<>();
  private final Map<String, Object> parsed = new HashMap<>(); // ServerCertificate or problem text
  private final ServerCertificate fallback;
  private final Instant now;

  IngressCertificates(List<Secret> snapshotSecrets, ServerCertificate fallback, Instant now) {
    for (Secret secret : snapshotSecrets) {
      secrets.put(IngressNames.key(secret), secret);
    }
    this.fallback = fallback;
    this.now = now;
  }

  /** The certificate for {@code host} (not {@code *}) from {@code ingress}, which has spec.tls. */
  ServerCertificate select(Ingress ingress, String host, List<String> problems) {
    List<IngressTLS> entries = ingress.getSpec().getTls();
    for (int i = 0; i < entries.size(); i++) {
      List<String> hosts = entries.get(i).getHosts();
      if (hosts != null && hosts.stream().anyMatch(h -> h != null
          && IngressNames.host(h).equals(host.toLowerCase(Locale.ROOT)))) {
        return fromEntry(ingress, i, host, problems);
      }
    }
    for (IngressTLS entry : entries) {
      Object loaded = load(IngressNames.namespace(ingress), entry.getSecretName());
      if (loaded instanceof ServerCertificate certificate
          && PemCertificates.covers(certificate.chain().get(0), host)) {
        return forHost(certificate, host);
      }
    }
    problems.add(IngressNames.problem(ingress, "spec.tls", "host " + host + " is not listed in"
        + " any spec.tls[].hosts and no spec.tls Secret covers it; it gets the fallback"
        + " certificate (and cleartext calls the ssl-redirect), as with ingress-nginx"));
    return forHost(fallback, host);
  }

  private ServerCertificate fromEntry(Ingress ingress, int index, String host,
      List<String> problems) {
    String field = "spec.tls[" + index + "].secretName";
    String secretName = ingress.getSpec().getTls().get(index).getSecretName();
    String namespace = IngressNames.namespace(ingress);
    String consequence = "; host " + host + " gets the fallback certificate";
    if (secretName == null || secretName.isBlank()) {
      problems.add(IngressNames.problem(ingress, field, "is empty" + consequence));
      return forHost(fallback, host);
    }
    Object loaded = load(namespace, secretName);
    if (loaded instanceof String reason) {
      problems.add(IngressNames.problem(ingress, field, reason + consequence));
      return forHost(fallback, host);
    }
    ServerCertificate certificate = (ServerCertificate) loaded;
    X509Certificate leaf = certificate.chain().get(0);
    if (!PemCertificates.covers(leaf, host)) {
      problems.add(IngressNames.problem(ingress, field, "the certificate of Secret " + namespace
          + "/" + secretName + " " + PemCertificates.describe(leaf) + " does not cover host "
          + host + consequence));
      return forHost(fallback, host);
    }
    try {
      PemCertificates.requireValidAt(leaf, now, "Secret " + namespace + "/" + secretName);
    } catch (CertificateProblem expired) {
      problems.add(IngressNames.problem(ingress, field, expired.getMessage()
          + "; served anyway for host " + host + ", as ingress-nginx does"));
    }
    return forHost(certificate, host);
  }

  /** The parsed Secret (hostname {@code ""}) or the reason it is unusable; parsed once. */
  private Object load(String namespace, String secretName) {
    if (secretName == null || secretName.isBlank()) {
      return "is empty";
    }
    String key = namespace + "/" + secretName;
    return parsed.computeIfAbsent(key, k -> {
      Secret secret = secrets.get(k);
      if (secret == null) {
        return "Secret " + k + " not found";
      }
      try {
        return PemCertificates.fromSecretData(secret, "");
      } catch (CertificateProblem problem) {
        return problem.getMessage();
      }
    });
  }

  private static ServerCertificate forHost(ServerCertificate certificate, String host) {
    return new ServerCertificate(host, certificate.chain(), certificate.key(),
        certificate.source());
  }
}
