package io.grpcconformance.cli;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.grpcconformance.samples.echo.Redaction;
import java.util.List;
import java.util.Map;

/**
 * Hides secret values in what {@code reflect} prints: metadata values and message fields whose name
 * the sample services treat as secret ({@link Redaction#isSecret}: password, authorization,
 * proxy-authorization, cookie, *-token, and their -bin forms).
 */
final class Secrets {

  /** What is printed instead of a secret value. */
  static final String REDACTED = "<redacted>";

  private Secrets() {}

  /** {@code value}, or {@link #REDACTED} when {@code key} names a secret. */
  static String shown(String key, String value) {
    return Redaction.isSecret(key) ? REDACTED : value;
  }

  /** {@code name: value} lines of {@code metadata}, sorted by name, secrets redacted. */
  static List<String> lines(Map<String, List<String>> metadata) {
    return metadata.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .flatMap(e -> e.getValue().stream().map(v -> e.getKey() + ": " + shown(e.getKey(), v)))
        .toList();
  }

  /**
   * A copy of {@code message} whose secret string fields (at any depth, also map values under a
   * secret key) read {@link #REDACTED}.
   */
  static Message redact(Message message) {
    Message.Builder b = message.toBuilder();
    for (Map.Entry<FieldDescriptor, Object> e : message.getAllFields().entrySet()) {
      FieldDescriptor f = e.getKey();
      if (f.isMapField()) {
        b.clearField(f);
        for (Object entry : (List<?>) e.getValue()) {
          b.addRepeatedField(f, redactMapEntry((Message) entry));
        }
      } else if (f.isRepeated()) {
        b.clearField(f);
        for (Object v : (List<?>) e.getValue()) {
          b.addRepeatedField(f, redactValue(f, v, isSecretField(f)));
        }
      } else {
        b.setField(f, redactValue(f, e.getValue(), isSecretField(f)));
      }
    }
    return b.build();
  }

  private static Message redactMapEntry(Message entry) {
    FieldDescriptor key = entry.getDescriptorForType().findFieldByNumber(1);
    FieldDescriptor value = entry.getDescriptorForType().findFieldByNumber(2);
    Object k = entry.getField(key);
    boolean secret = k instanceof String s && Redaction.isSecret(s);
    return entry.toBuilder()
        .setField(value, redactValue(value, entry.getField(value), secret))
        .build();
  }

  private static Object redactValue(FieldDescriptor f, Object value, boolean secret) {
    if (value instanceof Message m) {
      return redact(m);
    }
    if (secret && f.getJavaType() == FieldDescriptor.JavaType.STRING) {
      return REDACTED;
    }
    return value;
  }

  private static boolean isSecretField(FieldDescriptor f) {
    return Redaction.isSecret(f.getName()) || Redaction.isSecret(f.getJsonName());
  }
}
