package io.grpcconformance.gateway.dataplane;

import io.grpcconformance.gateway.routing.PortRoutes;
import io.grpcconformance.gateway.routing.RouteSelector;
import io.grpcconformance.gateway.routing.ServerCertificate;
import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.StandardConstants;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * Chooses the server certificate of one HTTPS port by SNI at handshake time, from the certificates
 * of the current routing table ({@link #update} is called on every table swap, so certificate
 * changes apply without rebinding). Precedence is {@link RouteSelector#selectCertificate}: exact,
 * longest wildcard, certificate without hostname, fallback; nothing → no alias → the handshake
 * fails. Among certificates for the same hostname the one whose key suits the negotiated
 * signature type wins (Gateway API allows one certificateRef per key type).
 *
 * <p>Aliases name a certificate of a specific snapshot ({@code <snapshot>:<index>}). The previous
 * snapshot stays resolvable, so a handshake that chose an alias just before a swap still finds its
 * key. Keys are never logged; {@link ServerCertificate#toString()} omits them.
 */
final class SniKeyManager extends X509ExtendedKeyManager {
  private static final AtomicLong SNAPSHOTS = new AtomicLong();

  /** The certificates of one table for this port; index {@code certificates.size()} = fallback. */
  private record Snapshot(long id, List<ServerCertificate> certificates,
      Optional<ServerCertificate> fallback) {
    String alias(ServerCertificate chosen) {
      int index = chosen == fallback.orElse(null) ? certificates.size() : indexOf(chosen);
      return id + ":" + index;
    }

    private int indexOf(ServerCertificate chosen) {
      for (int i = 0; i < certificates.size(); i++) {
        if (certificates.get(i) == chosen) {
          return i;
        }
      }
      return certificates.size();
    }

    ServerCertificate resolve(String alias) {
      int colon = alias.indexOf(':');
      if (colon < 0 || !alias.substring(0, colon).equals(Long.toString(id))) {
        return null;
      }
      int index = Integer.parseInt(alias.substring(colon + 1));
      return index < certificates.size() ? certificates.get(index) : fallback.orElse(null);
    }
  }

  private volatile Snapshot current = new Snapshot(0, List.of(), Optional.empty());
  private volatile Snapshot previous = current;

  SniKeyManager(PortRoutes routes) {
    update(routes);
  }

  /** Serves the certificates of {@code routes} from the next handshake on. */
  synchronized void update(PortRoutes routes) {
    previous = current;
    current = new Snapshot(SNAPSHOTS.incrementAndGet(), routes.certificates(),
        routes.fallbackCertificate());
  }

  @Override
  public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
    return choose(keyType, engine == null ? null : engine.getHandshakeSession());
  }

  @Override
  public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
    return socket instanceof javax.net.ssl.SSLSocket ssl
        ? choose(keyType, ssl.getHandshakeSession()) : choose(keyType, null);
  }

  @Override
  public X509Certificate[] getCertificateChain(String alias) {
    ServerCertificate certificate = resolve(alias);
    return certificate == null ? null : certificate.chain().toArray(new X509Certificate[0]);
  }

  @Override
  public PrivateKey getPrivateKey(String alias) {
    ServerCertificate certificate = resolve(alias);
    return certificate == null ? null : certificate.key();
  }

  @Override
  public String[] getServerAliases(String keyType, Principal[] issuers) {
    Snapshot snapshot = current;
    List<String> aliases = new ArrayList<>();
    for (ServerCertificate certificate : snapshot.certificates()) {
      if (suits(certificate, keyType)) {
        aliases.add(snapshot.alias(certificate));
      }
    }
    return aliases.isEmpty() ? null : aliases.toArray(new String[0]);
  }

  @Override
  public String[] getClientAliases(String keyType, Principal[] issuers) {
    return null;
  }

  @Override
  public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
    return null;
  }

  private String choose(String keyType, SSLSession handshake) {
    Snapshot snapshot = current;
    ServerCertificate chosen = RouteSelector.selectCertificate(
        snapshot.certificates(), snapshot.fallback(), serverName(handshake));
    if (chosen == null) {
      return null;
    }
    if (suits(chosen, keyType)) {
      return snapshot.alias(chosen);
    }
    for (ServerCertificate sameHost : snapshot.certificates()) {
      if (sameHost.hostname().equalsIgnoreCase(chosen.hostname()) && suits(sameHost, keyType)) {
        return snapshot.alias(sameHost);
      }
    }
    return null; // the TLS stack tries the next key type, or fails the handshake
  }

  private ServerCertificate resolve(String alias) {
    if (alias == null) {
      return null;
    }
    ServerCertificate certificate = current.resolve(alias);
    return certificate != null ? certificate : previous.resolve(alias);
  }

  /** The SNI host name of the ClientHello, or null when the client sent none. */
  private static String serverName(SSLSession handshake) {
    if (handshake instanceof ExtendedSSLSession extended) {
      for (SNIServerName name : extended.getRequestedServerNames()) {
        if (name.getType() == StandardConstants.SNI_HOST_NAME) {
          return name instanceof SNIHostName host
              ? host.getAsciiName() : new SNIHostName(name.getEncoded()).getAsciiName();
        }
      }
    }
    return null;
  }

  /**
   * Whether the leaf key can sign for {@code keyType}: JDK types are "RSA", "EC", "RSASSA-PSS",
   * "EdDSA"; Netty's OpenSSL types add "EC_EC", "EC_RSA" (key algorithm before the underscore).
   */
  private static boolean suits(ServerCertificate certificate, String keyType) {
    if (keyType == null) {
      return true;
    }
    String algorithm = certificate.chain().get(0).getPublicKey().getAlgorithm();
    return keyType.equals(algorithm) || keyType.startsWith(algorithm + "_");
  }
}
