package io.grpcconformance.cli;

import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.EnumValueDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.OneofDescriptor;
import java.util.HashSet;
import java.util.Set;

/**
 * Prints message and enum descriptors in .proto syntax, as {@code grpcurl describe} shows them:
 * field types of other messages and enums fully qualified with a leading dot, nested types inside.
 */
final class ProtoSource {

  private static final String INDENT = "  ";

  private ProtoSource() {}

  /** {@code message Name { ... }} with its fields, oneofs, nested messages and enums. */
  static String message(Descriptor d) {
    StringBuilder out = new StringBuilder();
    message(d, "", out);
    return out.toString();
  }

  private static void message(Descriptor d, String indent, StringBuilder out) {
    out.append(indent).append("message ").append(d.getName()).append(" {\n");
    String inner = indent + INDENT;
    Set<OneofDescriptor> oneofsDone = new HashSet<>();
    for (FieldDescriptor f : d.getFields()) {
      // A real oneof is printed once, at its first field; proto3 `optional` makes a synthetic
      // oneof that is shown as the keyword instead.
      OneofDescriptor o = f.getRealContainingOneof();
      if (o == null) {
        field(f, true, inner, out);
      } else if (oneofsDone.add(o)) {
        out.append(inner).append("oneof ").append(o.getName()).append(" {\n");
        for (FieldDescriptor member : o.getFields()) {
          field(member, false, inner + INDENT, out);
        }
        out.append(inner).append("}\n");
      }
    }
    for (Descriptor nested : d.getNestedTypes()) {
      if (!nested.getOptions().getMapEntry()) {
        message(nested, inner, out);
      }
    }
    for (EnumDescriptor e : d.getEnumTypes()) {
      enumType(e, inner, out);
    }
    out.append(indent).append("}\n");
  }

  /** {@code enum Name { VALUE = 0; ... }}. */
  static String enumType(EnumDescriptor e) {
    StringBuilder out = new StringBuilder();
    enumType(e, "", out);
    return out.toString();
  }

  private static void enumType(EnumDescriptor e, String indent, StringBuilder out) {
    out.append(indent).append("enum ").append(e.getName()).append(" {\n");
    for (EnumValueDescriptor v : e.getValues()) {
      out.append(indent)
          .append(INDENT)
          .append(v.getName())
          .append(" = ")
          .append(v.getNumber())
          .append(";\n");
    }
    out.append(indent).append("}\n");
  }

  private static void field(
      FieldDescriptor f, boolean withLabel, String indent, StringBuilder out) {
    out.append(indent);
    if (f.isMapField()) {
      Descriptor entry = f.getMessageType();
      out.append("map<")
          .append(type(entry.findFieldByNumber(1)))
          .append(", ")
          .append(type(entry.findFieldByNumber(2)))
          .append("> ");
    } else {
      if (withLabel) {
        out.append(label(f));
      }
      out.append(type(f)).append(' ');
    }
    out.append(f.getName()).append(" = ").append(f.getNumber()).append(";\n");
  }

  private static String label(FieldDescriptor f) {
    FieldDescriptorProto p = f.toProto();
    if (f.isRepeated()) {
      return "repeated ";
    }
    if (f.isRequired()) {
      return "required ";
    }
    // proto3 `optional`, or a proto2 optional field (proto2 spells the label out).
    boolean proto2 =
        f.getFile().toProto().getSyntax().isEmpty()
            || f.getFile().toProto().getSyntax().equals("proto2");
    return p.getProto3Optional() || proto2 ? "optional " : "";
  }

  private static String type(FieldDescriptor f) {
    return switch (f.getType()) {
      case MESSAGE, GROUP -> "." + f.getMessageType().getFullName();
      case ENUM -> "." + f.getEnumType().getFullName();
      default -> f.getType().name().toLowerCase(java.util.Locale.ROOT);
    };
  }
}
