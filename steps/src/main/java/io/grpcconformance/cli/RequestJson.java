package io.grpcconformance.cli;

import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Value;
import com.google.protobuf.util.JsonFormat;
import io.grpcconformance.samples.echo.Redaction;
import java.util.ArrayList;
import java.util.List;

/** Checks {@code -d} request JSON and pretty-prints response JSON, both in protobuf's mapping. */
final class RequestJson {

  private RequestJson() {}

  /** Whether {@code json} is JSON at all; needs no descriptor, so it is checked before dialing. */
  static void checkSyntax(String json) {
    try {
      // google.protobuf.Value takes any JSON value, so this checks syntax only.
      JsonFormat.parser().merge(json, Value.newBuilder());
    } catch (InvalidProtocolBufferException | RuntimeException e) {
      throw CliFailure.badInput("-d is not valid JSON: " + reason(e));
    }
  }

  /** Whether {@code json} is a valid request of {@code method} (field names, value types). */
  static void checkFits(String json, MethodDescriptor method) {
    try {
      JsonFormat.parser().merge(json, DynamicMessage.newBuilder(method.getInputType()));
    } catch (InvalidProtocolBufferException | RuntimeException e) {
      throw CliFailure.badInput(
          "-d does not fit "
              + method.getInputType().getFullName()
              + ": "
              + withoutSecrets(reason(e), json));
    }
  }

  /**
   * {@code message} with every string value of a secret field of {@code json} (password, ...)
   * replaced: the parser quotes offending values in its messages.
   */
  static String withoutSecrets(String message, String json) {
    Value.Builder parsed = Value.newBuilder();
    try {
      JsonFormat.parser().merge(json, parsed);
    } catch (InvalidProtocolBufferException | RuntimeException e) {
      return message; // not JSON: checkSyntax reported it without quoting values
    }
    List<String> secrets = new ArrayList<>();
    collectSecrets(parsed.build(), false, secrets);
    String out = message;
    for (String secret : secrets) {
      if (!secret.isEmpty()) {
        out = out.replace(secret, Secrets.REDACTED);
      }
    }
    return out;
  }

  private static void collectSecrets(Value v, boolean underSecretKey, List<String> out) {
    switch (v.getKindCase()) {
      case STRING_VALUE -> {
        if (underSecretKey) {
          out.add(v.getStringValue());
        }
      }
      case STRUCT_VALUE ->
          v.getStructValue()
              .getFieldsMap()
              .forEach(
                  (k, child) ->
                      collectSecrets(child, underSecretKey || Redaction.isSecret(k), out));
      case LIST_VALUE ->
          v.getListValue().getValuesList().forEach(c -> collectSecrets(c, underSecretKey, out));
      default -> {
        // numbers, booleans and null are never secrets worth hiding
      }
    }
  }

  /**
   * A response message as indented JSON with secret fields redacted; {@code compact} as it came
   * when it is not a message of the method's output type (the probe then gives base64).
   */
  static String pretty(String compact, MethodDescriptor method) {
    DynamicMessage.Builder b = DynamicMessage.newBuilder(method.getOutputType());
    try {
      JsonFormat.parser().merge(compact, b);
      return JsonFormat.printer().print(Secrets.redact(b.build()));
    } catch (InvalidProtocolBufferException | RuntimeException e) {
      return compact;
    }
  }

  private static String reason(Exception e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    // JsonFormat passes Gson's messages on prefixed with their exception class names.
    return m.replaceAll("(?:[a-z]\\w*\\.)+\\w*(?:Exception|Error): ", "");
  }
}
