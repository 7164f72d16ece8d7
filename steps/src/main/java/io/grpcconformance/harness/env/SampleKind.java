package io.grpcconformance.harness.env;

/** The sample gRPC services a scenario can deploy. */
public enum SampleKind {
  /** helloworld.Greeter: unary, server-streaming and bidirectional greetings. */
  GREETER,
  /** com.example.User: Login/GetUser/DeleteUser with metadata credentials and roles. */
  USER
}
