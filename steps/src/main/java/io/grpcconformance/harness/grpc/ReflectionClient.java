package io.grpcconformance.harness.grpc;

import com.google.protobuf.ByteString;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import io.grpc.reflection.v1.ServerReflectionRequest;
import io.grpc.reflection.v1.ServerReflectionResponse;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A dynamic client over gRPC server reflection v1, as grpcurl works: list services, describe a
 * method, and invoke a method by name with a JSON request, with no generated code for the target.
 * Each operation opens a fresh connection to the {@link Dial}, so it goes through whatever routes
 * the gateway has for {@code grpc.reflection.v1.ServerReflection}.
 */
public final class ReflectionClient {

  /** The reflection service's name, which a route must match for reflection through a gateway. */
  public static final String SERVICE = ServerReflectionGrpc.SERVICE_NAME;

  private final Dial dial;
  private final Duration deadline;

  /** A client that dials {@code dial} and gives each reflection exchange {@code deadline}. */
  public ReflectionClient(Dial dial, Duration deadline) {
    this.dial = dial;
    this.deadline = deadline;
  }

  /**
   * The outcome of a reflection operation: OK with a value, or the status the call ended with.
   *
   * @param code final status code of the reflection stream
   * @param description status description
   * @param value the result when code is OK
   * @param gatewayAnswer the {@code x-gateway-answer} response header, when a gateway answered
   */
  public record Result<T>(
      Status.Code code, String description, Optional<T> value, String gatewayAnswer) {
    /** The value, or an AssertionError that states the status. */
    public T orFail(String what) {
      return value.orElseThrow(
          () -> new AssertionError(what + " failed: " + code + " " + description));
    }
  }

  /**
   * A described method, in grpcurl's terms.
   *
   * @param fullName e.g. {@code helloworld.Greeter.SayHello}
   * @param inputType fully qualified request type, e.g. {@code helloworld.HelloRequest}
   * @param outputType fully qualified response type
   * @param clientStreaming whether the client sends a stream
   * @param serverStreaming whether the server sends a stream
   */
  public record MethodDescription(
      String fullName,
      String inputType,
      String outputType,
      boolean clientStreaming,
      boolean serverStreaming) {
    /**
     * grpcurl's one-line form: {@code rpc SayHello ( .helloworld.HelloRequest ) returns ( ... );}
     */
    public String signature() {
      String name = fullName.substring(fullName.lastIndexOf('.') + 1);
      return "rpc "
          + name
          + " ( "
          + (clientStreaming ? "stream " : "")
          + "."
          + inputType
          + " ) returns ( "
          + (serverStreaming ? "stream " : "")
          + "."
          + outputType
          + " );";
    }
  }

  /** The services the server lists, sorted as received. */
  public Result<List<String>> listServices() {
    return exchange(
        ServerReflectionRequest.newBuilder().setListServices("").build(),
        r -> r.getListServicesResponse().getServiceList().stream().map(s -> s.getName()).toList());
  }

  /** Describes {@code package.Service/Method} from the server's descriptors. */
  public Result<MethodDescription> describe(String method) {
    Result<MethodDescriptor> m = resolve(method);
    return new Result<>(
        m.code(),
        m.description(),
        m.value()
            .map(
                d ->
                    new MethodDescription(
                        d.getFullName(),
                        d.getInputType().getFullName(),
                        d.getOutputType().getFullName(),
                        d.isClientStreaming(),
                        d.isServerStreaming())),
        m.gatewayAnswer());
  }

  /**
   * Invokes unary {@code package.Service/Method} with a JSON request, encoding and decoding with
   * the descriptors the server returned.
   */
  public Result<ProbeResult> invoke(
      String method, String requestJson, Map<String, List<String>> metadata) {
    Result<MethodDescriptor> m = resolve(method);
    if (m.value().isEmpty()) {
      return new Result<>(m.code(), m.description(), Optional.empty(), m.gatewayAnswer());
    }
    MethodCatalog catalog = new MethodCatalog(List.of(m.value().get().getFile()));
    ProbeResult r =
        new GrpcProbe(catalog)
            .call(new ProbeRequest(dial, method, requestJson, metadata, deadline));
    return new Result<>(Status.Code.OK, "", Optional.of(r), r.header(ProbeResult.GATEWAY_ANSWER));
  }

  /** The protobuf descriptor of {@code method}, built from reflection responses. */
  public Result<MethodDescriptor> resolve(String method) {
    String m = method.startsWith("/") ? method.substring(1) : method;
    int slash = m.indexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException(method + ": expected package.Service/Method");
    }
    String service = m.substring(0, slash);
    String name = m.substring(slash + 1);
    Result<List<ByteString>> files =
        exchange(
            ServerReflectionRequest.newBuilder().setFileContainingSymbol(service).build(),
            r -> r.getFileDescriptorResponse().getFileDescriptorProtoList());
    if (files.value().isEmpty()) {
      return new Result<>(
          files.code(), files.description(), Optional.empty(), files.gatewayAnswer());
    }
    try {
      Map<String, FileDescriptorProto> protos = new HashMap<>();
      for (ByteString b : files.value().get()) {
        FileDescriptorProto p = FileDescriptorProto.parseFrom(b);
        protos.put(p.getName(), p);
      }
      for (FileDescriptorProto p : protos.values()) {
        FileDescriptor f = build(p.getName(), protos, new HashMap<>());
        var svc = f.findServiceByName(service.substring(service.lastIndexOf('.') + 1));
        if (svc != null && svc.getFullName().equals(service)) {
          MethodDescriptor md = svc.findMethodByName(name);
          if (md == null) {
            return new Result<>(
                Status.Code.NOT_FOUND,
                service + " has no method " + name,
                Optional.empty(),
                files.gatewayAnswer());
          }
          return new Result<>(Status.Code.OK, "", Optional.of(md), files.gatewayAnswer());
        }
      }
      return new Result<>(
          Status.Code.NOT_FOUND,
          "no descriptor defines " + service,
          Optional.empty(),
          files.gatewayAnswer());
    } catch (InvalidProtocolBufferException | DescriptorValidationException e) {
      return new Result<>(
          Status.Code.INTERNAL,
          "bad descriptors from reflection: " + e.getMessage(),
          Optional.empty(),
          files.gatewayAnswer());
    }
  }

  private FileDescriptor build(
      String fileName, Map<String, FileDescriptorProto> protos, Map<String, FileDescriptor> built)
      throws DescriptorValidationException, InvalidProtocolBufferException {
    FileDescriptor done = built.get(fileName);
    if (done != null) {
      return done;
    }
    FileDescriptorProto p = protos.get(fileName);
    if (p == null) { // a dependency the server did not send with the first answer
      Result<List<ByteString>> more =
          exchange(
              ServerReflectionRequest.newBuilder().setFileByFilename(fileName).build(),
              r -> r.getFileDescriptorResponse().getFileDescriptorProtoList());
      for (ByteString b : more.orFail("reflection file_by_filename " + fileName)) {
        FileDescriptorProto q = FileDescriptorProto.parseFrom(b);
        protos.putIfAbsent(q.getName(), q);
      }
      p = protos.get(fileName);
      if (p == null) {
        throw new IllegalStateException("reflection did not return " + fileName);
      }
    }
    List<FileDescriptor> deps = new ArrayList<>();
    for (String dep : p.getDependencyList()) {
      deps.add(build(dep, protos, built));
    }
    FileDescriptor f = FileDescriptor.buildFrom(p, deps.toArray(new FileDescriptor[0]));
    built.put(fileName, f);
    return f;
  }

  private <T> Result<T> exchange(
      ServerReflectionRequest request,
      java.util.function.Function<ServerReflectionResponse, T> extract) {
    AtomicReference<Metadata> headers = new AtomicReference<>();
    AtomicReference<Metadata> trailers = new AtomicReference<>();
    try (Channels.OpenChannel ch = Channels.open(dial)) {
      ServerReflectionGrpc.ServerReflectionStub stub =
          ServerReflectionGrpc.newStub(ch.channel())
              .withInterceptors(MetadataUtils.newCaptureMetadataInterceptor(headers, trailers))
              .withDeadlineAfter(deadline.toNanos(), TimeUnit.NANOSECONDS);
      CompletableFuture<ServerReflectionResponse> first = new CompletableFuture<>();
      StreamObserver<ServerReflectionRequest> out =
          stub.serverReflectionInfo(
              new StreamObserver<>() {
                @Override
                public void onNext(ServerReflectionResponse r) {
                  first.complete(r);
                }

                @Override
                public void onError(Throwable t) {
                  first.completeExceptionally(t);
                }

                @Override
                public void onCompleted() {
                  first.completeExceptionally(
                      Status.INTERNAL
                          .withDescription("reflection stream ended without an answer")
                          .asRuntimeException());
                }
              });
      out.onNext(request);
      try {
        ServerReflectionResponse r = first.get(deadline.toMillis() + 5_000, TimeUnit.MILLISECONDS);
        out.onCompleted();
        if (r.hasErrorResponse()) {
          return new Result<>(
              Status.fromCodeValue(r.getErrorResponse().getErrorCode()).getCode(),
              r.getErrorResponse().getErrorMessage(),
              Optional.empty(),
              answer(headers, trailers));
        }
        return new Result<>(
            Status.Code.OK, "", Optional.of(extract.apply(r)), answer(headers, trailers));
      } catch (ExecutionException e) {
        Status s = Status.fromThrowable(e.getCause());
        return new Result<>(
            s.getCode(),
            String.valueOf(s.getDescription()),
            Optional.empty(),
            answer(headers, trailers));
      } catch (TimeoutException e) {
        out.onError(Status.CANCELLED.asRuntimeException());
        return new Result<>(
            Status.Code.DEADLINE_EXCEEDED, "no reflection answer in time", Optional.empty(), "");
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StatusRuntimeException(Status.CANCELLED);
      }
    }
  }

  private static String answer(
      AtomicReference<Metadata> headers, AtomicReference<Metadata> trailers) {
    Metadata.Key<String> key =
        Metadata.Key.of(ProbeResult.GATEWAY_ANSWER, Metadata.ASCII_STRING_MARSHALLER);
    for (Metadata m : new Metadata[] {headers.get(), trailers.get()}) {
      if (m != null && m.get(key) != null) {
        return m.get(key);
      }
    }
    return "";
  }
}
