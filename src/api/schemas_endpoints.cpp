// /schemas: reads by global id and listings across subjects.
#include "accord/api/api.hpp"
#include "accord/formats/guid.hpp"
#include "accord/model/errors.hpp"
#include "accord/api/error_response.hpp"
#include "accord/registry/registry.hpp"
#include "pagination.hpp"
#include "params.hpp"
#include "schema_json.hpp"

namespace accord::api {
namespace {

// Where `/schemas/ids/{id}?subject=` finds an id (Confluent's getSchemaKeyUsingContexts):
// the context holding it and, when the subject carries it, that subject's version.
struct IdLocation {
  std::string context;
  std::optional<store::VersionInfo> version;
};

// The newest version of `subject` carrying the id, live ones first.
std::optional<store::VersionInfo> carrying(const store::StateStore& store, SchemaId id, const std::string& subject) {
  std::optional<store::VersionInfo> out;
  for (const auto& v : store.versions_with_id(id, context_of(subject)))
    if (v.subject == subject && (!out || !v.deleted || out->deleted)) out = v;
  return out;
}

// No subject: the default context. A subject that carries the id: its version. A context
// alone (`:.ctx:`): that context. A qualified subject that does not carry it: nothing. An
// unqualified one: the same name in each named context, then the default context.
std::optional<IdLocation> locate_id(const store::StateStore& store, SchemaId id, const Request& request) {
  auto in_context = [&](std::string context) -> std::optional<IdLocation> {
    if (!store.schema_by_id(id, context)) return std::nullopt;
    return IdLocation{std::move(context), std::nullopt};
  };
  const auto param = request.param("subject");
  // No subject: the default context, whether the id is there is stored_schema's question.
  if (!param || param->empty()) return IdLocation{std::string(kDefaultContext), std::nullopt};
  const auto subject = normalize_subject(*param);
  const auto qs = QualifiedSubject::parse(subject);
  if (qs.context == "*") return std::nullopt;
  if (auto v = carrying(store, id, subject)) return IdLocation{qs.context, v};
  if (qs.name.empty()) return in_context(qs.context);
  if (!qs.in_default_context()) return std::nullopt;
  for (const auto& context : store.contexts())
    if (auto v = carrying(store, id, context_prefix(context) + qs.name)) return IdLocation{context, v};
  return in_context(std::string(kDefaultContext));
}

struct FoundSchema {
  SchemaId id{0};
  IdLocation where;
  Schema schema;
  std::string guid;
};

// The id from the path; an unknown or malformed id is 40403 "Schema <id> not found".
Result<FoundSchema> stored_schema(const store::StateStore& store, const Request& request) {
  auto id = parse_id(request.segments[2]);
  if (!id) return errors::schema_not_found(SchemaId{0});
  auto where = locate_id(store, *id, request);
  if (!where) return errors::schema_not_found(*id);
  auto stored = store.stored_schema(*id, where->context);
  if (!stored) return errors::schema_not_found(*id);
  return FoundSchema{*id, std::move(*where), std::move(stored->schema), std::move(stored->guid)};
}

// The (context, id) pairs carrying the GUID from the path: the default context first, then
// the named contexts in order, ids ascending; empty for an unknown or malformed GUID.
std::vector<std::pair<std::string, SchemaId>> ids_with_guid(const store::StateStore& store, const Request& request) {
  std::vector<std::pair<std::string, SchemaId>> out;
  auto guid = formats::parse_guid(request.segments[2]);
  if (!guid) return out;
  auto contexts = store.contexts();
  contexts.insert(contexts.begin(), std::string(kDefaultContext));
  for (const auto& context : contexts)
    for (SchemaId id : store.ids_with_guid(*guid, context)) out.emplace_back(context, id);
  return out;
}

}  // namespace

std::optional<std::vector<std::string>> Api::subjects_using_schema(const Request& request) const {
  // The id is found where its endpoint will find it: ?subject= may name another context.
  auto found = stored_schema(store_, request);
  if (!found) return std::nullopt;
  std::vector<std::string> subjects;
  for (const auto& v : store_.versions_with_id(found->id, found->where.context)) subjects.push_back(v.subject);
  return subjects;
}

Response Api::get_schemas_ids_id(const Request& request) {
  auto found = stored_schema(store_, request);
  if (!found) return error_response(found.error());
  const auto& context = found->where.context;
  // SchemaString's field order: schema first, then schemaType, references, metadata, ruleSet.
  // put_schema_fields writes "schema" last; assigning it first fixes its position.
  Json ordered;
  ordered["schema"] = nullptr;
  put_schema_fields(ordered,
                    formatted_schema(registry_->parsed(), request, found->id, std::move(found->schema), context),
                    found->guid);
  if (request.flag("fetchMaxId")) ordered["maxId"] = store_.max_id(context);
  // [8.0+] ?subject= also names the version of that subject carrying the id.
  if (const auto& version = found->where.version) {
    ordered["subject"] = version->subject;
    ordered["version"] = version->version;
  }
  return json_response(ordered);
}

Response Api::get_schemas_ids_id_schema(const Request& request) {
  auto found = stored_schema(store_, request);
  if (!found) return error_response(found.error());
  Response response;
  response.body =
      formatted_schema(registry_->parsed(), request, found->id, std::move(found->schema), found->where.context).text;
  response.raw_text = true;
  return response;
}

Response Api::get_schemas_ids_id_subjects(const Request& request) {
  auto found = stored_schema(store_, request);
  if (!found) return error_response(found.error());
  const bool deleted = request.flag("deleted");
  std::vector<std::string> subjects;
  for (const auto& v : store_.versions_with_id(found->id, found->where.context))
    if ((deleted || !v.deleted) && (subjects.empty() || subjects.back() != v.subject)) subjects.push_back(v.subject);
  auto page = paginate(request, std::move(subjects));
  return json_response(Json(page));
}

Response Api::get_schemas_ids_id_versions(const Request& request) {
  auto found = stored_schema(store_, request);
  if (!found) return error_response(found.error());
  const bool deleted = request.flag("deleted");
  std::vector<Json> out;
  for (const auto& v : store_.versions_with_id(found->id, found->where.context))
    if (deleted || !v.deleted) out.push_back(Json{{"subject", v.subject}, {"version", v.version}});
  return json_response(Json(paginate(request, std::move(out))));
}

// [8.0+] A schema by its GUID: the SchemaString of /schemas/ids/{id} without maxId, from the
// default context first, then the named ones.
Response Api::get_schemas_guids_guid(const Request& request) {
  const auto ids = ids_with_guid(store_, request);
  std::optional<Schema> schema;
  if (!ids.empty()) schema = store_.schema_by_id(ids.front().second, ids.front().first);
  if (!schema) return error_response(errors::schema_guid_not_found(request.segments[2]));
  const auto& [context, id] = ids.front();
  Json ordered;
  ordered["schema"] = nullptr;
  put_schema_fields(ordered, formatted_schema(registry_->parsed(), request, id, std::move(*schema), context),
                    guid_of(store_, id, context));
  return json_response(ordered);
}

// [8.0+] Every id carrying the GUID, with its context (".", ".team-a").
Response Api::get_schemas_guids_guid_ids(const Request& request) {
  Json out = Json::array();
  for (const auto& [context, id] : ids_with_guid(store_, request)) out.push_back(Json{{"context", context}, {"id", id}});
  return json_response(out);
}

// subjectPrefix defaults to "": the default context's subjects (`:*:` for every context).
Response Api::get_schemas(const Request& request) {
  const auto prefix = request.param("subjectPrefix").value_or("");
  const bool deleted = request.flag("deleted");
  const bool latest_only = request.flag("latestOnly");
  // Confluent's schema.search.default.limit and schema.search.max.limit: a page holds 1000
  // schemas unless a smaller positive limit is asked for.
  constexpr int64_t kMostPerPage = 1000;
  const int64_t offset = std::max<int64_t>(0, int_param(request, "offset"));
  int64_t limit = int_param(request, "limit");
  if (limit <= 0 || limit > kMostPerPage) limit = kMostPerPage;
  // Versions before the page are counted, not read: a page costs its own schemas only. Each
  // one is rendered as it is read, so that the page is held once, as text (a page of large
  // schemas is hundreds of MB).
  int64_t skipped = 0;
  int64_t listed = 0;
  Response page;
  page.body.push_back('[');
  for (const auto& subject : store_.subjects()) {
    if (!matches_subject_prefix(subject, prefix)) continue;
    const auto context = context_of(subject);
    auto versions = store_.versions(subject);
    std::erase_if(versions, [&](const store::VersionInfo& v) { return v.deleted && !deleted; });
    if (latest_only && !versions.empty()) versions.erase(versions.begin(), versions.end() - 1);
    for (const auto& v : versions) {
      if (skipped < offset) {
        ++skipped;
        continue;
      }
      if (listed == limit) break;
      auto schema = store_.schema_by_id(v.id, context);
      if (!schema) continue;
      if (listed++ > 0) page.body += ',';
      append_json(page.body, subject_version_json(v, *schema, guid_of(store_, v.id, context)));
    }
    if (listed == limit) break;
  }
  page.body += ']';
  return page;
}

}  // namespace accord::api
