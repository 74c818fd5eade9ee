#include "data_contract.hpp"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

namespace accord::registry {
namespace {

using Json = nlohmann::ordered_json;

Json parse_object(const std::optional<std::string>& text) {
  if (!text) return Json::object();
  auto parsed = Json::parse(*text, nullptr, false);
  return parsed.is_object() ? parsed : Json::object();
}

std::optional<std::string> dump_unless_empty(const Json& object) {
  if (object.empty()) return std::nullopt;
  return object.dump();
}

// Keys sorted as Java's SortedMap holds them.
Json sorted_object(const Json& object) {
  std::map<std::string, Json> sorted;
  for (const auto& [key, value] : object.items()) sorted.emplace(key, value);
  Json out = Json::object();
  for (auto& [key, value] : sorted) out[key] = std::move(value);
  return out;
}

// Metadata's private merge of two maps: the newer's entries win, whole.
Json merge_maps(const Json& older, const Json& newer) {
  if (!older.is_object() || older.empty()) return newer;
  if (!newer.is_object() || newer.empty()) return older;
  Json out = older;
  for (const auto& [key, value] : newer.items()) out[key] = value;
  return sorted_object(out);
}

Json merge_sets(const Json& older, const Json& newer) {
  if (!older.is_array() || older.empty()) return newer;
  if (!newer.is_array() || newer.empty()) return older;
  std::set<std::string> names;
  for (const auto* side : {&older, &newer})
    for (const auto& item : *side)
      if (item.is_string()) names.insert(item.get<std::string>());
  return Json(std::vector<std::string>(names.begin(), names.end()));
}

Json merge_rules(const Json& older, const Json& newer) {
  if (!older.is_array() || older.empty()) return newer;
  if (!newer.is_array() || newer.empty()) return older;
  std::set<std::string> replaced;
  for (const auto& rule : newer)
    if (rule.is_object() && rule.contains("name") && rule["name"].is_string()) replaced.insert(rule["name"].get<std::string>());
  Json out = Json::array();
  for (const auto& rule : older)
    if (!(rule.is_object() && rule.contains("name") && rule["name"].is_string() &&
          replaced.count(rule["name"].get<std::string>())))
      out.push_back(rule);
  for (const auto& rule : newer) out.push_back(rule);
  return out;
}

// Fields of the merged object in Confluent's output order, absent when null or empty.
void put_unless_empty(Json& out, const char* name, const Json& value) {
  if (!value.is_null() && !value.empty()) out[name] = value;
}

std::optional<std::string> property(const std::optional<std::string>& metadata, const std::string& name) {
  const auto object = parse_object(metadata);
  auto properties = object.find("properties");
  if (properties == object.end() || !properties->is_object()) return std::nullopt;
  auto value = properties->find(name);
  if (value == properties->end() || value->is_null()) return std::nullopt;
  return value->is_string() ? value->get<std::string>() : value->dump();
}

}  // namespace

bool adds_to_registrations(const std::optional<log::ConfigValue>& config) {
  return config && (config->default_metadata || config->override_metadata || config->default_rule_set ||
                    config->override_rule_set);
}

std::optional<std::string> merge_metadata(const std::optional<std::string>& older,
                                          const std::optional<std::string>& newer) {
  if (!older) return newer;
  if (!newer) return older;
  const Json a = parse_object(older), b = parse_object(newer);
  auto tags = [](const Json& m) { return m.contains("tags") ? m["tags"] : m.value("paths", Json()); };
  Json out = Json::object();
  put_unless_empty(out, "tags", merge_maps(tags(a), tags(b)));
  put_unless_empty(out, "properties", merge_maps(a.value("properties", Json()), b.value("properties", Json())));
  put_unless_empty(out, "sensitive", merge_sets(a.value("sensitive", Json()), b.value("sensitive", Json())));
  return dump_unless_empty(out);
}

std::optional<std::string> merge_rule_set(const std::optional<std::string>& older,
                                          const std::optional<std::string>& newer) {
  if (!older) return newer;
  if (!newer) return older;
  const Json a = parse_object(older), b = parse_object(newer);
  Json out = Json::object();
  for (const char* list : {"migrationRules", "domainRules", "encodingRules"})
    put_unless_empty(out, list, merge_rules(a.value(list, Json()), b.value(list, Json())));
  if (b.contains("enableAt")) out["enableAt"] = b["enableAt"];
  else if (a.contains("enableAt")) out["enableAt"] = a["enableAt"];
  return dump_unless_empty(out);
}

void apply_data_contract(SchemaRequest& request, const std::optional<log::ConfigValue>& config,
                         const std::optional<Schema>& previous, std::optional<VersionNumber> new_version) {
  const bool no_text = !request.schema || request.schema->find_first_not_of(" \t\r\n") == std::string::npos;
  if (no_text && previous) {
    request.schema = previous->text;
    request.type = previous->type;
    request.references = previous->references;
  }
  const auto& specific_metadata = request.metadata ? request.metadata : previous ? previous->metadata : std::nullopt;
  const auto& specific_rules = request.rule_set ? request.rule_set : previous ? previous->rule_set : std::nullopt;
  const std::optional<std::string> none;
  auto metadata = merge_metadata(merge_metadata(config ? config->default_metadata : none, specific_metadata),
                                 config ? config->override_metadata : none);
  auto rule_set = merge_rule_set(merge_rule_set(config ? config->default_rule_set : none, specific_rules),
                                 config ? config->override_rule_set : none);
  const bool names_version = request.version && *request.version > 0;
  if (new_version && (names_version || property(metadata, "confluent:version"))) {
    Json object = parse_object(metadata);
    object["properties"]["confluent:version"] = std::to_string(*new_version);
    object["properties"] = sorted_object(object["properties"]);
    metadata = object.dump();
  }
  request.metadata = std::move(metadata);
  request.rule_set = std::move(rule_set);
}

std::vector<store::VersionInfo> in_compatibility_group(const store::StateStore& store,
                                                       const std::optional<log::ConfigValue>& config,
                                                       const std::optional<std::string>& candidate_metadata,
                                                       std::vector<store::VersionInfo> versions) {
  if (!config || !config->compatibility_group || config->compatibility_group->empty()) return versions;
  const auto& group = *config->compatibility_group;
  const auto value = property(candidate_metadata, group);
  std::erase_if(versions, [&](const store::VersionInfo& v) {
    auto schema = store.schema_by_id(v.id, context_of(v.subject));
    return !schema || property(schema->metadata, group) != value;
  });
  return versions;
}

}  // namespace accord::registry
