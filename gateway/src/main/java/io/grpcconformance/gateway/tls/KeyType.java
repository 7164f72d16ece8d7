package io.grpcconformance.gateway.tls;

/** Key algorithms {@link SelfSignedCertificates} can generate. */
public enum KeyType {
  /** RSA with a 2048-bit modulus, signed with SHA256withRSA (what ingress-nginx's fake cert uses). */
  RSA_2048("RSA", "SHA256withRSA"),
  /** ECDSA on NIST P-256 (secp256r1), signed with SHA256withECDSA; fast to generate. */
  EC_P256("EC", "SHA256withECDSA");

  private final String keyAlgorithm;
  private final String signatureAlgorithm;

  KeyType(String keyAlgorithm, String signatureAlgorithm) {
    this.keyAlgorithm = keyAlgorithm;
    this.signatureAlgorithm = signatureAlgorithm;
  }

  /** JCA key algorithm name ({@code RSA} or {@code EC}). */
  public String keyAlgorithm() {
    return keyAlgorithm;
  }

  /** JCA signature algorithm a key of this type signs certificates with. */
  public String signatureAlgorithm() {
    return signatureAlgorithm;
  }
}
