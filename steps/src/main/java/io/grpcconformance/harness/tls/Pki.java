package io.grpcconformance.harness.tls;

import io.grpcconformance.gateway.tls.CertificateAuthority;
import io.grpcconformance.gateway.tls.IssuedCertificate;
import io.grpcconformance.gateway.tls.SelfSignedCertificates;
import io.grpcconformance.harness.env.TlsMaterial;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The certificate authorities of one scenario, named as the feature names them. Certificates come
 * from the gateway's {@link SelfSignedCertificates} (EC P-256): a server certificate has the given
 * DNS names as SANs and the first as CN. Keys stay in memory and never reach logs ({@link
 * TlsMaterial#toString()}).
 */
public final class Pki {

  /** How long issued server certificates are valid; far beyond any run. */
  static final Duration VALIDITY = Duration.ofDays(2);

  private final Map<String, CertificateAuthority> authorities = new LinkedHashMap<>();

  /** Creates the CA {@code name} (subject CN = name). */
  public void createAuthority(String name) {
    authorities.put(name, SelfSignedCertificates.ca(name));
  }

  /** The PEM certificate of CA {@code name}. */
  public String caPem(String name) {
    return authority(name).certificatePem();
  }

  /** A server certificate for {@code dnsNames} (CN = first name) signed by CA {@code caName}. */
  public TlsMaterial issue(String caName, List<String> dnsNames) {
    if (dnsNames.isEmpty()) {
      throw new IllegalArgumentException("a server certificate needs at least one DNS name");
    }
    IssuedCertificate leaf = authority(caName).issue(dnsNames.get(0), dnsNames, VALIDITY);
    return new TlsMaterial(leaf.chainPem(), leaf.privateKeyPem());
  }

  private CertificateAuthority authority(String name) {
    CertificateAuthority a = authorities.get(name);
    if (a == null) {
      throw new IllegalArgumentException(
          "no certificate authority '"
              + name
              + "' in this scenario; known: "
              + authorities.keySet());
    }
    return a;
  }
}
