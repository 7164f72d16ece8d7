package io.grpcconformance.gateway.provider.file;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException.Reference;

/** Formats Jackson reference chains and target types for problem lines. */
final class JsonPaths {
  private JsonPaths() {}

  /** E.g. {@code spec.listeners[0].port}. */
  static String of(List<Reference> path) {
    StringBuilder s = new StringBuilder();
    for (Reference ref : path) {
      if (ref.getPropertyName() != null) {
        if (s.length() > 0) {
          s.append('.');
        }
        s.append(ref.getPropertyName());
      } else if (ref.getIndex() >= 0) {
        s.append('[').append(ref.getIndex()).append(']');
      }
    }
    return s.toString();
  }

  /** What a YAML author should have written for {@code type}. */
  static String describe(Class<?> type) {
    if (Map.class.isAssignableFrom(type)) {
      return "a mapping";
    } else if (Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "a list";
    } else if (type == Integer.class || type == int.class || type == Long.class
        || type == long.class) {
      return "an integer";
    } else if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    } else if (type == String.class) {
      return "a string";
    }
    return "a " + type.getSimpleName() + " mapping";
  }
}
