#pragma once
// Everything a registry serves through the Confluent REST API, read into memory: subjects
// and versions (soft-deleted ones too where the registry shows them), schemas with their
// references, global and subject configs and modes. What the registry cannot answer
// (no `deleted=true`, no `/mode`, no per-subject config) is recorded as a note, not an error.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "accord/model/error.hpp"
#include "accord/model/types.hpp"
#include "accord/ops/progress.hpp"
#include "accord/serde/registry_client.hpp"

namespace accord::ops {

struct VersionState {
  std::string subject;
  VersionNumber version{0};
  SchemaId id{0};
  Schema schema;
  bool deleted = false;  // soft-deleted
};

struct RegistryState {
  std::string url;
  std::map<std::string, std::map<VersionNumber, VersionState>> subjects;
  std::optional<nlohmann::ordered_json> global_config;  // GET /config
  std::map<std::string, nlohmann::ordered_json> subject_configs;  // GET /config/{s}, where set
  std::optional<std::string> global_mode;  // absent when the registry has no /mode
  std::map<std::string, std::string> subject_modes;
  bool shows_deleted = true;        // answers ?deleted=true
  bool has_modes = true;            // answers /mode
  bool has_subject_configs = true;  // answers /config/{s}
  std::vector<std::string> notes;

  const VersionState* find(const std::string& subject, VersionNumber version) const;
  uint64_t version_count() const;
};

// An error from the registry with its HTTP status and error code (0 when unreachable).
struct RestError {
  int http_status = 0;
  int error_code = 0;
  std::string message;
};

// The Confluent REST calls the operations need, on a serde RegistryClient.
class RestRegistry {
 public:
  explicit RestRegistry(serde::RegistryClient& client, std::string url) : client_(client), url_(std::move(url)) {}
  Result<nlohmann::ordered_json, RestError> get(const std::string& target);
  Result<nlohmann::ordered_json, RestError> send(const std::string& method, const std::string& target,
                                                 const nlohmann::ordered_json& body);
  const std::string& url() const { return url_; }

 private:
  serde::RegistryClient& client_;
  std::string url_;
};

// "http://user:secret@host:8081/prefix" -> a client config for "http://host:8081/prefix"
// with basic auth user:secret; explicit credentials win over the URL's.
serde::RegistryClientConfig client_config_for(const std::string& url, std::optional<std::string> basic_auth,
                                              std::optional<std::string> bearer);
// The URL without credentials, for messages.
std::string redact_url(const std::string& url);

Result<RegistryState, RestError> fetch_registry_state(RestRegistry& registry, const ProgressFn& progress = {});

// Parses a subject-version answer ({"subject","version","id","schemaType","schema","references",...}).
Result<VersionState, RestError> version_from_json(const nlohmann::ordered_json& body);

std::string describe(const RestError& error);

}  // namespace accord::ops
