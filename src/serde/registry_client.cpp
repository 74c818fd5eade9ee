#include "accord/serde/registry_client.hpp"

#include <openssl/evp.h>

#include <algorithm>
#include <cctype>
#include <functional>
#include <set>
#include <thread>

#include <nlohmann/json.hpp>

#include "schema_json.hpp"

namespace accord::serde {
namespace {

std::string base64(const std::string& text) {
  std::string out(4 * ((text.size() + 2) / 3) + 1, '\0');
  const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(text.data()), static_cast<int>(text.size()));
  out.resize(static_cast<size_t>(n));
  return out;
}

SerdeError registry_error(int status, const std::string& body) {
  SerdeError error{ErrorKind::Registry, "HTTP " + std::to_string(status) + ": " + body, status, status};
  const auto json = nlohmann::json::parse(body, nullptr, false);
  if (json.is_object()) {
    if (json.contains("error_code") && json["error_code"].is_number_integer()) error.error_code = json["error_code"];
    if (json.contains("message") && json["message"].is_string()) error.message = json["message"];
  }
  return error;
}

SerdeResult<nlohmann::json> parse_body(const std::string& body) {
  auto json = nlohmann::json::parse(body, nullptr, false);
  if (json.is_discarded()) return serde_error(ErrorKind::Registry, "registry answer is not JSON: " + body);
  return json;
}

SerdeResult<RegisteredSchema> registered_from(const nlohmann::json& body, const std::string& subject,
                                              const Schema* sent) {
  RegisteredSchema out;
  out.subject = body.value("subject", subject);
  out.version = body.value("version", VersionNumber{0});
  out.id = body.value("id", SchemaId{0});
  if (body.contains("schema")) {
    auto schema = schema_from_response(body);
    if (!schema) return schema.error();
    out.schema = std::move(*schema);
  } else if (sent) {
    out.schema = *sent;  // ≤7.x register answers carry only the id
  }
  return out;
}

}  // namespace

std::string encode_path_segment(const std::string& text) {
  static const char* hex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out.push_back('%');
      out.push_back(hex[c >> 4]);
      out.push_back(hex[c & 15]);
    }
  }
  return out;
}

std::string schema_request_body(const Schema& schema) { return schema_to_request(schema).dump(); }

RegistryClient::RegistryClient(RegistryClientConfig config, std::unique_ptr<HttpTransport> transport)
    : config_(std::move(config)), transport_(std::move(transport)) {
  if (!transport_) transport_ = make_beast_transport(config_.request_timeout, config_.tls);
  for (auto& url : config_.urls)
    while (!url.empty() && url.back() == '/') url.pop_back();
}

std::chrono::steady_clock::time_point RegistryClient::now() const {
  return config_.now ? config_.now() : std::chrono::steady_clock::now();
}

SerdeResult<std::string> RegistryClient::call(const std::string& method, const std::string& target,
                                              const std::string& body) {
  if (config_.urls.empty()) return serde_error(ErrorKind::Transport, "no registry URL configured");
  HttpRequest request{method, target, body, {}};
  request.headers.emplace_back("Content-Type", "application/vnd.schemaregistry.v1+json");
  request.headers.emplace_back("Accept", "application/vnd.schemaregistry.v1+json, application/json");
  if (config_.bearer_token) request.headers.emplace_back("Authorization", "Bearer " + *config_.bearer_token);
  else if (config_.basic_auth) request.headers.emplace_back("Authorization", "Basic " + base64(*config_.basic_auth));

  SerdeError last{ErrorKind::Transport, "no attempt made"};
  auto backoff = config_.initial_backoff;
  for (int round = 0; round <= config_.max_retries; ++round) {
    if (round > 0) {
      if (config_.sleep) config_.sleep(backoff);
      else std::this_thread::sleep_for(backoff);
      backoff = std::min(backoff * 2, config_.max_backoff);
    }
    size_t start;
    {
      std::lock_guard lock(mutex_);
      start = preferred_node_;
    }
    for (size_t i = 0; i < config_.urls.size(); ++i) {
      const size_t node = (start + i) % config_.urls.size();
      auto response = transport_->send(config_.urls[node], request);
      if (!response) {
        last = response.error();
        continue;
      }
      if (response->status >= 500) {
        last = registry_error(response->status, response->body);
        continue;
      }
      {
        std::lock_guard lock(mutex_);
        preferred_node_ = node;
      }
      if (response->status >= 200 && response->status < 300) return std::move(response->body);
      return registry_error(response->status, response->body);  // 4xx: retrying cannot help
    }
  }
  return last;
}

std::string id_scope(const std::string& subject) { return QualifiedSubject::parse(subject).context_prefix(); }

SerdeResult<Schema> RegistryClient::schema_by_id(SchemaId id, const std::string& subject) {
  // An unqualified subject may resolve the id in any context (the server searches them):
  // its answers are cached under the subject itself.
  const bool unqualified = !subject.empty() && QualifiedSubject::parse(subject).in_default_context();
  const std::string scope = unqualified ? subject : id_scope(subject);
  {
    std::lock_guard lock(mutex_);
    if (auto it = by_id_.find({scope, id}); it != by_id_.end()) return it->second;
  }
  auto body = call("GET", "/schemas/ids/" + std::to_string(id) +
                              (subject.empty() ? "" : "?subject=" + encode_path_segment(subject)));
  if (!body) {
    auto error = body.error();
    if (error.error_code == 40403 || error.http_status == 404) error.kind = ErrorKind::UnknownSchemaId;
    error.message = "schema id " + std::to_string(id) + ": " + error.message;
    return error;
  }
  auto json = parse_body(*body);
  if (!json) return json.error();
  auto schema = schema_from_response(*json);
  if (!schema) return schema.error();
  std::lock_guard lock(mutex_);
  by_id_.emplace(std::pair{scope, id}, *schema);
  return schema;
}

SerdeResult<SchemaId> RegistryClient::id_for_guid(const Guid& guid) {
  {
    std::lock_guard lock(mutex_);
    if (auto it = id_by_guid_.find(guid); it != id_by_guid_.end()) return it->second;
  }
  const std::string text = guid_to_string(guid);
  auto unknown = [&](SerdeError error) {
    if (error.error_code == 40403 || error.http_status == 404) error.kind = ErrorKind::UnknownSchemaId;
    error.message = "schema guid " + text + ": " + error.message;
    return error;
  };
  auto body = call("GET", "/schemas/guids/" + text);
  if (!body) return unknown(body.error());
  auto json = parse_body(*body);
  if (!json) return json.error();
  auto schema = schema_from_response(*json);
  if (!schema) return schema.error();
  auto ids_body = call("GET", "/schemas/guids/" + text + "/ids");
  if (!ids_body) return unknown(ids_body.error());
  auto ids = parse_body(*ids_body);
  if (!ids) return ids.error();
  std::optional<SchemaId> id;
  if (ids->is_array())
    for (const auto& entry : *ids)
      if (entry.is_object() && entry.value("context", ".") == "." && entry.contains("id") &&
          entry["id"].is_number_integer()) {
        id = entry["id"].get<SchemaId>();
        break;
      }
  if (!id) return unknown(serde_error(ErrorKind::UnknownSchemaId, "no schema id in the default context"));
  std::lock_guard lock(mutex_);
  by_id_.emplace(std::pair{std::string(), *id}, *schema);
  id_by_guid_.emplace(guid, *id);
  guid_by_id_.emplace(*id, guid);
  return *id;
}

SerdeResult<Guid> RegistryClient::guid_for_id(SchemaId id) {
  {
    std::lock_guard lock(mutex_);
    if (auto it = guid_by_id_.find(id); it != guid_by_id_.end()) return it->second;
  }
  auto body = call("GET", "/schemas/ids/" + std::to_string(id));
  if (!body) return body.error();
  auto json = parse_body(*body);
  if (!json) return json.error();
  std::optional<Guid> guid;
  if (json->is_object() && json->contains("guid") && (*json)["guid"].is_string())
    guid = guid_from_string((*json)["guid"].get<std::string>());
  if (!guid)
    return serde_error(ErrorKind::UnknownSchemaId,
                       "schema id " + std::to_string(id) + " has no guid: the registry predates schema GUIDs (8.0)");
  std::lock_guard lock(mutex_);
  guid_by_id_.emplace(id, *guid);
  id_by_guid_.emplace(*guid, id);
  return *guid;
}

SerdeResult<SchemaId> RegistryClient::writer_id(const FramedMessage& framed) {
  if (framed.guid) return id_for_guid(*framed.guid);
  return framed.schema_id;
}

SerdeResult<SchemaRef> RegistryClient::header_for(SchemaId id, bool use_guid) {
  if (!use_guid) return SchemaRef{id, std::nullopt};
  auto guid = guid_for_id(id);
  if (!guid) return guid.error();
  return SchemaRef{id, *guid};
}

SerdeResult<RegisteredSchema> RegistryClient::register_schema(const std::string& subject, const Schema& schema,
                                                              bool normalize) {
  const std::string request = schema_request_body(schema);
  {
    std::lock_guard lock(mutex_);
    if (auto it = by_subject_schema_.find({subject, request}); it != by_subject_schema_.end()) return it->second;
  }
  auto body = call("POST", "/subjects/" + encode_path_segment(subject) + "/versions" +
                               (normalize ? "?normalize=true" : ""),
                   request);
  if (!body) return body.error();
  auto json = parse_body(*body);
  if (!json) return json.error();
  auto registered = registered_from(*json, subject, &schema);
  if (!registered) return registered.error();
  if (registered->version == 0) {
    // ≤7.x registries answer with the id alone; references need the version too.
    auto found = lookup(subject, schema, normalize);
    if (found) registered->version = found->version;
  }
  std::lock_guard lock(mutex_);
  by_subject_schema_.emplace(std::pair{subject, request}, *registered);
  by_id_.emplace(std::pair{id_scope(subject), registered->id}, schema);
  return registered;
}

SerdeResult<RegisteredSchema> RegistryClient::lookup(const std::string& subject, const Schema& schema, bool normalize) {
  const std::string request = schema_request_body(schema);
  {
    std::lock_guard lock(mutex_);
    if (auto it = by_subject_schema_.find({subject, request}); it != by_subject_schema_.end()) return it->second;
  }
  auto body = call("POST", "/subjects/" + encode_path_segment(subject) + (normalize ? "?normalize=true" : ""), request);
  if (!body) return body.error();
  auto json = parse_body(*body);
  if (!json) return json.error();
  auto registered = registered_from(*json, subject, &schema);
  if (!registered) return registered.error();
  std::lock_guard lock(mutex_);
  by_subject_schema_.emplace(std::pair{subject, request}, *registered);
  return registered;
}

SerdeResult<RegisteredSchema> RegistryClient::latest(const std::string& subject) {
  {
    std::lock_guard lock(mutex_);
    if (auto it = latest_.find(subject); it != latest_.end() && now() - it->second.fetched < config_.latest_ttl)
      return it->second.schema;
  }
  auto registered = fetch_version(subject, "latest");
  if (!registered) return registered.error();
  std::lock_guard lock(mutex_);
  latest_[subject] = TimedSchema{*registered, now()};
  by_id_.emplace(std::pair{id_scope(subject), registered->id}, registered->schema);
  return registered;
}

SerdeResult<RegisteredSchema> RegistryClient::fetch_version(const std::string& subject, const std::string& version) {
  auto body = call("GET", "/subjects/" + encode_path_segment(subject) + "/versions/" + version);
  if (!body) return body.error();
  auto json = parse_body(*body);
  if (!json) return json.error();
  return registered_from(*json, subject, nullptr);
}

SerdeResult<RegisteredSchema> RegistryClient::version(const std::string& subject, VersionNumber version) {
  {
    std::lock_guard lock(mutex_);
    if (auto it = by_version_.find({subject, version}); it != by_version_.end()) return it->second;
  }
  auto registered = fetch_version(subject, std::to_string(version));
  if (!registered) return registered.error();
  std::lock_guard lock(mutex_);
  by_version_.emplace(std::pair{subject, version}, *registered);
  by_id_.emplace(std::pair{id_scope(subject), registered->id}, registered->schema);
  return registered;
}

SerdeResult<CompatibilityVerdict> RegistryClient::check_compatibility(const std::string& subject,
                                                                      const Schema& schema, bool normalize) {
  auto body = call("POST",
                   "/compatibility/subjects/" + encode_path_segment(subject) + "/versions?verbose=true" +
                       (normalize ? "&normalize=true" : ""),
                   schema_request_body(schema));
  if (!body) return body.error();
  auto json = parse_body(*body);
  if (!json) return json.error();
  CompatibilityVerdict verdict;
  verdict.is_compatible = json->value("is_compatible", false);
  if (json->contains("messages") && (*json)["messages"].is_array())
    for (const auto& message : (*json)["messages"])
      verdict.messages.push_back(message.is_string() ? message.get<std::string>() : message.dump());
  return verdict;
}

SerdeResult<std::vector<FetchedReference>> RegistryClient::resolve_references(
    const std::vector<SchemaReference>& references, const std::string& referrer) {
  std::vector<FetchedReference> out;
  std::set<std::string> seen;
  // Depth-first, appending a reference only after its own references: dependencies first.
  std::function<SerdeStatus(const std::vector<SchemaReference>&, const std::string&, int)> visit =
      [&](const std::vector<SchemaReference>& refs, const std::string& parent, int depth) -> SerdeStatus {
    if (depth > 64) return serde_error(ErrorKind::InvalidSchema, "schema references nest deeper than 64 levels");
    for (const auto& ref : refs) {
      if (!seen.insert(ref.name).second) continue;
      const auto subject = qualify_with_parent(parent, ref.subject);
      auto target = version(subject, ref.version);
      if (!target) return target.error();
      if (auto nested = visit(target->schema.references, subject, depth + 1); !nested) return nested.error();
      out.push_back({ref.name, ref.subject, target->version, target->schema.text});
    }
    return Done{};
  };
  if (auto status = visit(references, referrer, 0); !status) return status.error();
  return out;
}

void RegistryClient::clear_caches() {
  std::lock_guard lock(mutex_);
  by_id_.clear();
  by_subject_schema_.clear();
  by_version_.clear();
  id_by_guid_.clear();
  guid_by_id_.clear();
  latest_.clear();
}

}  // namespace accord::serde
