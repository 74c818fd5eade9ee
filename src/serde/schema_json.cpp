#include "schema_json.hpp"

#include <string>

namespace accord::serde {

nlohmann::json schema_to_request(const Schema& schema) {
  nlohmann::json body = {{"schema", schema.text}};
  // Omitted for AVRO like Confluent's own clients do, so old registries accept it too.
  if (schema.type != SchemaType::Avro) body["schemaType"] = std::string(to_string(schema.type));
  if (!schema.references.empty()) {
    auto& refs = body["references"] = nlohmann::json::array();
    for (const auto& ref : schema.references)
      refs.push_back({{"name", ref.name}, {"subject", ref.subject}, {"version", ref.version}});
  }
  if (schema.metadata) body["metadata"] = nlohmann::json::parse(*schema.metadata, nullptr, false);
  if (schema.rule_set) body["ruleSet"] = nlohmann::json::parse(*schema.rule_set, nullptr, false);
  return body;
}

SerdeResult<Schema> schema_from_response(const nlohmann::json& body) {
  if (!body.is_object() || !body.contains("schema") || !body["schema"].is_string())
    return serde_error(ErrorKind::Registry, "registry answer has no schema text: " + body.dump());
  Schema schema;
  schema.text = body["schema"].get<std::string>();
  const auto type_text = body.value("schemaType", std::string("AVRO"));
  const auto type = parse_schema_type(type_text);
  if (!type) return serde_error(ErrorKind::Registry, "registry answered with unknown schemaType " + type_text);
  schema.type = *type;
  if (body.contains("references") && body["references"].is_array()) {
    for (const auto& ref : body["references"])
      schema.references.push_back(
          {ref.value("name", ""), ref.value("subject", ""), ref.value("version", VersionNumber{0})});
  }
  if (body.contains("metadata") && !body["metadata"].is_null()) schema.metadata = body["metadata"].dump();
  if (body.contains("ruleSet") && !body["ruleSet"].is_null()) schema.rule_set = body["ruleSet"].dump();
  return schema;
}

}  // namespace accord::serde
