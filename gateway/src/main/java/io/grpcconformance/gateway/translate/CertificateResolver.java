package io.grpcconformance.gateway.translate;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.Gateway;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.SecretObjectReference;
import io.grpcconformance.gateway.routing.ServerCertificate;
import java.nio.charset.StandardCharsets;
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
 */
final class CertificateResolver {

  static final String TLS_SECRET_TYPE = "kubernetes.io/tls";

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
  /** Per translation: "ns/name" → parsed key pair or the problem, so a Secret is parsed once. */
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
      if (!TLS_SECRET_TYPE.equals(secret.getType())) {
        problems.add(where + ": " + source + " has type " + secret.getType()
            + ", expected " + TLS_SECRET_TYPE);
        continue;
      }
      Object pair = parsed.computeIfAbsent(namespace + "/" + name, k -> parse(secret, source));
      if (pair instanceof PemKeyPairs.KeyPair kp) {
        certs.add(new ServerCertificate(hostname, kp.chain(), kp.key(),
            "secret " + namespace + "/" + name));
      } else {
        problems.add(where + ": " + pair);
      }
    }
    String reason = problems.isEmpty() ? null
        : notPermitted ? Conditions.REASON_REF_NOT_PERMITTED
        : Conditions.REASON_INVALID_CERTIFICATE_REF;
    return new Result(certs, reason, problems);
  }

  /** The key pair of a TLS Secret, or the (safe) message saying why it cannot be used. */
  private Object parse(Secret secret, String source) {
    try {
      byte[] crt = field(secret, "tls.crt", source);
      byte[] key = field(secret, "tls.key", source);
      return PemKeyPairs.parse(crt, key, source, now);
    } catch (PemKeyPairs.PemException e) {
      return e.getMessage();
    }
  }

  /**
   * A data field, decoded: {@code stringData} (as a manifest may hold it; the API server merges it
   * into data) wins over base64 {@code data}.
   */
  private static byte[] field(Secret secret, String key, String source)
      throws PemKeyPairs.PemException {
    Map<String, String> stringData = secret.getStringData();
    if (stringData != null && stringData.get(key) != null) {
      return stringData.get(key).getBytes(StandardCharsets.UTF_8);
    }
    Map<String, String> data = secret.getData();
    String b64 = data == null ? null : data.get(key);
    if (b64 == null || b64.isEmpty()) {
      throw new PemKeyPairs.PemException(source + " field " + key + ": missing");
    }
    try {
      return Base64.getMimeDecoder().decode(b64);
    } catch (IllegalArgumentException e) {
      throw new PemKeyPairs.PemException(source + " field " + key + ": not valid base64");
    }
  }
}
