package io.grpcconformance.gateway.translate;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.SecretObjectReference;
import io.grpcconformance.gateway.routing.ServerCertificate;
import io.grpcconformance.gateway.tls.CertificateProblem;
import io.grpcconformance.gateway.tls.PemCertificates;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Resolves an HTTPS listener's {@code tls.certificateRefs} to server certificates.
 *
 * <p>Order of checks per reference (gateway_types.go ListenerConditionResolvedRefs and
 * GatewayTLSConfig.CertificateRefs): a reference into another namespace needs a ReferenceGrant from
 * this Gateway's namespace ({@code gateway.networking.k8s.io/Gateway}) to the Secret, else {@code
 * RefNotPermitted}, decided before looking at the Secret so that nothing reveals whether it exists;
 * then group {@code ""} and kind {@code Secret}, a Secret that exists, has type {@code
 * kubernetes.io/tls}, and holds a parseable chain and matching key whose leaf is valid now, else
 * {@code InvalidCertificateRef}.
 *
 * <p>The PEM checks are {@link PemCertificates}'s, step by step as {@link
 * PemCertificates#fromSecret} runs them, rather than that method itself: the Secret's fields are
 * read here ({@code stringData} before {@code data}), and the messages keep this resolver's wording
 * ({@code Secret ns/name field tls.crt: ...}) that status conditions and the golden files show.
 */
final class CertificateResolver {

  /**
   * What came of a listener's references.
   *
   * @param certificates one per usable reference, for the listener's hostname
   * @param reason null when every reference resolved, else RefNotPermitted (if any reference was
   *     not permitted) or InvalidCertificateRef
   * @param problems one line per unusable reference, naming the field; never key material
   */
  record Result(List<ServerCertificate> certificates, String reason, List<String> problems) {}

  private final SnapshotIndex index;
  private final Instant now;
  /** Per translation: "ns/name" → certificate (hostname "") or the problem, parsed once. */
  private final Map<String, Object> parsed = new HashMap<>();

  CertificateResolver(SnapshotIndex index, Instant now) {
    this.index = index;
    this.now = now;
  }

  /**
   * @param field e.g. {@code spec.listeners[1].tls.certificateRefs}
   * @param hostname the listener hostname the certificates are chosen for ("" = any SNI)
   */
  Result resolve(Gateway gateway, List<SecretObjectReference> refs, String field, String hostname) {
    List<ServerCertificate> certs = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    boolean notPermitted = false;
    if (refs.isEmpty()) {
      problems.add(field + ": an HTTPS listener needs at least one certificateRef");
    }
    String gwNamespace = Meta.namespace(gateway);
    for (int i = 0; i < refs.size(); i++) {
      SecretObjectReference ref = refs.get(i);
      String where = field + "[" + i + "]";
      String group = Meta.orDefault(ref.getGroup(), "");
      String kind = Meta.orDefault(ref.getKind(), "Secret");
      String namespace = Meta.isBlank(ref.getNamespace()) ? gwNamespace : ref.getNamespace();
      String name = Meta.orDefault(ref.getName(), "");
      if (!index.grants().permits("gateway.networking.k8s.io", "Gateway", gwNamespace,
          group, kind, namespace, name)) {
        notPermitted = true;
        problems.add(where + ": reference to " + kind + " " + namespace + "/" + name
            + " is not permitted by any ReferenceGrant in namespace " + namespace);
        continue;
      }
      if (!group.isEmpty() || !kind.equals("Secret")) {
        problems.add(where + ": unsupported group/kind " + (group.isEmpty() ? "core" : group)
            + "/" + kind + " (only core/Secret)");
        continue;
      }
      Secret secret = index.secret(namespace, name);
      String source = "Secret " + namespace + "/" + name;
      if (secret == null) {
        problems.add(where + ": " + source + " not found");
        continue;
      }
      if (!PemCertificates.TLS_SECRET_TYPE.equals(secret.getType())) {
        problems.add(where + ": " + source + " has type " + secret.getType()
            + ", expected " + PemCertificates.TLS_SECRET_TYPE);
        continue;
      }
      Object loaded = parsed.computeIfAbsent(namespace + "/" + name,
          k -> load(secret, source, "secret " + k));
      if (loaded instanceof ServerCertificate c) {
        certs.add(new ServerCertificate(hostname, c.chain(), c.key(), c.source()));
      } else {
        problems.add(where + ": " + loaded);
      }
    }
    String reason = problems.isEmpty() ? null
        : notPermitted ? Conditions.REASON_REF_NOT_PERMITTED
        : Conditions.REASON_INVALID_CERTIFICATE_REF;
    return new Result(certs, reason, problems);
  }

  /** The certificate of a TLS Secret (hostname ""), or the (safe) message saying why not. */
  private Object load(Secret secret, String source, String certificateSource) {
    try {
      return parse(secret, source, certificateSource);
    } catch (CertificateProblem e) {
      return e.getMessage();
    }
  }

  /**
   * Parseable chain, unencrypted key matching the leaf, leaf valid at the Translator's clock. A
   * failed check is reworded where this resolver's message predates {@link PemCertificates}'s
   * (chain, key match, validity); key parsing problems keep {@link PemCertificates}'s detail.
   */
  private ServerCertificate parse(Secret secret, String source, String certificateSource)
      throws CertificateProblem {
    String crtField = source + " field " + PemCertificates.TLS_CERT_KEY;
    String keyField = source + " field " + PemCertificates.TLS_PRIVATE_KEY_KEY;
    String crtPem = field(secret, PemCertificates.TLS_CERT_KEY, source);
    String keyPem = field(secret, PemCertificates.TLS_PRIVATE_KEY_KEY, source);
    List<X509Certificate> chain;
    try {
      chain = PemCertificates.parseCertificates(crtPem, crtField);
    } catch (CertificateProblem e) {
      throw new CertificateProblem(crtField + ": not a PEM certificate chain");
    }
    PrivateKey key = PemCertificates.parsePrivateKey(keyPem, keyField);
    X509Certificate leaf = chain.get(0);
    try {
      PemCertificates.requireMatchingKey(leaf, key, keyField);
    } catch (CertificateProblem e) {
      throw new CertificateProblem(keyField + ": private key does not match the certificate's"
          + " public key (" + PemCertificates.TLS_CERT_KEY + ")");
    }
    try {
      PemCertificates.requireValidAt(leaf, now, crtField);
    } catch (CertificateProblem e) {
      Instant notBefore = leaf.getNotBefore().toInstant();
      throw new CertificateProblem(crtField + (now.isBefore(notBefore)
          ? ": certificate not valid before " + notBefore
          : ": certificate expired at " + leaf.getNotAfter().toInstant()));
    }
    return new ServerCertificate("", chain, key, certificateSource);
  }

  /**
   * A data field as PEM text: {@code stringData} (as a manifest may hold it; the API server merges
   * it into data, stringData winning) wins over base64 {@code data}.
   */
  private static String field(Secret secret, String key, String source)
      throws CertificateProblem {
    Map<String, String> stringData = secret.getStringData();
    if (stringData != null && stringData.get(key) != null) {
      return stringData.get(key);
    }
    Map<String, String> data = secret.getData();
    String b64 = data == null ? null : data.get(key);
    if (b64 == null || b64.isEmpty()) {
      throw new CertificateProblem(source + " field " + key + ": missing");
    }
    try {
      return new String(Base64.getMimeDecoder().decode(b64), StandardCharsets.US_ASCII);
    } catch (IllegalArgumentException e) {
      throw new CertificateProblem(source + " field " + key + ": not valid base64");
    }
  }
}
