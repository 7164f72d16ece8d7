package io.grpcconformance.gateway.provider.file;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the fields a document had that its typed model does not know. fabric8 model classes keep
 * unknown properties in {@code additionalProperties} instead of failing, so this walks the parsed
 * object and reports every non-empty one by path (e.g. {@code spec.rules[0].matchez}). Only names
 * are reported, never values.
 */
final class UnknownFields {
  private static final String MODEL_PACKAGE = "io.fabric8.kubernetes.api.model";
  private static final Map<Class<?>, List<Field>> FIELDS = new ConcurrentHashMap<>();

  private UnknownFields() {}

  /** Paths of unknown fields in document order of discovery; empty when there are none. */
  static List<String> find(Object root) {
    List<String> found = new ArrayList<>();
    walk(root, "", found);
    return found;
  }

  private static void walk(Object value, String path, List<String> found) {
    if (value == null) {
      return;
    }
    if (value instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        walk(list.get(i), path + "[" + i + "]", found);
      }
      return;
    }
    if (value instanceof Map<?, ?> map) {
      map.forEach((k, v) -> walk(v, join(path, String.valueOf(k)), found));
      return;
    }
    if (!value.getClass().getName().startsWith(MODEL_PACKAGE)) {
      return;
    }
    for (Field field : fields(value.getClass())) {
      Object child = read(field, value);
      if (field.getName().equals("additionalProperties")) {
        if (child instanceof Map<?, ?> extra) {
          extra.keySet().forEach(k -> found.add(join(path, String.valueOf(k))));
        }
      } else {
        walk(child, join(path, jsonName(field)), found);
      }
    }
  }

  private static List<Field> fields(Class<?> type) {
    return FIELDS.computeIfAbsent(type, t -> {
      List<Field> list = new ArrayList<>();
      for (Class<?> c = t; c != null && c != Object.class; c = c.getSuperclass()) {
        for (Field f : c.getDeclaredFields()) {
          if (!Modifier.isStatic(f.getModifiers()) && !f.isSynthetic()) {
            f.setAccessible(true);
            list.add(f);
          }
        }
      }
      return List.copyOf(list);
    });
  }

  private static Object read(Field field, Object owner) {
    try {
      return field.get(owner);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException("cannot read " + field, e);
    }
  }

  private static String jsonName(Field field) {
    JsonProperty property = field.getAnnotation(JsonProperty.class);
    return property != null && !property.value().isEmpty() ? property.value() : field.getName();
  }

  private static String join(String path, String name) {
    return path.isEmpty() ? name : path + "." + name;
  }
}
