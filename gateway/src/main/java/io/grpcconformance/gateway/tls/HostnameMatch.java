package io.grpcconformance.gateway.tls;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/**
 * Server identity checks as RFC 6125 and Go's {@code x509.Certificate.VerifyHostname} (used by
 * ingress-nginx, ingress-netpol.md A.1 "TLS termination") do them.
 */
final class HostnameMatch {
  private static final int SAN_DNS = 2;
  private static final int SAN_IP = 7;
  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

  private HostnameMatch() {}

  /**
   * Whether {@code cert} is valid for {@code host}. DNS SANs are compared case-insensitively; a
   * wildcard covers exactly one whole left-most label ({@code *.foo.com} covers {@code a.foo.com},
   * not {@code foo.com} nor {@code a.b.foo.com}); a wildcard host such as {@code *.foo.com} is
   * covered only by the same wildcard SAN. The subject CN is consulted only when the certificate
   * has no DNS SAN (RFC 6125 §6.4.4). IP literals are compared with IP SANs only.
   */
  static boolean covers(X509Certificate cert, String host) {
    String reference = normalize(host);
    if (reference.isEmpty() || reference.equals("*")) {
      return false;
    }
    if (isIpLiteral(reference)) {
      byte[] address = ipBytes(reference);
      return address != null && sans(cert, SAN_IP).stream()
          .map(HostnameMatch::ipBytes)
          .anyMatch(san -> san != null && Arrays.equals(san, address));
    }
    List<String> dnsNames = sans(cert, SAN_DNS);
    if (!dnsNames.isEmpty()) {
      return dnsNames.stream().anyMatch(pattern -> matches(pattern, reference));
    }
    String cn = commonName(cert);
    return cn != null && matches(cn, reference);
  }

  /** DNS SANs of {@code cert}, in certificate order. */
  static List<String> dnsNames(X509Certificate cert) {
    return sans(cert, SAN_DNS);
  }

  /** The subject CN, or null. */
  static String commonName(X509Certificate cert) {
    X500Name name = X500Name.getInstance(cert.getSubjectX500Principal().getEncoded());
    RDN[] rdns = name.getRDNs(BCStyle.CN);
    return rdns.length == 0 ? null : IETFUtils.valueToString(rdns[0].getFirst().getValue());
  }

  private static boolean matches(String pattern, String host) {
    String p = normalize(pattern);
    if (!p.startsWith("*.")) {
      return !p.contains("*") && p.equals(host);
    }
    String suffix = p.substring(1); // ".foo.com"
    if (suffix.contains("*") || suffix.length() < 2) {
      return false; // only a whole left-most label may be a wildcard
    }
    if (!host.endsWith(suffix)) {
      return false;
    }
    String firstLabel = host.substring(0, host.length() - suffix.length());
    return !firstLabel.isEmpty() && !firstLabel.contains(".");
  }

  private static String normalize(String name) {
    String n = name.trim().toLowerCase(Locale.ROOT);
    return n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
  }

  private static boolean isIpLiteral(String host) {
    return IPV4.matcher(host).matches() || host.contains(":");
  }

  private static byte[] ipBytes(String literal) {
    String bare = literal.startsWith("[") && literal.endsWith("]")
        ? literal.substring(1, literal.length() - 1) : literal;
    if (!isIpLiteral(bare)) {
      return null;
    }
    try {
      return InetAddress.getByName(bare).getAddress(); // a literal: no name lookup
    } catch (UnknownHostException e) {
      return null;
    }
  }

  private static List<String> sans(X509Certificate cert, int type) {
    List<String> out = new ArrayList<>();
    try {
      Collection<List<?>> names = cert.getSubjectAlternativeNames();
      if (names == null) {
        return out;
      }
      for (List<?> entry : names) {
        if (entry.size() >= 2 && entry.get(0) instanceof Integer t && t == type
            && entry.get(1) instanceof String value) {
          out.add(value);
        }
      }
    } catch (CertificateParsingException e) {
      return out; // an unreadable SAN extension covers nothing
    }
    return out;
  }
}
