// Root, metadata, health and cluster endpoints.
#include "accord/api/api.hpp"
#include "accord/api/error_response.hpp"
#include "accord/model/errors.hpp"
#include "accord/registry/registry.hpp"
#include "json_io.hpp"
#include "pagination.hpp"
#include "response_cache.hpp"

namespace accord::api {

Response Api::get_root(const Request&) { return json_response(Json::object()); }

Response Api::get_metadata_id(const Request&) {
  Json body;
  body["scope"]["path"] = Json::array();
  body["scope"]["clusters"]["kafka-cluster"] = options_.kafka_cluster_id;
  body["scope"]["clusters"]["schema-registry-cluster"] = options_.group_id;
  return json_response(body);
}

Response Api::get_metadata_version(const Request&) {
  return json_response(Json{{"version", "accord-0.1.0"}, {"commitId", "unknown"}});
}

Response Api::get_health_live(const Request&) { return json_response(Json{{"status", "UP"}}); }

Response Api::get_health_ready(const Request&) {
  const auto status = options_.cluster_status ? options_.cluster_status() : ClusterStatus{};
  if (!options_.cluster_status || status.ready) return json_response(Json{{"status", "READY"}});
  return error_response(errors::unavailable("Catching up with the log: applied offset " +
                                            std::to_string(status.applied_offset) + ", log end " +
                                            std::to_string(status.end_offset)));
}

Response Api::get_cluster(const Request&) {
  auto status = options_.cluster_status ? options_.cluster_status() : ClusterStatus{};
  Json body;
  body["role"] = status.role.empty() ? "standalone" : status.role;
  body["writer_url"] = status.writer_url;
  body["applied_offset"] = store_.applied_offset();
  body["end_offset"] = status.end_offset;
  body["ready"] = status.ready;
  body["schemas"] = store_.schema_count();
  body["parsed_schema_cache"] = registry_->parsed().size();
  body["response_cache_bytes"] = responses_->bytes();
  return json_response(body);
}

// The default context first, then those named by CONTEXT records; contextPrefix [8.2+]
// filters on the dotted name before offset/limit page.
Response Api::get_contexts(const Request& request) {
  auto contexts = store_.contexts();
  contexts.insert(contexts.begin(), std::string(kDefaultContext));
  const auto prefix = request.param("contextPrefix").value_or("");
  std::erase_if(contexts, [&](const std::string& c) { return !c.starts_with(prefix); });
  return json_response(Json(paginate(request, std::move(contexts))));
}

// [8.1+] Removes an empty context (its CONTEXT record). The context may be given as `.ctx`,
// `ctx` or `:.ctx:` (Confluent's path filter turns the first into the last).
Response Api::delete_context(const Request& request) {
  std::string name = request.segments[1];
  if (name.starts_with(':')) name.erase(0, 1);
  if (name.ends_with(':')) name.pop_back();
  if (name.find(':') != std::string::npos)
    return error_response(errors::bad_request("Context name cannot contain a colon"));
  if (!name.starts_with('.')) name.insert(0, ".");
  if (auto deleted = registry_->delete_context(name); !deleted) return error_response(deleted.error());
  Response response;
  response.status = 204;
  return response;
}

Response Api::get_schemas_types(const Request&) { return json_response(Json::array({"JSON", "PROTOBUF", "AVRO"})); }

}  // namespace accord::api
