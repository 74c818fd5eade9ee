#include "schema_body.hpp"

#include "accord/model/errors.hpp"
#include "json_io.hpp"

namespace accord::api {
namespace {

// Jackson coerces scalars to String; objects and arrays are a mapping error (400).
Result<std::optional<std::string>> string_field(const Json& body, const char* name) {
  auto it = body.find(name);
  if (it == body.end() || it->is_null()) return std::optional<std::string>{};
  if (it->is_string()) return std::optional<std::string>(it->get<std::string>());
  if (it->is_number() || it->is_boolean()) return std::optional<std::string>(it->dump());
  return errors::bad_request(std::string("Cannot deserialize value of type `java.lang.String` from ") +
                             (it->is_array() ? "Array" : "Object") + " value (field \"" + name + "\")");
}

Result<std::optional<int64_t>> int_field(const Json& body, const char* name) {
  auto it = body.find(name);
  if (it == body.end() || it->is_null()) return std::optional<int64_t>{};
  if (it->is_number_integer()) return std::optional<int64_t>(it->get<int64_t>());
  if (it->is_string()) {
    const auto text = it->get<std::string>();
    try {
      std::size_t used = 0;
      const auto value = std::stoll(text, &used);
      if (used == text.size()) return std::optional<int64_t>(value);
    } catch (...) {
    }
  }
  return errors::bad_request(std::string("Cannot deserialize value of type `java.lang.Integer` (field \"") + name +
                             "\")");
}

Result<std::optional<std::string>> object_field(const Json& body, const char* name) {
  auto it = body.find(name);
  if (it == body.end() || it->is_null()) return std::optional<std::string>{};
  if (!it->is_object()) return errors::bad_request(std::string("Field \"") + name + "\" must be a JSON object");
  if (it->empty()) return std::optional<std::string>{};
  return std::optional<std::string>(it->dump());
}

}  // namespace

Result<registry::SchemaRequest> parse_schema_request(const Request& request) {
  auto body = parse_object_body(request);
  if (!body) return body.error();
  registry::SchemaRequest out;
  auto schema = string_field(*body, "schema");
  if (!schema) return schema.error();
  out.schema = *schema;
  auto type = string_field(*body, "schemaType");
  if (!type) return type.error();
  if (*type) {
    auto parsed = parse_schema_type(**type);
    if (!parsed) return errors::invalid_schema_type(**type);
    out.type = *parsed;
  }
  if (auto it = body->find("references"); it != body->end() && !it->is_null()) {
    if (!it->is_array()) return errors::bad_request("Field \"references\" must be an array");
    for (const auto& item : *it) {
      if (!item.is_object()) return errors::bad_request("Each reference must be a JSON object");
      auto name = string_field(item, "name");
      auto subject = string_field(item, "subject");
      auto version = int_field(item, "version");
      if (!name) return name.error();
      if (!subject) return subject.error();
      if (!version) return version.error();
      if (!*name || !*subject || !*version)
        return errors::invalid_schema(to_string(out.type), "a reference needs name, subject and version");
      out.references.push_back({**name, **subject, static_cast<VersionNumber>(**version)});
    }
  }
  for (auto [name, field] : {std::pair{"metadata", &out.metadata}, std::pair{"ruleSet", &out.rule_set}}) {
    auto value = object_field(*body, name);
    if (!value) return value.error();
    *field = std::move(*value);
  }
  for (auto [name, field] : {std::pair{"version", &out.version}, std::pair{"id", &out.id}}) {
    auto value = int_field(*body, name);
    if (!value) return value.error();
    *field = *value;
  }
  return out;
}

}  // namespace accord::api
