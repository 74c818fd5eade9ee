// Root, metadata, health and cluster endpoints.
#include "accord/api/api.hpp"
#include "accord/model/errors.hpp"
#include "internal.hpp"

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
  body["parsed_schema_cache"] = parsed_->size();
  return json_response(body);
}

Response Api::get_contexts(const Request&) { return json_response(Json::array({"."})); }

Response Api::get_schemas_types(const Request&) { return json_response(Json::array({"JSON", "PROTOBUF", "AVRO"})); }

}  // namespace accord::api
