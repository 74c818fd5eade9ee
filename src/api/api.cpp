#include "accord/api/api.hpp"

#include <spdlog/spdlog.h>

#include <array>

#include "accord/model/errors.hpp"
#include "internal.hpp"

namespace accord::api {

// The route table: a path pattern ("*" matches one segment) and a handler per method.
struct Api::Route {
  std::vector<std::string_view> pattern;
  std::vector<std::pair<std::string_view, Response (Api::*)(const Request&)>> methods;

  bool matches(const std::vector<std::string>& segments) const {
    if (segments.size() != pattern.size()) return false;
    for (std::size_t i = 0; i < pattern.size(); ++i)
      if (pattern[i] != "*" && pattern[i] != segments[i]) return false;
    return true;
  }
};


Api::Api(store::StateStore& store, cluster::Writer& writer, ApiOptions options)
    : store_(store), writer_(writer), options_(std::move(options)), parsed_(std::make_unique<ParsedSchemaCache>(store)) {}

Api::~Api() = default;

namespace {

// Which path segment names a subject, if any: it is served under its stored spelling.
std::optional<std::size_t> subject_segment(const std::vector<std::string>& segments) {
  if (segments.size() >= 2 && (segments[0] == "subjects" || segments[0] == "config" || segments[0] == "mode")) return 1;
  if (segments.size() >= 3 && segments[0] == "compatibility" && segments[1] == "subjects") return 2;
  if (segments.size() >= 4 && segments[0] == "accord" && segments[2] == "subjects") return 3;
  return std::nullopt;
}

}  // namespace

Response Api::handle(const Request& request) {
  auto segments = request.segments;
  while (!segments.empty() && segments.back().empty()) segments.pop_back();  // trailing slash
  // A qualified subject in the default context is the plain one: `:.:orders` is `orders`.
  if (auto at = subject_segment(segments)) segments[*at] = normalize_subject(segments[*at]);
  static const std::vector<Route> table = {
      {{}, {{"GET", &Api::get_root}, {"POST", &Api::get_root}}},
      {{"v1", "metadata", "id"}, {{"GET", &Api::get_metadata_id}}},
      {{"v1", "metadata", "version"}, {{"GET", &Api::get_metadata_version}}},
      {{"health", "live"}, {{"GET", &Api::get_health_live}}},
      {{"health", "ready"}, {{"GET", &Api::get_health_ready}}},
      {{"accord", "v1", "cluster"}, {{"GET", &Api::get_cluster}}},
      {{"accord", "v1", "catalog"}, {{"GET", &Api::get_catalog}}},
      {{"accord", "v1", "map"}, {{"GET", &Api::get_map}}},
      {{"accord", "v1", "subjects", "*", "diff"}, {{"GET", &Api::get_subject_diff}}},
      {{"accord", "v1", "subjects", "*", "versions", "*", "outline"}, {{"GET", &Api::get_subject_version_outline}}},
      {{"contexts"}, {{"GET", &Api::get_contexts}}},
      {{"contexts", "*"}, {{"DELETE", &Api::delete_context}}},
      {{"schemas", "types"}, {{"GET", &Api::get_schemas_types}}},
      {{"schemas"}, {{"GET", &Api::get_schemas}}},
      {{"schemas", "ids", "*"}, {{"GET", &Api::get_schemas_ids_id}}},
      {{"schemas", "ids", "*", "schema"}, {{"GET", &Api::get_schemas_ids_id_schema}}},
      {{"schemas", "ids", "*", "subjects"}, {{"GET", &Api::get_schemas_ids_id_subjects}}},
      {{"schemas", "ids", "*", "versions"}, {{"GET", &Api::get_schemas_ids_id_versions}}},
      {{"schemas", "guids", "*"}, {{"GET", &Api::get_schemas_guids_guid}}},
      {{"schemas", "guids", "*", "ids"}, {{"GET", &Api::get_schemas_guids_guid_ids}}},
      {{"subjects"}, {{"GET", &Api::get_subjects}}},
      {{"subjects", "*"}, {{"POST", &Api::post_subject}, {"DELETE", &Api::delete_subject}}},
      {{"subjects", "*", "metadata"}, {{"GET", &Api::get_subject_metadata}}},
      {{"subjects", "*", "versions"}, {{"GET", &Api::get_subject_versions}, {"POST", &Api::post_subject_versions}}},
      {{"subjects", "*", "versions", "*"},
       {{"GET", &Api::get_subject_version}, {"DELETE", &Api::delete_subject_version}}},
      {{"subjects", "*", "versions", "*", "schema"}, {{"GET", &Api::get_subject_version_schema}}},
      {{"subjects", "*", "versions", "*", "referencedby"}, {{"GET", &Api::get_subject_version_referencedby}}},
      {{"compatibility", "subjects", "*", "versions"}, {{"POST", &Api::post_compatibility}}},
      {{"compatibility", "subjects", "*", "versions", "*"}, {{"POST", &Api::post_compatibility}}},
      {{"config"}, {{"GET", &Api::get_config}, {"PUT", &Api::put_config}, {"DELETE", &Api::delete_config}}},
      {{"config", "*"}, {{"GET", &Api::get_config}, {"PUT", &Api::put_config}, {"DELETE", &Api::delete_config}}},
      {{"mode"}, {{"GET", &Api::get_mode}, {"PUT", &Api::put_mode}, {"DELETE", &Api::delete_mode}}},
      {{"mode", "*"}, {{"GET", &Api::get_mode}, {"PUT", &Api::put_mode}, {"DELETE", &Api::delete_mode}}},
  };
  // The web UI's paths are as deep as its views: every one under /ui is the UI's.
  if (options_.ui_enabled && !request.segments.empty() && request.segments[0] == "ui") return get_ui(request);
  for (const auto& route : table) {
    if (!route.matches(segments)) continue;
    for (const auto& [method, handler] : route.methods) {
      if (method != request.method) continue;
      if (segments == request.segments) return (this->*handler)(request);
      Request trimmed = request;
      trimmed.segments = segments;
      return (this->*handler)(trimmed);
    }
    return error_response(errors::method_not_allowed());
  }
  return error_response(errors::not_found_path());
}

}  // namespace accord::api
