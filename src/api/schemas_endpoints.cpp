// /schemas: reads by global id and listings across subjects.
#include "accord/api/api.hpp"
#include "accord/formats/guid.hpp"
#include "accord/model/errors.hpp"
#include "internal.hpp"

namespace accord::api {
namespace {

// The id from the path; an unknown or malformed id is 40403 "Schema <id> not found".
Result<std::pair<SchemaId, Schema>> stored_schema(const store::StateStore& store, const Request& request) {
  auto id = parse_id(request.segments[2]);
  if (!id) return errors::schema_not_found(0);
  auto schema = store.schema_by_id(*id);
  if (!schema) return errors::schema_not_found(*id);
  return std::pair{*id, std::move(*schema)};
}

// The ids carrying the GUID from the path, ascending; empty for an unknown or malformed GUID.
std::vector<SchemaId> ids_with_guid(const store::StateStore& store, const Request& request) {
  auto guid = formats::parse_guid(request.segments[2]);
  return guid ? store.ids_with_guid(*guid) : std::vector<SchemaId>{};
}

}  // namespace

Response Api::get_schemas_ids_id(const Request& request) {
  auto found = stored_schema(store_, request);
  if (!found) return error_response(found.error());
  // SchemaString's field order: schema first, then schemaType, references, metadata, ruleSet.
  // put_schema_fields writes "schema" last; assigning it first fixes its position.
  Json ordered;
  ordered["schema"] = nullptr;
  put_schema_fields(ordered, formatted_schema(*parsed_, request, found->first, std::move(found->second)),
                    guid_of(store_, found->first));
  if (request.flag("fetchMaxId")) ordered["maxId"] = store_.max_id();
  // [8.0+] ?subject= also names the version of that subject carrying the id.
  if (auto subject = request.param("subject"); subject && !subject->empty()) {
    std::optional<store::VersionInfo> carrying;
    for (const auto& v : store_.versions_with_id(found->first))
      if (v.subject == *subject && (!carrying || !v.deleted || carrying->deleted)) carrying = v;  // newest, live first
    if (carrying) {
      ordered["subject"] = carrying->subject;
      ordered["version"] = carrying->version;
    }
  }
  return json_response(ordered);
}

Response Api::get_schemas_ids_id_schema(const Request& request) {
  auto found = stored_schema(store_, request);
  if (!found) return error_response(found.error());
  Response response;
  response.body = formatted_schema(*parsed_, request, found->first, std::move(found->second)).text;
  response.raw_text = true;
  return response;
}

Response Api::get_schemas_ids_id_subjects(const Request& request) {
  auto found = stored_schema(store_, request);
  if (!found) return error_response(found.error());
  const bool deleted = request.flag("deleted");
  std::vector<std::string> subjects;
  for (const auto& v : store_.versions_with_id(found->first))
    if ((deleted || !v.deleted) && (subjects.empty() || subjects.back() != v.subject)) subjects.push_back(v.subject);
  auto page = paginate(request, std::move(subjects));
  return json_response(Json(page));
}

Response Api::get_schemas_ids_id_versions(const Request& request) {
  auto found = stored_schema(store_, request);
  if (!found) return error_response(found.error());
  const bool deleted = request.flag("deleted");
  std::vector<Json> out;
  for (const auto& v : store_.versions_with_id(found->first))
    if (deleted || !v.deleted) out.push_back(Json{{"subject", v.subject}, {"version", v.version}});
  return json_response(Json(paginate(request, std::move(out))));
}

// [8.0+] A schema by its GUID: the SchemaString of /schemas/ids/{id} without maxId.
Response Api::get_schemas_guids_guid(const Request& request) {
  const auto ids = ids_with_guid(store_, request);
  std::optional<Schema> schema;
  if (!ids.empty()) schema = store_.schema_by_id(ids.front());
  if (!schema) return error_response(errors::schema_guid_not_found(request.segments[2]));
  Json ordered;
  ordered["schema"] = nullptr;
  put_schema_fields(ordered, formatted_schema(*parsed_, request, ids.front(), std::move(*schema)),
                    guid_of(store_, ids.front()));
  return json_response(ordered);
}

// [8.0+] Every id carrying the GUID, with its context (only the default context here).
Response Api::get_schemas_guids_guid_ids(const Request& request) {
  Json out = Json::array();
  for (SchemaId id : ids_with_guid(store_, request)) out.push_back(Json{{"context", "."}, {"id", id}});
  return json_response(out);
}

Response Api::get_schemas(const Request& request) {
  const auto prefix = request.param("subjectPrefix").value_or("");
  const bool deleted = request.flag("deleted");
  const bool latest_only = request.flag("latestOnly");
  std::vector<Json> out;
  for (const auto& subject : store_.subjects()) {
    if (!subject.starts_with(prefix)) continue;
    auto versions = store_.versions(subject);
    std::erase_if(versions, [&](const store::VersionInfo& v) { return v.deleted && !deleted; });
    if (latest_only && !versions.empty()) versions.erase(versions.begin(), versions.end() - 1);
    for (const auto& v : versions)
      if (auto schema = store_.schema_by_id(v.id)) out.push_back(subject_version_json(v, *schema, guid_of(store_, v.id)));
  }
  auto page = paginate(request, std::move(out));
  // Default and maximum page size of 1000, as Confluent's schema.search.max.limit.
  if (!request.param("limit") && page.size() > 1000) page.resize(1000);
  return json_response(Json(page));
}

}  // namespace accord::api
