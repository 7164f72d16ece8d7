package io.grpcconformance.samples.user;

import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import io.grpcconformance.samples.proto.user.DeleteUserReply;
import io.grpcconformance.samples.proto.user.DeleteUserRequest;
import io.grpcconformance.samples.proto.user.GetUserRequest;
import io.grpcconformance.samples.proto.user.LoginReply;
import io.grpcconformance.samples.proto.user.LoginRequest;
import io.grpcconformance.samples.proto.user.UserGrpc;
import io.grpcconformance.samples.proto.user.UserRecord;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code com.example.User} service behind {@link AuthInterceptor}. It keeps an in-memory
 * directory of user records seeded from the accounts; {@code DeleteUser} removes a record from the
 * directory but never revokes credentials, so a deleted demo user can still log in.
 */
public final class UserService extends UserGrpc.UserImplBase {

  private final Map<String, UserRecord> directory = new ConcurrentHashMap<>();

  /** A service whose directory lists every account. */
  public UserService(Accounts accounts) {
    for (Account account : accounts.all()) {
      directory.put(
          account.username(),
          UserRecord.newBuilder().setUsername(account.username()).setRole(account.role()).build());
    }
  }

  /** Replies with the caller's identity; the request body (even credentials in it) is ignored. */
  @Override
  public void login(LoginRequest request, StreamObserver<LoginReply> responseObserver) {
    Account caller = AuthInterceptor.ACCOUNT.get();
    responseObserver.onNext(
        LoginReply.newBuilder().setUsername(caller.username()).setRole(caller.role()).build());
    responseObserver.onCompleted();
  }

  /** Returns the named user's record, or the caller's when the name is empty. */
  @Override
  public void getUser(GetUserRequest request, StreamObserver<UserRecord> responseObserver) {
    String username =
        request.getUsername().isEmpty()
            ? AuthInterceptor.ACCOUNT.get().username()
            : request.getUsername();
    UserRecord record = directory.get(username);
    if (record == null) {
      responseObserver.onError(
          Status.NOT_FOUND.withDescription("no user " + quoted(username)).asRuntimeException());
      return;
    }
    responseObserver.onNext(record);
    responseObserver.onCompleted();
  }

  /** Removes the named record; deleting an absent user is OK with {@code deleted=false}. */
  @Override
  public void deleteUser(
      DeleteUserRequest request, StreamObserver<DeleteUserReply> responseObserver) {
    if (request.getUsername().isEmpty()) {
      responseObserver.onError(
          Status.INVALID_ARGUMENT
              .withDescription("username must not be empty")
              .asRuntimeException());
      return;
    }
    boolean deleted = directory.remove(request.getUsername()) != null;
    responseObserver.onNext(
        DeleteUserReply.newBuilder()
            .setUsername(request.getUsername())
            .setDeleted(deleted)
            .build());
    responseObserver.onCompleted();
  }

  private static String quoted(String value) {
    return "'" + (value.length() > 64 ? value.substring(0, 64) + "..." : value) + "'";
  }
}
