// One field present on both sides: name, kind (scalar / message / map), the wire-compatible
// scalar groups, labels, and the message types it names.
#include "diff_context.hpp"

namespace accord::formats::protobuf {
namespace {

namespace pb = google::protobuf;

enum class Kind { Scalar, Message, Map };

// Enums travel as varints, so they are scalars of the general number group.
Kind kind_of(const pb::FieldDescriptor& field) {
  if (field.is_map()) return Kind::Map;
  if (field.type() == pb::FieldDescriptor::TYPE_MESSAGE || field.type() == pb::FieldDescriptor::TYPE_GROUP) {
    return Kind::Message;
  }
  return Kind::Scalar;
}

// Scalars that read each other's encoding (protobuf's "updating a message type" rules).
enum class ScalarGroup { GeneralNumber, SignedNumber, StringOrBytes, Fixed32, Fixed64, Float, Double };

ScalarGroup scalar_group(const pb::FieldDescriptor& field) {
  switch (field.type()) {
    case pb::FieldDescriptor::TYPE_SINT32:
    case pb::FieldDescriptor::TYPE_SINT64: return ScalarGroup::SignedNumber;
    case pb::FieldDescriptor::TYPE_STRING:
    case pb::FieldDescriptor::TYPE_BYTES: return ScalarGroup::StringOrBytes;
    case pb::FieldDescriptor::TYPE_FIXED32:
    case pb::FieldDescriptor::TYPE_SFIXED32: return ScalarGroup::Fixed32;
    case pb::FieldDescriptor::TYPE_FIXED64:
    case pb::FieldDescriptor::TYPE_SFIXED64: return ScalarGroup::Fixed64;
    case pb::FieldDescriptor::TYPE_FLOAT: return ScalarGroup::Float;
    case pb::FieldDescriptor::TYPE_DOUBLE: return ScalarGroup::Double;
    default: return ScalarGroup::GeneralNumber;  // int32/64, uint32/64, bool, enum
  }
}

// The label as written in .proto text; Confluent compares written labels only, and a
// field without one (proto3 singular, oneof member, map) matches any label.
enum class Label { None, Optional, Required, Repeated };

Label written_label(const pb::FieldDescriptor& field) {
  if (field.real_containing_oneof() != nullptr || field.is_map()) return Label::None;
  if (field.is_repeated()) return Label::Repeated;
  if (field.is_required()) return Label::Required;
  if (field.file()->syntax() == pb::FileDescriptor::SYNTAX_PROTO3) {
    return field.has_optional_keyword() ? Label::Optional : Label::None;
  }
  return Label::Optional;
}

std::string type_text(const pb::FieldDescriptor& field) {
  if (field.is_map()) {
    return "map<" + type_text(*field.message_type()->map_key()) + ", " + type_text(*field.message_type()->map_value()) + ">";
  }
  if (field.message_type() != nullptr) return field.message_type()->full_name();
  if (field.enum_type() != nullptr) return field.enum_type()->full_name();
  return field.type_name();
}

std::string label_text(const pb::FieldDescriptor& field) {
  return field.is_repeated() ? "repeated" : field.is_required() ? "required" : "optional";
}

std::string local_name(const pb::Descriptor& message) {
  const std::string& package = message.file()->package();
  const std::string& full = message.full_name();
  return !package.empty() && full.rfind(package + ".", 0) == 0 ? full.substr(package.size() + 1) : full;
}

std::vector<std::string> split_dots(const std::string& name) {
  std::vector<std::string> parts;
  size_t start = 0;
  for (size_t dot = name.find('.'); dot != std::string::npos; dot = name.find('.', start)) {
    parts.push_back(name.substr(start, dot - start));
    start = dot + 1;
  }
  parts.push_back(name.substr(start));
  return parts;
}

}  // namespace

void DiffContext::compare_fields(const pb::FieldDescriptor& original, const pb::FieldDescriptor& update) {
  if (original.name() != update.name()) add(Change::FieldNameChanged);
  compare_types(original, update, true);
}

void DiffContext::compare_types(const pb::FieldDescriptor& original, const pb::FieldDescriptor& update,
                                bool with_labels) {
  const std::string detail = "field number " + std::to_string(original.number()) + " of message " +
                             update.containing_type()->full_name() + ": '" + original.name() + "' " +
                             type_text(original) + " in the writer, '" + update.name() + "' " + type_text(update) +
                             " in the reader";
  const Kind kind = kind_of(original);
  if (kind != kind_of(update)) {
    add(Change::FieldKindChanged, detail);
    return;
  }
  switch (kind) {
    case Kind::Scalar: {
      const ScalarGroup group = scalar_group(original);
      if (group != scalar_group(update)) {
        add(Change::FieldScalarKindChanged, detail);
        return;
      }
      const Label o = with_labels ? written_label(original) : Label::None;
      const Label u = with_labels ? written_label(update) : Label::None;
      if (o != Label::None && u != Label::None && o != u) {
        add(group == ScalarGroup::StringOrBytes ? Change::FieldStringOrBytesLabelChanged
                                                : Change::FieldNumericLabelChanged,
            "field number " + std::to_string(original.number()) + " of message " +
                update.containing_type()->full_name() + ": " + label_text(original) + " in the writer, " +
                label_text(update) + " in the reader");
      }
      return;
    }
    case Kind::Message:
      compare_message_types(*original.message_type(), *update.message_type(), original);
      return;
    case Kind::Map:
      compare_types(*original.message_type()->map_key(), *update.message_type()->map_key(), false);
      compare_types(*original.message_type()->map_value(), *update.message_type()->map_value(), false);
      return;
  }
}

void DiffContext::compare_message_types(const pb::Descriptor& original, const pb::Descriptor& update,
                                        const pb::FieldDescriptor& field) {
  const std::string o_local = local_name(original);
  const std::string detail = "field number " + std::to_string(field.number()) + ": " + original.full_name() +
                             " in the writer, " + update.full_name() + " in the reader";
  if (o_local != local_name(update)) {
    add(Change::FieldNamedTypeChanged, detail);
    return;
  }
  // Types of the schema itself are compared on their own; a type both sides take from the
  // same registered subject-version is the same type.
  const FileOrigin o_origin = original_.origin(original.file());
  const FileOrigin u_origin = update_.origin(update.file());
  if (o_origin && u_origin && *o_origin == *u_origin) return;

  std::vector<std::string> saved = std::move(path_);
  path_ = split_dots(o_local);
  const size_t before = differences_.size();
  compare_messages(original, update);
  path_ = std::move(saved);
  for (size_t i = before; i < differences_.size(); ++i) {
    if (breaks_compatibility(differences_[i].change)) {
      add(Change::FieldNamedTypeChanged, detail);
      break;
    }
  }
}

}  // namespace accord::formats::protobuf
