package io.grpcconformance.gateway.reliability;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntUnaryOperator;
import tools.jackson.databind.JsonNode;

/**
 * Decides whether one {@link CorpusExpectation} holds against what a running gateway shows: its log
 * lines, its computed statuses, real calls through its ports, and which ports are bound.
 */
final class CorpusChecker {

  /** Makes a real call through the gateway: declared port, authority, full method name. */
  interface Caller {
    CallOutcome call(int declaredPort, String authority, String method);
  }

  private final List<JulLines.Line> warnings;
  private final List<JsonNode> statuses = new ArrayList<>();
  private final Caller caller;
  private final IntUnaryOperator boundPort;

  CorpusChecker(
      List<JulLines.Line> warnings,
      List<HasMetadata> statuses,
      Caller caller,
      IntUnaryOperator boundPort) {
    this.warnings = List.copyOf(warnings);
    statuses.forEach(s -> this.statuses.add(Serialization.jsonMapper().valueToTree(s)));
    this.caller = caller;
    this.boundPort = boundPort;
  }

  /** Empty when {@code e} holds, else why not. */
  Optional<String> check(CorpusExpectation e) {
    return switch (e.kind()) {
      case "error" -> error(e);
      case "condition" -> condition(e);
      case "noParentStatus" -> noParentStatus(e);
      case "call" -> call(e);
      case "notBound" ->
          boundPort.applyAsInt(e.getInt("port", -1)) == -1
              ? Optional.empty()
              : Optional.of("port " + e.get("port") + " is bound");
      default -> Optional.of("unknown expectation kind " + e.kind());
    };
  }

  private Optional<String> error(CorpusExpectation e) {
    List<String> wanted = new ArrayList<>();
    if ("true".equals(e.get("namesFile"))) {
      wanted.add(e.file());
    }
    if (e.get("document") != null) {
      wanted.add("document " + e.get("document"));
    }
    for (String key : List.of("object", "field", "messageContains")) {
      if (e.get(key) != null) {
        wanted.add(e.get(key));
      }
    }
    for (JulLines.Line line : warnings) {
      // One line: the whole record is its message, with no embedded line break or stack trace.
      boolean oneLine = line.stackTrace().isEmpty() && !line.message().contains("\n");
      if (oneLine && wanted.stream().allMatch(line.message()::contains)) {
        return Optional.empty();
      }
    }
    return Optional.of("no single-line WARNING+ log record contains all of " + wanted);
  }

  private Optional<String> condition(CorpusExpectation e) {
    JsonNode status = status(e.get("object"));
    if (status == null) {
      return Optional.of("no status computed for " + e.get("object"));
    }
    JsonNode conditions;
    if (e.get("listener") != null) {
      conditions = find(status.path("listeners"), "name", e.get("listener")).path("conditions");
    } else if (e.get("parent") != null) {
      JsonNode parent = null;
      for (JsonNode p : status.path("parents")) {
        if (e.get("parent").equals(p.path("parentRef").path("name").asString())) {
          parent = p;
        }
      }
      conditions = parent == null ? null : parent.path("conditions");
    } else {
      conditions = status.path("conditions");
    }
    if (conditions == null || !conditions.isArray()) {
      return Optional.of("no conditions at " + e.describe() + " in " + status);
    }
    JsonNode condition = find(conditions, "type", e.get("type"));
    if (condition.isMissingNode()) {
      return Optional.of("no condition " + e.get("type") + " in " + conditions);
    }
    String got = condition.path("status").asString() + "/" + condition.path("reason").asString();
    boolean statusOk = e.get("status").equals(condition.path("status").asString());
    boolean reasonOk =
        e.get("reason") == null || e.get("reason").equals(condition.path("reason").asString());
    return statusOk && reasonOk
        ? Optional.empty()
        : Optional.of("condition " + e.get("type") + " is " + got);
  }

  private Optional<String> noParentStatus(CorpusExpectation e) {
    JsonNode status = status(e.get("object"));
    if (status == null) {
      return Optional.empty();
    }
    JsonNode parents = status.path("parents");
    return parents.isArray() && !parents.isEmpty()
        ? Optional.of("has parent statuses " + parents)
        : Optional.empty();
  }

  private Optional<String> call(CorpusExpectation e) {
    CallOutcome outcome = caller.call(e.getInt("port", -1), e.get("authority"), e.get("method"));
    boolean codeOk = outcome.code().name().equals(e.get("code"));
    boolean byOk =
        e.get("answeredBy") == null || outcome.answeredBy().startsWith(e.get("answeredBy"));
    return codeOk && byOk ? Optional.empty() : Optional.of("call ended " + outcome);
  }

  /** The status part of the object named {@code Kind namespace/name} (or {@code Kind name}). */
  private JsonNode status(String object) {
    String[] parts = object.split(" ", 2);
    for (JsonNode s : statuses) {
      JsonNode meta = s.path("metadata");
      String name =
          meta.path("namespace").isMissingNode() || meta.path("namespace").isNull()
              ? meta.path("name").asString()
              : meta.path("namespace").asString() + "/" + meta.path("name").asString();
      if (parts[0].equals(s.path("kind").asString()) && parts[1].equals(name)) {
        return s.path("status");
      }
    }
    return null;
  }

  private static JsonNode find(JsonNode array, String key, String value) {
    for (JsonNode item : array) {
      if (value.equals(item.path(key).asString())) {
        return item;
      }
    }
    return tools.jackson.databind.node.MissingNode.getInstance();
  }
}
