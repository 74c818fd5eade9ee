#include "accord/api/api.hpp"

#include "accord/api/context_url.hpp"
#include "accord/api/error_response.hpp"
#include "accord/api/subject_alias.hpp"
#include "accord/model/errors.hpp"
#include "accord/registry/registry.hpp"
#include "response_cache.hpp"

namespace accord::api {

Api::Api(store::StateStore& store, cluster::Writer& writer, ApiOptions options)
    : store_(store),
      options_(std::move(options)),
      registry_(std::make_unique<registry::Registry>(
          store, writer,
          registry::RegistryOptions{options_.default_compatibility, options_.mode_mutability,
                                    options_.max_references, options_.parsed_cache_bytes})),
      responses_(std::make_unique<ResponseCache>(options_.response_cache_bytes)) {}

Api::~Api() = default;

namespace {

using P = Permission;
constexpr auto kReads = Change::Reads;
constexpr auto kWrites = Change::Writes;
constexpr auto kAlways = Readiness::AnswersBeforeReady;
constexpr auto kStore = Readiness::NeedsStore;
constexpr auto kCached = Caching::WhileStoreUnchanged;

}  // namespace

// Every route, once. Adding a route is adding its line here (and its endpoint).
const RouteTable& routes() {
  static const RouteTable table({
      // method, pattern (= metrics label), endpoint, permission, change, readiness, answer, schema_body, caching
      {"GET", "/", &Api::get_root, P::Authenticated, kReads, kAlways},
      {"POST", "/", &Api::get_root, P::Authenticated, kReads, kAlways},
      {"GET", "/v1/metadata/id", &Api::get_metadata_id, P::Authenticated, kReads, kAlways},
      {"GET", "/v1/metadata/version", &Api::get_metadata_version, P::Authenticated, kReads, kAlways},
      {"GET", "/health/live", &Api::get_health_live, P::Open, kReads, kAlways},
      {"GET", "/health/ready", &Api::get_health_ready, P::Open, kReads, kAlways},
      {"GET", "/metrics", &Api::get_metrics, P::Authenticated, kReads, kAlways, Answer::MetricsText},
      {"GET", "/accord/v1/cluster", &Api::get_cluster, P::Authenticated, kReads, kAlways},
      {"GET", "/accord/v1/catalog", &Api::get_catalog, P::Authenticated, kReads, kStore, Answer::VisibleOnly},
      {"GET", "/accord/v1/map", &Api::get_map, P::Authenticated, kReads, kStore, Answer::VisibleOnly},
      {"GET", "/accord/v1/subjects/{subject}/diff", &Api::get_subject_diff, P::ReadSubject, kReads, kStore},
      {"GET", "/accord/v1/subjects/{subject}/versions/{version}/outline", &Api::get_subject_version_outline,
       P::ReadSubject, kReads, kStore},
      {"GET", "/contexts", &Api::get_contexts, P::Authenticated, kReads, kStore},
      {"DELETE", "/contexts/{context}", &Api::delete_context, P::Admin, kWrites, kStore},
      {"GET", "/schemas/types", &Api::get_schemas_types, P::Authenticated, kReads, kStore},
      {"GET", "/schemas", &Api::get_schemas, P::Authenticated, kReads, kStore, Answer::SubjectListing},
      {"GET", "/schemas/ids/{id}", &Api::get_schemas_ids_id, P::ReadSchema, kReads, kStore, Answer::Plain, false, kCached},
      {"GET", "/schemas/ids/{id}/schema", &Api::get_schemas_ids_id_schema, P::ReadSchema, kReads, kStore, Answer::Plain, false, kCached},
      {"GET", "/schemas/ids/{id}/subjects", &Api::get_schemas_ids_id_subjects, P::Authenticated, kReads, kStore,
       Answer::SubjectListing},
      {"GET", "/schemas/ids/{id}/versions", &Api::get_schemas_ids_id_versions, P::Authenticated, kReads, kStore,
       Answer::SubjectListing},
      {"GET", "/schemas/guids/{guid}", &Api::get_schemas_guids_guid, P::Authenticated, kReads, kStore, Answer::Plain, false, kCached},
      {"GET", "/schemas/guids/{guid}/ids", &Api::get_schemas_guids_guid_ids, P::Authenticated, kReads, kStore},
      {"GET", "/subjects", &Api::get_subjects, P::Authenticated, kReads, kStore, Answer::SubjectListing},
      {"POST", "/subjects/{subject}", &Api::post_subject, P::ReadSubject, kReads, kStore, Answer::Plain, true},
      {"DELETE", "/subjects/{subject}", &Api::delete_subject, P::WriteSubject, kWrites, kStore},
      {"GET", "/subjects/{subject}/metadata", &Api::get_subject_metadata, P::ReadSubject, kReads, kStore},
      {"GET", "/subjects/{subject}/versions", &Api::get_subject_versions, P::ReadSubject, kReads, kStore},
      {"POST", "/subjects/{subject}/versions", &Api::post_subject_versions, P::WriteSubject, kWrites, kStore,
       Answer::Registration, true},
      {"GET", "/subjects/{subject}/versions/{version}", &Api::get_subject_version, P::ReadSubject, kReads, kStore, Answer::Plain, false, kCached},
      {"DELETE", "/subjects/{subject}/versions/{version}", &Api::delete_subject_version, P::WriteSubject, kWrites,
       kStore},
      {"GET", "/subjects/{subject}/versions/{version}/schema", &Api::get_subject_version_schema, P::ReadSubject, kReads,
       kStore, Answer::Plain, false, kCached},
      {"GET", "/subjects/{subject}/versions/{version}/referencedby", &Api::get_subject_version_referencedby,
       P::ReadSubject, kReads, kStore},
      {"POST", "/compatibility/subjects/{subject}/versions", &Api::post_compatibility, P::ReadSubject, kReads, kStore,
       Answer::CompatibilityCheck, true},
      {"POST", "/compatibility/subjects/{subject}/versions/{version}", &Api::post_compatibility, P::ReadSubject, kReads,
       kStore, Answer::CompatibilityCheck, true},
      {"GET", "/config", &Api::get_config, P::Authenticated, kReads, kStore},
      {"PUT", "/config", &Api::put_config, P::Admin, kWrites, kStore},
      {"DELETE", "/config", &Api::delete_config, P::Admin, kWrites, kStore},
      {"GET", "/config/{subject}", &Api::get_config, P::ReadSubject, kReads, kStore},
      {"PUT", "/config/{subject}", &Api::put_config, P::WriteSubject, kWrites, kStore},
      {"DELETE", "/config/{subject}", &Api::delete_config, P::WriteSubject, kWrites, kStore},
      {"GET", "/mode", &Api::get_mode, P::Authenticated, kReads, kStore},
      {"PUT", "/mode", &Api::put_mode, P::Admin, kWrites, kStore},
      {"DELETE", "/mode", &Api::delete_mode, P::Admin, kWrites, kStore},
      {"GET", "/mode/{subject}", &Api::get_mode, P::ReadSubject, kReads, kStore},
      {"PUT", "/mode/{subject}", &Api::put_mode, P::WriteSubject, kWrites, kStore},
      {"DELETE", "/mode/{subject}", &Api::delete_mode, P::WriteSubject, kWrites, kStore},
      // The web UI's paths are as deep as its views: every one under /ui is the UI's. Its
      // files are open; the data it shows comes from the routes above, checked there.
      {"GET", "/ui/{path...}", &Api::get_ui, P::Open, kReads, kAlways},
  });
  return table;
}

Result<Request> Api::prepare(const Request& request) const {
  Request prepared = request;
  if (auto applied = apply_context_url(prepared); !applied) return applied.error();
  // A qualified subject in the default context is the plain one: `:.:orders` is `orders`.
  // The route table knows which segment names the subject.
  if (auto at = routes().match(prepared).subject_segment)
    prepared.segments[*at] = normalize_subject(prepared.segments[*at]);
  apply_subject_alias(prepared, [this](const std::string& subject) { return store_.alias_of(subject); });
  return prepared;
}

Response Api::handle(const Request& request) {
  auto prepared = prepare(request);
  if (!prepared) return error_response(prepared.error());
  return dispatch(routes().match(*prepared), *prepared);
}

Response Api::dispatch(const RouteMatch& match, const Request& request) {
  if (!match.route) return error_response(match.path_known ? errors::method_not_allowed() : errors::not_found_path());
  if (match.segments == request.segments.size()) return answer(*match.route, request);
  Request trimmed = request;
  trimmed.segments.resize(match.segments);
  return answer(*match.route, trimmed);
}

Response Api::answer(const RouteDescriptor& route, const Request& request) {
  if (route.caching == Caching::None) return (this->*route.endpoint)(request);
  // The state is read before the endpoint runs: if a record is applied meanwhile, the
  // entry is stale from the start and never served.
  const Offset state = store_.applied_offset();
  const auto key = ResponseCache::key_of(request);
  if (auto hit = responses_->find(key, state)) return std::move(*hit);
  auto response = (this->*route.endpoint)(request);
  responses_->offer(key, state, response);
  return response;
}

Response Api::get_metrics(const Request&) {
  Response response;
  response.raw_text = true;
  response.body = options_.metrics_text ? options_.metrics_text() : std::string();
  response.headers["Content-Type"] = "text/plain; version=0.0.4; charset=utf-8";
  return response;
}

}  // namespace accord::api
