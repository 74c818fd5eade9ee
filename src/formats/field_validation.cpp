#include "accord/formats/field_validation.hpp"

#include <google/protobuf/descriptor.h>

#include <nlohmann/json.hpp>

#include "accord/formats/protobuf.hpp"

namespace accord::formats {
namespace {

using Json = nlohmann::json;

std::string trimmed(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

}  // namespace

std::set<std::string> reserved_fields(const std::optional<std::string>& metadata) {
  std::set<std::string> out;
  if (!metadata) return out;
  const Json object = Json::parse(*metadata, nullptr, false);
  if (!object.is_object()) return out;
  auto properties = object.find("properties");
  if (properties == object.end() || !properties->is_object()) return out;
  auto list = properties->find("confluent:reserved");
  if (list == properties->end() || !list->is_string()) return out;
  const std::string text = list->get<std::string>();
  for (std::size_t start = 0; start <= text.size();) {
    const auto comma = text.find(',', start);
    if (auto field = trimmed(text.substr(start, comma - start)); !field.empty()) out.insert(std::move(field));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

bool has_top_level_field(const ParsedSchema& schema, const std::string& name) {
  if (schema.type() == SchemaType::Protobuf) {
    const auto* file = protobuf_file_descriptor(schema);
    if (file == nullptr) return false;
    for (int i = 0; i < file->message_type_count(); ++i)
      if (file->message_type(i)->FindFieldByName(name) != nullptr) return true;
    return false;
  }
  const Json root = Json::parse(schema.canonical(), nullptr, false);
  if (!root.is_object()) return false;
  if (schema.type() == SchemaType::Json) {
    auto properties = root.find("properties");
    return properties != root.end() && properties->is_object() && properties->contains(name);
  }
  auto fields = root.find("fields");
  if (root.value("type", Json()) != "record" || fields == root.end() || !fields->is_array()) return false;
  for (const auto& field : *fields)
    if (field.is_object() && field.value("name", Json()) == name) return true;
  return false;
}

std::vector<std::string> reserved_field_errors(const ParsedSchema& candidate,
                                               const std::optional<std::string>& candidate_metadata,
                                               const std::optional<std::optional<std::string>>& previous_metadata) {
  std::vector<std::string> out;
  const auto reserved = reserved_fields(candidate_metadata);
  if (previous_metadata) {
    for (const auto& field : reserved_fields(*previous_metadata))
      if (!reserved.contains(field))
        out.push_back("The new schema has reserved field " + field +
                      " removed from its metadata which is present in the old schema's metadata.");
  }
  for (const auto& field : reserved)
    if (has_top_level_field(candidate, field))
      out.push_back("The new schema has field that conflicts with the reserved field " + field + ".");
  return out;
}

std::optional<std::string> strict_field_violation(const ParsedSchema& schema) {
  if (schema.type() != SchemaType::Json) return std::nullopt;
  const Json root = Json::parse(schema.canonical(), nullptr, false);
  if (!root.is_object()) return std::nullopt;
  auto properties = root.find("properties");
  if (properties == root.end() || !properties->is_object()) return std::nullopt;
  for (const auto& [name, _] : properties->items())
    if (name.starts_with("$$")) return std::string("Field names cannot start with $$ prefix");
  return std::nullopt;
}

}  // namespace accord::formats
