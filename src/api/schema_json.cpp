#include "schema_json.hpp"

#include "accord/formats/guid.hpp"

namespace accord::api {

void put_schema_fields(Json& out, const Schema& schema, const std::string& guid) {
  if (!guid.empty()) out["guid"] = formats::guid_to_string(guid);
  out["schemaType"] = std::string(to_string(schema.type));
  if (!schema.references.empty()) {
    Json refs = Json::array();
    for (const auto& ref : schema.references)
      refs.push_back(Json{{"name", ref.name}, {"subject", ref.subject}, {"version", ref.version}});
    out["references"] = std::move(refs);
  }
  if (schema.metadata) out["metadata"] = Json::parse(*schema.metadata);
  if (schema.rule_set) out["ruleSet"] = Json::parse(*schema.rule_set);
  out["schema"] = schema.text;
}

std::string guid_of(const store::StateStore& store, SchemaId id, std::string_view context) {
  return store.guid_of(id, context).value_or("");
}

Json subject_version_json(const store::VersionInfo& version, const Schema& schema, const std::string& guid) {
  Json out;
  out["subject"] = version.subject;
  out["version"] = version.version;
  out["id"] = version.id;
  put_schema_fields(out, schema, guid);
  if (version.deleted) out["deleted"] = true;
  return out;
}

Schema formatted_schema(registry::ParsedSchemaCache& cache, const Request& request, SchemaId id, Schema schema,
                        std::string_view context) {
  auto format = request.param("format");
  if (!format || format->empty()) return schema;
  auto parsed = cache.stored(id, context);
  if (!parsed) return schema;  // a stored text this registry cannot parse is served as it is
  if (auto text = (*parsed)->formatted(*format)) schema.text = std::move(*text);
  return schema;
}

Json stored_version_json(registry::ParsedSchemaCache& cache, const Request& request,
                         const store::VersionInfo& version, Schema schema) {
  const auto context = context_of(version.subject);
  return subject_version_json(version, formatted_schema(cache, request, version.id, std::move(schema), context),
                              guid_of(cache.store(), version.id, context));
}

}  // namespace accord::api
