#pragma once
// The REST semantics of the registry: one member function per endpoint, named after its
// route, taking a parsed Request and returning a Response. An endpoint parses the request,
// calls one registry operation (registry/registry.hpp) or reads the store, and renders the
// result. No sockets, no HTTP library.
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "accord/api/request.hpp"
#include "accord/api/route.hpp"
#include "accord/cluster/writer.hpp"
#include "accord/model/types.hpp"
#include "accord/store/state_store.hpp"

namespace accord::registry {
class Registry;
}

namespace accord::api {

// What this node knows about the cluster, for /accord/v1/cluster and /v1/metadata/id.
struct ClusterStatus {
  std::string role;        // "writer", "follower", "standalone"
  std::string writer_url;  // empty when unknown
  Offset applied_offset{-1};
  Offset end_offset{-1};
  bool ready = false;
};

struct ApiOptions {
  CompatibilityLevel default_compatibility = CompatibilityLevel::Backward;  // schema.compatibility.level
  bool mode_mutability = true;                                             // mode.mutability
  std::string kafka_cluster_id = "accord";
  std::string group_id = "schema-registry";
  std::size_t max_references = 1000;
  std::function<ClusterStatus()> cluster_status;  // may be empty
  bool ui_enabled = true;                          // accord.ui.enabled: serve the web UI under /ui/
  std::function<std::string()> metrics_text;      // GET /metrics: the Prometheus text; may be empty
  std::size_t response_cache_bytes = 16u << 20;   // ready-to-send answers of the hot reads
  std::size_t parsed_cache_bytes = 16u << 20;     // parsed stored schemas (compatibility checks, ?format=)
};

// The route table: every route's descriptor (route.hpp), once.
const RouteTable& routes();

class ResponseCache;

class Api {
 public:
  Api(store::StateStore& store, cluster::Writer& writer, ApiOptions options);
  ~Api();

  // Routes the request and turns every Error into the registry's error body.
  Response handle(const Request& request);
  // What Confluent does to a request before routing it, here before authentication and
  // routing: the context URL prefix (/contexts/{ctx}/...), `:.:s` as `s`, and subject
  // aliases (api/context_url.hpp, api/subject_alias.hpp). handle() does it; the request
  // pipeline calls it once, first, then dispatch().
  Result<Request> prepare(const Request& request) const;
  // The same for a request already matched against routes() (the request pipeline matches
  // once and reads the descriptor before the endpoint runs).
  Response dispatch(const RouteMatch& match, const Request& request);

  // The subjects with a version using the schema a /schemas/ids/{id} read names (in the
  // context its ?subject= resolves to; deleted versions too), for deciding who
  // may read it; nullopt when there is no such schema (the endpoint then answers 404).
  std::optional<std::vector<std::string>> subjects_using_schema(const Request& request) const;

  // Registration's idempotent fast path for a node that is not the writer: when the subject
  // already holds the schema, any node answers, without forwarding and even while no writer
  // is known (Confluent alike). nullopt: not a registration of a schema already there.
  std::optional<Response> existing_registration(const RouteMatch& match, const Request& request);

 private:
  friend const RouteTable& routes();
  // Runs the route's endpoint, or answers from the response cache when the route allows.
  Response answer(const RouteDescriptor& route, const Request& request);

  Response get_root(const Request&);
  Response get_metadata_id(const Request&);
  Response get_metadata_version(const Request&);
  Response get_health_live(const Request&);
  Response get_health_ready(const Request&);
  Response get_cluster(const Request&);
  Response get_metrics(const Request&);
  Response get_contexts(const Request&);
  Response delete_context(const Request&);

  Response get_schemas_types(const Request&);
  Response get_schemas(const Request&);
  Response get_schemas_ids_id(const Request&);
  Response get_schemas_ids_id_schema(const Request&);
  Response get_schemas_ids_id_subjects(const Request&);
  Response get_schemas_ids_id_versions(const Request&);
  Response get_schemas_guids_guid(const Request&);
  Response get_schemas_guids_guid_ids(const Request&);

  Response get_subjects(const Request&);
  Response post_subject(const Request&);  // lookup
  Response delete_subject(const Request&);
  Response get_subject_versions(const Request&);
  Response post_subject_versions(const Request&);  // register
  Response get_subject_version(const Request&);
  Response get_subject_version_schema(const Request&);
  Response get_subject_version_referencedby(const Request&);
  Response delete_subject_version(const Request&);
  Response get_subject_metadata(const Request&);

  Response post_compatibility(const Request&);

  Response get_config(const Request&);
  Response put_config(const Request&);
  Response delete_config(const Request&);
  Response get_mode(const Request&);
  Response put_mode(const Request&);
  Response delete_mode(const Request&);

  Response get_catalog(const Request&);
  Response get_map(const Request&);
  Response get_subject_diff(const Request&);
  Response get_subject_version_outline(const Request&);
  Response get_ui(const Request&);

  store::StateStore& store_;
  ApiOptions options_;
  std::unique_ptr<registry::Registry> registry_;
  std::unique_ptr<ResponseCache> responses_;
};

}  // namespace accord::api
