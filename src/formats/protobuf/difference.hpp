#pragma once
// The kinds of change Confluent's Protobuf checker distinguishes (its Difference.Type
// names), which of them break compatibility, and how each is described.
#include <string>
#include <string_view>

namespace accord::formats::protobuf {

enum class Change {
  PackageChanged,
  MessageAdded,
  MessageRemoved,
  MessageMoved,
  EnumAdded,
  EnumRemoved,
  EnumConstAdded,
  EnumConstChanged,
  EnumConstRemoved,
  FieldAdded,
  FieldRemoved,
  FieldNameChanged,
  FieldKindChanged,
  FieldScalarKindChanged,
  FieldNamedTypeChanged,
  FieldNumericLabelChanged,
  FieldStringOrBytesLabelChanged,
  RequiredFieldAdded,
  RequiredFieldRemoved,
  OneofAdded,
  OneofRemoved,
  OneofFieldAdded,
  OneofFieldRemoved,
  OneofFieldMovedToTopLevel,
  MultipleFieldsMovedToOneof,
  FieldMovedToExistingOneof,
};

// One change found between the writer's schema (Confluent's "original") and the reader's
// ("update"). `path` is Confluent's "#/Message/Nested/<field number>" form.
struct Difference {
  Change change;
  std::string path;
  std::string detail;  // names the message, field and number involved, when there is one
};

std::string_view change_name(Change change);
bool breaks_compatibility(Change change);
// Confluent's description of the change, reader and writer named, followed by `detail`.
std::string describe(const Difference& difference);

}  // namespace accord::formats::protobuf
