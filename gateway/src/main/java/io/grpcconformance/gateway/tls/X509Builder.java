package io.grpcconformance.gateway.tls;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Generates keys and signs X.509 v3 certificates with BouncyCastle's builders and the JDK's
 * default providers (no provider is registered globally).
 */
final class X509Builder {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  private X509Builder() {}

  static KeyPair generateKeyPair(KeyType type) {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance(type.keyAlgorithm());
      switch (type) {
        case RSA_2048 -> generator.initialize(2048, RANDOM);
        case EC_P256 -> generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
        default -> throw new IllegalArgumentException("unsupported key type " + type);
      }
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot generate a " + type + " key pair", e);
    }
  }

  /**
   * Signs a certificate for {@code subjectKey} described by {@code spec}.
   *
   * @param issuer the issuing CA certificate, or null for a self-signed certificate
   * @param issuerKey the key that signs (the subject's own key when self-signed)
   * @param isCa whether the certificate may sign others (basicConstraints CA:true)
   */
  static X509Certificate sign(CertificateSpec spec, PublicKey subjectKey, X509Certificate issuer,
      PrivateKey issuerKey, boolean isCa) {
    X500Name subject = name(spec);
    X500Name issuerName = issuer == null
        ? subject : X500Name.getInstance(issuer.getSubjectX500Principal().getEncoded());
    // 127-bit positive serial: unique enough and within RFC 5280's 20-octet limit.
    BigInteger serial = new BigInteger(127, RANDOM).setBit(126);
    try {
      JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuerName, serial,
          Date.from(spec.notBefore()), Date.from(spec.notAfter()), subject, subjectKey);
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
      builder.addExtension(Extension.keyUsage, true, isCa
          ? new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature)
          : new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
      if (!isCa) {
        builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
            new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
      }
      builder.addExtension(Extension.subjectKeyIdentifier, false,
          extensions.createSubjectKeyIdentifier(subjectKey));
      if (issuer != null) {
        builder.addExtension(Extension.authorityKeyIdentifier, false,
            extensions.createAuthorityKeyIdentifier(issuer));
      }
      if (!spec.subjectAltNames().isEmpty()) {
        builder.addExtension(Extension.subjectAlternativeName, false, altNames(spec));
      }
      String algorithm = issuerKey.getAlgorithm().equals("RSA")
          ? KeyType.RSA_2048.signatureAlgorithm() : KeyType.EC_P256.signatureAlgorithm();
      ContentSigner signer = new JcaContentSignerBuilder(algorithm).build(issuerKey);
      return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    } catch (GeneralSecurityException | OperatorCreationException | CertIOException e) {
      throw new IllegalStateException("cannot sign a certificate for CN=" + spec.commonName(), e);
    }
  }

  private static X500Name name(CertificateSpec spec) {
    X500NameBuilder name = new X500NameBuilder(BCStyle.INSTANCE);
    if (!spec.organization().isEmpty()) {
      name.addRDN(BCStyle.O, spec.organization());
    }
    name.addRDN(BCStyle.CN, spec.commonName());
    return name.build();
  }

  private static GeneralNames altNames(CertificateSpec spec) {
    List<GeneralName> names = new ArrayList<>();
    for (String san : spec.subjectAltNames()) {
      if (IPV4.matcher(san).matches() || san.contains(":")) {
        names.add(new GeneralName(GeneralName.iPAddress, new DEROctetString(ipBytes(san))));
      } else {
        names.add(new GeneralName(GeneralName.dNSName, san));
      }
    }
    return new GeneralNames(names.toArray(GeneralName[]::new));
  }

  private static byte[] ipBytes(String literal) {
    try {
      // A literal (checked above) is parsed without any name lookup.
      return InetAddress.getByName(literal).getAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an IP literal: " + literal, e);
    }
  }
}
