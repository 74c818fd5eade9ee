// The outline of a Protobuf schema, from the descriptors of its parsed file: every message
// (nested ones under their parent's fields' paths), fields with their numbers, enums.
#include <google/protobuf/descriptor.h>
#include <google/protobuf/descriptor.pb.h>

#include "accord/formats/outline.hpp"
#include "accord/formats/protobuf.hpp"

namespace accord::formats {

namespace {

namespace pb = google::protobuf;

std::string field_type(const pb::FieldDescriptor& field) {
  if (field.is_map()) {
    const auto* entry = field.message_type();
    return "map<" + field_type(*entry->map_key()) + ", " + field_type(*entry->map_value()) + ">";
  }
  std::string base;
  if (field.message_type()) base = field.message_type()->full_name();
  else if (field.enum_type()) base = field.enum_type()->full_name();
  else base = field.type_name();
  if (field.is_repeated()) return "repeated " + base;
  if (field.real_containing_oneof()) return base + " (oneof " + field.real_containing_oneof()->name() + ")";
  if (field.has_presence() && !field.message_type() && !field.real_containing_oneof()) return "optional " + base;
  return base;
}

void add_enum(const pb::EnumDescriptor& e, Outline& out) {
  OutlineType type{e.full_name(), "enum", "", {}};
  for (int i = 0; i < e.value_count(); ++i)
    type.symbols.push_back(e.value(i)->name() + " = " + std::to_string(e.value(i)->number()));
  out.types.push_back(std::move(type));
}

void add_message(const pb::Descriptor& message, const std::string& path, int depth, Outline& out) {
  if (message.options().map_entry() || depth > 32) return;
  out.types.push_back({message.full_name(), "message", "", {}});
  for (int i = 0; i < message.enum_type_count(); ++i) add_enum(*message.enum_type(i), out);
  for (int i = 0; i < message.field_count(); ++i) {
    const auto& field = *message.field(i);
    OutlineField f;
    f.name = field.name();
    f.path = path.empty() ? field.name() : path + "." + field.name();
    f.type = field_type(field);
    f.number = field.number();
    f.required = field.is_required();
    f.depth = depth;
    if (field.has_default_value()) {
      switch (field.cpp_type()) {
        case pb::FieldDescriptor::CPPTYPE_STRING: f.default_json = "\"" + field.default_value_string() + "\""; break;
        case pb::FieldDescriptor::CPPTYPE_ENUM: f.default_json = field.default_value_enum()->name(); break;
        case pb::FieldDescriptor::CPPTYPE_BOOL: f.default_json = field.default_value_bool() ? "true" : "false"; break;
        case pb::FieldDescriptor::CPPTYPE_INT32: f.default_json = std::to_string(field.default_value_int32()); break;
        case pb::FieldDescriptor::CPPTYPE_INT64: f.default_json = std::to_string(field.default_value_int64()); break;
        case pb::FieldDescriptor::CPPTYPE_UINT32: f.default_json = std::to_string(field.default_value_uint32()); break;
        case pb::FieldDescriptor::CPPTYPE_UINT64: f.default_json = std::to_string(field.default_value_uint64()); break;
        case pb::FieldDescriptor::CPPTYPE_DOUBLE: f.default_json = std::to_string(field.default_value_double()); break;
        case pb::FieldDescriptor::CPPTYPE_FLOAT: f.default_json = std::to_string(field.default_value_float()); break;
        default: break;
      }
    }
    out.fields.push_back(f);
    // A message type declared inside this one is shown under the field that uses it.
    if (const auto* nested = field.message_type(); nested && nested->containing_type() == &message)
      add_message(*nested, f.path, depth + 1, out);
  }
  for (int i = 0; i < message.nested_type_count(); ++i) {
    const auto* nested = message.nested_type(i);
    bool used_by_field = false;
    for (int k = 0; k < message.field_count(); ++k) used_by_field = used_by_field || message.field(k)->message_type() == nested;
    if (!used_by_field) add_message(*nested, path.empty() ? nested->name() : path + "." + nested->name(), depth + 1, out);
  }
}

}  // namespace

Outline protobuf_outline(const ParsedSchema& schema) {
  Outline out;
  const auto* file = protobuf_file_descriptor(schema);
  if (file == nullptr) return out;
  // Several top-level messages: each one's fields under its own name.
  const bool prefix = file->message_type_count() > 1;
  for (int i = 0; i < file->message_type_count(); ++i) {
    const auto& message = *file->message_type(i);
    add_message(message, prefix ? message.name() : std::string(), prefix ? 1 : 0, out);
  }
  for (int i = 0; i < file->enum_type_count(); ++i) add_enum(*file->enum_type(i), out);
  return out;
}

}  // namespace accord::formats
