// /subjects reads: listings, versions, lookup.
#include "accord/api/api.hpp"
#include "accord/api/error_response.hpp"
#include "accord/model/errors.hpp"
#include "accord/registry/registry.hpp"
#include "accord/registry/subject_versions.hpp"
#include "pagination.hpp"
#include "params.hpp"
#include "schema_body.hpp"
#include "schema_json.hpp"

namespace accord::api {
namespace {

// A subject's version as GET .../versions/{v} finds it: 42202 for a bad version string,
// 40401 when the subject has no (visible) versions, 40402 when that version is not there.
Result<store::VersionInfo> find_version(const store::StateStore& store, const std::string& subject,
                                        std::string_view version_text, bool include_deleted) {
  auto version = parse_version(version_text);
  if (!version) return version.error();
  // The read path: look up what is asked for without copying the subject's history.
  auto latest = store.latest(subject, include_deleted);
  if (!latest) return errors::subject_not_found(subject);
  if (!*version) return *latest;
  auto found = store.version(subject, **version);
  if (!found || (found->deleted && !include_deleted)) return errors::version_not_found(std::to_string(**version));
  return *found;
}

}  // namespace

Response Api::get_subjects(const Request& request) {
  // Confluent's default is `:*:`: the subjects of every context, qualified.
  const auto prefix = request.param("subjectPrefix").value_or(std::string(kContextWildcard));
  const bool deleted_only = request.flag("deletedOnly");
  const bool deleted = request.flag("deleted");
  std::vector<std::string> out;
  for (const auto& subject : store_.subjects()) {
    if (!matches_subject_prefix(subject, prefix)) continue;
    const bool all_deleted = registry::live_versions(store_, subject).empty();
    if (deleted_only ? all_deleted : (deleted || !all_deleted)) out.push_back(subject);
  }
  return json_response(Json(paginate(request, std::move(out))));
}

Response Api::get_subject_versions(const Request& request) {
  const auto& subject = request.segments[1];
  const bool deleted_only = request.flag("deletedOnly");
  const bool deleted = request.flag("deleted");
  std::vector<VersionNumber> out;
  for (const auto& v : store_.versions(subject))
    if (deleted_only ? v.deleted : (deleted || !v.deleted))
      out.push_back(v.deleted && request.flag("deletedAsNegative") ? VersionNumber{-v.version} : v.version);
  if (out.empty() && !deleted_only) return error_response(errors::subject_not_found(subject));
  return json_response(Json(paginate(request, std::move(out))));
}

Response Api::get_subject_version(const Request& request) {
  const auto& subject = request.segments[1];
  auto version = find_version(store_, subject, request.segments[3], request.flag("deleted"));
  if (!version) return error_response(version.error());
  auto schema = store_.schema_by_id(version->id, context_of(version->subject));
  if (!schema) return error_response(errors::schema_not_found(version->id));
  return json_response(stored_version_json(registry_->parsed(), request, *version, std::move(*schema)));
}

Response Api::get_subject_version_schema(const Request& request) {
  const auto& subject = request.segments[1];
  auto version = find_version(store_, subject, request.segments[3], request.flag("deleted"));
  if (!version) return error_response(version.error());
  auto schema = store_.schema_by_id(version->id, context_of(version->subject));
  if (!schema) return error_response(errors::schema_not_found(version->id));
  Response response;
  const auto context = context_of(version->subject);
  response.body = formatted_schema(registry_->parsed(), request, version->id, *schema, context).text;
  response.raw_text = true;
  return response;
}

Response Api::get_subject_version_referencedby(const Request& request) {
  const auto& subject = request.segments[1];
  auto version = find_version(store_, subject, request.segments[3], true);
  if (!version) return error_response(version.error());
  std::vector<SchemaId> ids;
  for (const auto& [context, id] : store_.referenced_by(subject, version->version)) {
    if (request.flag("deleted")) {
      ids.push_back(id);
      continue;
    }
    auto users = store_.versions_with_id(id, context);
    if (std::any_of(users.begin(), users.end(), [](const auto& v) { return !v.deleted; })) ids.push_back(id);
  }
  return json_response(Json(paginate(request, std::move(ids))));
}

Response Api::get_subject_metadata(const Request& request) {
  const auto& subject = request.segments[1];
  const bool deleted = request.flag("deleted");
  auto versions = store_.versions(subject);
  if (!deleted) std::erase_if(versions, [](const store::VersionInfo& v) { return v.deleted; });
  if (versions.empty()) return error_response(errors::subject_not_found(subject));
  std::vector<std::pair<std::string, std::string>> wanted;
  auto keys = request.query.equal_range("key");
  auto values = request.query.equal_range("value");
  for (auto k = keys.first, v = values.first; k != keys.second && v != values.second; ++k, ++v)
    wanted.emplace_back(k->second, v->second);
  for (auto it = versions.rbegin(); it != versions.rend(); ++it) {
    auto schema = store_.schema_by_id(it->id, context_of(it->subject));
    if (!schema) continue;
    Json properties = Json::object();
    if (schema->metadata) properties = Json::parse(*schema->metadata).value("properties", Json::object());
    bool all = true;
    for (const auto& [k, v] : wanted)
      if (!properties.contains(k) || properties[k] != v) all = false;
    if (all) return json_response(stored_version_json(registry_->parsed(), request, *it, std::move(*schema)));
  }
  return error_response(errors::schema_not_found());
}

// Lookup: is this schema registered under the subject? (registry::Registry::lookup)
Response Api::post_subject(const Request& request) {
  auto body = parse_schema_request(request);
  if (!body) return error_response(body.error());
  auto found = registry_->lookup(
      {request.segments[1], std::move(*body), request.flag("normalize"), request.flag("deleted")});
  if (!found) return error_response(found.error());
  return json_response(stored_version_json(registry_->parsed(), request, found->version, std::move(found->schema)));
}

}  // namespace accord::api
