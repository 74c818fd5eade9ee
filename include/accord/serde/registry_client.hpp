#pragma once
// A client for the Confluent Schema Registry REST API, as serializers need it: schemas by
// id and (subject, schema) → id cached for good (both are immutable in the registry),
// the latest version of a subject cached for a TTL, retries with backoff on 5xx and
// unreachable nodes, fail-over across several base URLs, basic or bearer auth.
// Thread-safe: one client is meant to be shared by every serializer of a process.
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "accord/model/types.hpp"
#include "accord/serde/error.hpp"
#include "accord/serde/http_transport.hpp"
#include "accord/serde/wire_format.hpp"
#include "accord/serde/http_transport.hpp"

namespace accord::serde {

struct RegistryClientConfig {
  std::vector<std::string> urls;           // e.g. {"http://10.0.0.1:8081", "http://10.0.0.2:8081"}
  std::optional<std::string> basic_auth;   // "user:password"
  std::optional<std::string> bearer_token;
  TlsClientOptions tls;                    // for https:// URLs
  std::chrono::milliseconds latest_ttl{std::chrono::seconds(30)};
  int max_retries = 3;  // extra rounds over all nodes after the first
  std::chrono::milliseconds initial_backoff{100};
  std::chrono::milliseconds max_backoff{2000};
  std::chrono::milliseconds request_timeout{std::chrono::seconds(10)};
  // Seams for tests; default to the steady clock and a real sleep.
  std::function<std::chrono::steady_clock::time_point()> now;
  std::function<void(std::chrono::milliseconds)> sleep;
};

// A schema as a subject version carries it.
struct RegisteredSchema {
  std::string subject;
  VersionNumber version{0};
  SchemaId id{0};
  Schema schema;
};

struct CompatibilityVerdict {
  bool is_compatible = false;
  std::vector<std::string> messages;
};

// The text of one reference, dependencies first (what formats::ResolvedReference needs).
struct FetchedReference {
  std::string name;
  std::string subject;
  VersionNumber version{0};
  std::string text;
};

class RegistryClient {
 public:
  explicit RegistryClient(RegistryClientConfig config, std::unique_ptr<HttpTransport> transport = nullptr);

  // The schema of an id in the default context; with `subject` (a qualified subject or a
  // context `:.ctx:`), as GET /schemas/ids/{id}?subject= resolves it: in that context.
  SerdeResult<Schema> schema_by_id(SchemaId id, const std::string& subject = {});
  // [8.0+] The id a GUID-framed message names: GET /schemas/guids/{guid} for the schema
  // (then served by schema_by_id) and GET /schemas/guids/{guid}/ids for its default-context id.
  SerdeResult<SchemaId> id_for_guid(const Guid& guid);
  // [8.0+] The GUID of a schema id, from the `guid` field of GET /schemas/ids/{id}.
  SerdeResult<Guid> guid_for_id(SchemaId id);
  // The id of a framed message's writer schema, whichever header names it.
  SerdeResult<SchemaId> writer_id(const FramedMessage& framed);
  // The header reference a serializer writes for `id`: the GUID when `use_guid`.
  SerdeResult<SchemaRef> header_for(SchemaId id, bool use_guid);
  SerdeResult<RegisteredSchema> register_schema(const std::string& subject, const Schema& schema, bool normalize = false);
  // The id and version `schema` already has under `subject` (POST /subjects/{s}).
  SerdeResult<RegisteredSchema> lookup(const std::string& subject, const Schema& schema, bool normalize = false);
  SerdeResult<RegisteredSchema> latest(const std::string& subject);
  SerdeResult<RegisteredSchema> version(const std::string& subject, VersionNumber version);
  // POST /compatibility/subjects/{s}/versions (all versions the subject's level checks),
  // verbose so that every break comes back as a message.
  SerdeResult<CompatibilityVerdict> check_compatibility(const std::string& subject, const Schema& schema,
                                                        bool normalize = false);
  // Follows references recursively; each name once, dependencies before their users. A
  // reference resolves in the context of `referrer`, the subject (or `:.ctx:`) holding it.
  SerdeResult<std::vector<FetchedReference>> resolve_references(const std::vector<SchemaReference>& references,
                                                                const std::string& referrer = {});

  // One exchange with retries and fail-over; non-2xx answers become Registry errors
  // carrying the body's error_code and message.
  SerdeResult<std::string> call(const std::string& method, const std::string& target, const std::string& body = {});

  void clear_caches();

 private:
  std::chrono::steady_clock::time_point now() const;
  // GET /subjects/{subject}/versions/{version} ("latest" too), uncached.
  SerdeResult<RegisteredSchema> fetch_version(const std::string& subject, const std::string& version);

  RegistryClientConfig config_;
  std::unique_ptr<HttpTransport> transport_;
  size_t preferred_node_ = 0;  // the node that answered last; tried first next time

  struct TimedSchema {
    RegisteredSchema schema;
    std::chrono::steady_clock::time_point fetched;
  };
  std::mutex mutex_;
  // Ids are per context: keyed by id_scope() of the subject they were seen under.
  std::map<std::pair<std::string, SchemaId>, Schema> by_id_;
  std::map<Guid, SchemaId> id_by_guid_;
  std::map<SchemaId, Guid> guid_by_id_;
  std::map<std::pair<std::string, std::string>, RegisteredSchema> by_subject_schema_;  // (subject, request body)
  std::map<std::pair<std::string, VersionNumber>, RegisteredSchema> by_version_;
  std::map<std::string, TimedSchema> latest_;
};

// The request body for register, lookup and compatibility calls.
std::string schema_request_body(const Schema& schema);
// Which id sequence a subject's ids belong to: "" for the default context, ":.ctx:" for a
// named one.
std::string id_scope(const std::string& subject);

// Percent-encodes a subject for use as a path segment.
std::string encode_path_segment(const std::string& text);

}  // namespace accord::serde
