package io.grpcconformance.samples.user;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Application-level authentication and authorization of the User service, from the request metadata
 * {@code username} and {@code password} only. Missing, empty, repeated or wrong credentials give
 * UNAUTHENTICATED; a role that may not call the method gives PERMISSION_DENIED. Credential values
 * never appear in logs or status descriptions.
 */
public final class AuthInterceptor implements ServerInterceptor {

  /** The metadata key carrying the username. */
  public static final Metadata.Key<String> USERNAME =
      Metadata.Key.of("username", Metadata.ASCII_STRING_MARSHALLER);

  /** The metadata key carrying the password. */
  public static final Metadata.Key<String> PASSWORD =
      Metadata.Key.of("password", Metadata.ASCII_STRING_MARSHALLER);

  /** The authenticated account, visible to the service while it handles the call. */
  static final Context.Key<Account> ACCOUNT = Context.key("authenticated-account");

  private static final Logger LOG = Logger.getLogger(AuthInterceptor.class.getName());

  private final Accounts accounts;

  /** An interceptor authenticating against {@code accounts}. */
  public AuthInterceptor(Accounts accounts) {
    this.accounts = accounts;
  }

  @Override
  public <ReqT, RespT> ServerCall.Listener<ReqT> interceptCall(
      ServerCall<ReqT, RespT> call, Metadata headers, ServerCallHandler<ReqT, RespT> next) {
    String method = call.getMethodDescriptor().getBareMethodName();
    // Only the ASCII keys count: `username-bin`/`password-bin` are different keys and never
    // credentials. Key names are case-insensitive in gRPC metadata (HTTP/2 sends them lowercase),
    // so "Username" and "username" are one key and would show up here as a repeated value.
    List<String> usernames = values(headers, USERNAME);
    List<String> passwords = values(headers, PASSWORD);
    if (usernames.isEmpty() || passwords.isEmpty()) {
      return reject(
          call,
          Status.UNAUTHENTICATED.withDescription(
              "missing credentials: send metadata 'username' and 'password'"));
    }
    // Repeated keys are ambiguous (which one would a proxy or another backend pick?): refuse them
    // rather than guess.
    if (usernames.size() > 1 || passwords.size() > 1) {
      return reject(
          call,
          Status.UNAUTHENTICATED.withDescription(
              "ambiguous credentials: metadata 'username' and 'password' must each be sent once"));
    }
    String username = usernames.get(0);
    String password = passwords.get(0);
    if (username.isEmpty() || password.isEmpty()) {
      return reject(
          call,
          Status.UNAUTHENTICATED.withDescription(
              "missing credentials: 'username' and 'password' must not be empty"));
    }
    Account account = accounts.authenticate(username, password).orElse(null);
    if (account == null) {
      // One message for unknown users and wrong passwords, so callers cannot probe usernames.
      return reject(call, Status.UNAUTHENTICATED.withDescription("invalid username or password"));
    }
    if (!accounts.mayCall(account, method)) {
      return reject(
          call,
          Status.PERMISSION_DENIED.withDescription(
              "role '" + account.role() + "' may not call " + method));
    }
    LOG.log(
        Level.FINE,
        "authenticated {0} (role {1}) for {2}",
        new Object[] {account.username(), account.role(), method});
    Context context = Context.current().withValue(ACCOUNT, account);
    return Contexts.interceptCall(context, call, headers, next);
  }

  private static List<String> values(Metadata headers, Metadata.Key<String> key) {
    Iterable<String> all = headers.getAll(key);
    List<String> values = new ArrayList<>();
    if (all != null) {
      all.forEach(values::add);
    }
    return values;
  }

  private static <ReqT, RespT> ServerCall.Listener<ReqT> reject(
      ServerCall<ReqT, RespT> call, Status status) {
    LOG.log(
        Level.INFO,
        "rejected /{0}: {1} ({2})",
        new Object[] {
          call.getMethodDescriptor().getFullMethodName(), status.getCode(), status.getDescription()
        });
    call.close(status, new Metadata());
    return new ServerCall.Listener<>() {};
  }
}
