package io.grpcconformance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Label;
import com.google.protobuf.DescriptorProtos.FieldDescriptorProto.Type;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.OneofDescriptorProto;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Struct;
import org.junit.jupiter.api.Test;

/** How {@code reflect describe} prints message descriptors in .proto syntax. */
class ProtoSourceTest {

  @Test
  void mapFieldsShowKeyAndValueTypes() {
    assertThat(ProtoSource.message(Struct.getDescriptor()))
        .isEqualTo(
            """
            message Struct {
              map<string, .google.protobuf.Value> fields = 1;
            }
            """);
  }

  @Test
  void proto3OptionalIsAKeywordAndRealOneofsAreBlocks() throws DescriptorValidationException {
    FileDescriptorProto file =
        FileDescriptorProto.newBuilder()
            .setName("demo.proto")
            .setPackage("demo")
            .setSyntax("proto3")
            .addMessageType(
                DescriptorProto.newBuilder()
                    .setName("Req")
                    .addField(
                        field("nickname", 1, Type.TYPE_STRING)
                            .setProto3Optional(true)
                            .setOneofIndex(1))
                    .addField(field("id", 2, Type.TYPE_INT64).setOneofIndex(0))
                    .addField(field("name", 3, Type.TYPE_STRING).setOneofIndex(0))
                    .addField(field("tags", 4, Type.TYPE_STRING).setLabel(Label.LABEL_REPEATED))
                    .addOneofDecl(OneofDescriptorProto.newBuilder().setName("key"))
                    .addOneofDecl(OneofDescriptorProto.newBuilder().setName("_nickname")))
            .build();
    FileDescriptor built = FileDescriptor.buildFrom(file, new FileDescriptor[0]);
    assertThat(ProtoSource.message(built.findMessageTypeByName("Req")))
        .isEqualTo(
            """
            message Req {
              optional string nickname = 1;
              oneof key {
                int64 id = 2;
                string name = 3;
              }
              repeated string tags = 4;
            }
            """);
  }

  @Test
  void proto2SpellsOutOptionalAndRequired() throws DescriptorValidationException {
    FileDescriptorProto file =
        FileDescriptorProto.newBuilder()
            .setName("legacy.proto")
            .setPackage("legacy")
            .addMessageType(
                DescriptorProto.newBuilder()
                    .setName("Old")
                    .addField(field("a", 1, Type.TYPE_INT32).setLabel(Label.LABEL_REQUIRED))
                    .addField(field("b", 2, Type.TYPE_BOOL)))
            .build();
    FileDescriptor built = FileDescriptor.buildFrom(file, new FileDescriptor[0]);
    assertThat(ProtoSource.message(built.findMessageTypeByName("Old")))
        .isEqualTo(
            """
            message Old {
              required int32 a = 1;
              optional bool b = 2;
            }
            """);
  }

  private static FieldDescriptorProto.Builder field(String name, int number, Type type) {
    return FieldDescriptorProto.newBuilder()
        .setName(name)
        .setNumber(number)
        .setType(type)
        .setLabel(Label.LABEL_OPTIONAL);
  }
}
