package io.grpcconformance.harness.grpc;

import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import com.google.protobuf.DynamicMessage;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.grpc.health.v1.HealthProto;
import io.grpc.reflection.v1.ServerReflectionProto;
import io.grpcconformance.samples.proto.helloworld.HelloWorldProto;
import io.grpcconformance.samples.proto.user.UserProto;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Protobuf descriptors of the methods a probe can encode and decode as JSON: the sample services
 * (helloworld.Greeter, com.example.User), server reflection v1 and health v1, or any other set of
 * files (the reflection client builds one from what a server describes). Methods it does not know
 * can still be called with an empty request; their responses are shown base64-encoded.
 */
public final class MethodCatalog {

  private final Map<String, MethodDescriptor> methods = new HashMap<>();

  /** A catalog over {@code files} (dependencies need not be listed). */
  public MethodCatalog(List<FileDescriptor> files) {
    for (FileDescriptor f : files) {
      for (ServiceDescriptor s : f.getServices()) {
        for (MethodDescriptor m : s.getMethods()) {
          methods.put(s.getFullName() + "/" + m.getName(), m);
        }
      }
    }
  }

  /** The sample services, reflection v1 and health v1. */
  public static MethodCatalog samples() {
    return new MethodCatalog(
        List.of(
            HelloWorldProto.getDescriptor(),
            UserProto.getDescriptor(),
            ServerReflectionProto.getDescriptor(),
            HealthProto.getDescriptor()));
  }

  /** The descriptor of {@code package.Service/Method} (leading slash optional). */
  public Optional<MethodDescriptor> find(String method) {
    return Optional.ofNullable(methods.get(method.startsWith("/") ? method.substring(1) : method));
  }

  /**
   * The wire bytes of a request given as protobuf JSON.
   *
   * @throws IllegalArgumentException naming the method when the JSON does not fit its input type,
   *     or when a non-empty body is given for an unknown method
   */
  public byte[] encodeRequest(String method, String json) {
    Optional<MethodDescriptor> m = find(method);
    String body = json == null || json.isBlank() ? "{}" : json;
    if (m.isEmpty()) {
      if (!body.replaceAll("\\s", "").equals("{}")) {
        throw new IllegalArgumentException(
            method + ": unknown method, only an empty request {} can be sent");
      }
      return new byte[0];
    }
    DynamicMessage.Builder b = DynamicMessage.newBuilder(m.get().getInputType());
    try {
      JsonFormat.parser().merge(body, b);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException(
          method
              + ": request does not fit "
              + m.get().getInputType().getFullName()
              + ": "
              + e.getMessage(),
          e);
    }
    return b.build().toByteArray();
  }

  /** A response as protobuf JSON (compact), or base64 when the method is unknown or bytes bad. */
  public String decodeResponse(String method, byte[] bytes) {
    Optional<MethodDescriptor> m = find(method);
    if (m.isPresent()) {
      try {
        DynamicMessage msg = DynamicMessage.parseFrom(m.get().getOutputType(), bytes);
        return JsonFormat.printer().omittingInsignificantWhitespace().print(msg);
      } catch (InvalidProtocolBufferException e) {
        // not this type after all: fall through to base64
      }
    }
    return Base64.getEncoder().encodeToString(bytes);
  }
}
