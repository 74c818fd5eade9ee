// GET /accord/v1/catalog: the governance catalog. Answers which subjects a service produces
// or consumes, who owns a subject, and filters subjects by any metadata property, from the
// Confluent `metadata.properties` of each subject's latest live version (docs/serde.md).
#include <sstream>

#include "accord/api/api.hpp"
#include "internal.hpp"

namespace accord::api {
namespace {

bool list_contains(const std::string& list, const std::string& item) {
  std::stringstream stream(list);
  std::string entry;
  while (std::getline(stream, entry, ',')) {
    entry.erase(0, entry.find_first_not_of(' '));
    entry.erase(entry.find_last_not_of(' ') + 1);
    if (entry == item) return true;
  }
  return false;
}

}  // namespace

// Query: producer=<service>, consumer=<service>, owner=<team>, subject=<name>, and any
// property=<key>:<value> (repeatable). Every condition must hold.
Response Api::get_catalog(const Request& request) {
  Json out = Json::array();
  for (const auto& subject : store_.subjects()) {
    if (auto only = request.param("subject"); only && *only != subject) continue;
    auto live = live_versions(store_, subject);
    if (live.empty()) continue;
    auto schema = store_.schema_by_id(live.back().id);
    if (!schema) continue;
    Json properties = Json::object();
    if (schema->metadata) properties = Json::parse(*schema->metadata).value("properties", Json::object());
    auto prop = [&](const std::string& key) {
      auto it = properties.find(key);
      return it != properties.end() && it->is_string() ? it->get<std::string>() : std::string();
    };
    bool match = true;
    if (auto p = request.param("producer")) match = match && list_contains(prop("producers"), *p);
    if (auto c = request.param("consumer")) match = match && list_contains(prop("consumers"), *c);
    if (auto o = request.param("owner")) match = match && prop("owner") == *o;
    auto filters = request.query.equal_range("property");
    for (auto it = filters.first; it != filters.second; ++it) {
      const auto colon = it->second.find(':');
      const auto key = it->second.substr(0, colon);
      const auto value = colon == std::string::npos ? std::string() : it->second.substr(colon + 1);
      match = match && properties.contains(key) && (colon == std::string::npos || prop(key) == value);
    }
    if (!match) continue;
    Json entry;
    entry["subject"] = subject;
    entry["version"] = live.back().version;
    entry["id"] = live.back().id;
    entry["schemaType"] = std::string(to_string(schema->type));
    entry["properties"] = properties;
    out.push_back(std::move(entry));
  }
  return json_response(out);
}

}  // namespace accord::api
