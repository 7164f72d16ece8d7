package io.grpcconformance.harness.grpc;

import java.net.Socket;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Accepts every server certificate without chain or hostname checks. Extending {@link
 * X509ExtendedTrustManager} keeps the JDK from wrapping it with endpoint identification, so a probe
 * can look at a fallback certificate for any name. Never used for the client side of a strict
 * assertion.
 */
public final class TrustAllTrustManager extends X509ExtendedTrustManager {

  /** The shared instance (stateless). */
  public static final TrustAllTrustManager INSTANCE = new TrustAllTrustManager();

  private TrustAllTrustManager() {}

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {}

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {}

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType) {}

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType) {}

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return new X509Certificate[0];
  }
}
