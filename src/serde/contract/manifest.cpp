#include "accord/serde/contract/manifest.hpp"

#include <fstream>
#include <set>
#include <sstream>

#include <nlohmann/json.hpp>

#include "accord/model/errors.hpp"

namespace accord::serde::contract {
namespace {

Error manifest_error(const std::string& where, const std::string& what) {
  return errors::unprocessable("manifest: " + where + ": " + what);
}

// Lists may be written as JSON arrays or as one comma-separated string.
Result<std::vector<std::string>> names(const nlohmann::json& value, const std::string& where) {
  std::vector<std::string> out;
  auto add = [&out](std::string name) {
    const auto begin = name.find_first_not_of(' ');
    const auto end = name.find_last_not_of(' ');
    if (begin != std::string::npos) out.push_back(name.substr(begin, end - begin + 1));
  };
  if (value.is_string()) {
    std::stringstream stream(value.get<std::string>());
    for (std::string item; std::getline(stream, item, ',');) add(item);
  } else if (value.is_array()) {
    for (const auto& item : value) {
      if (!item.is_string()) return manifest_error(where, "expected a list of names");
      add(item.get<std::string>());
    }
  } else {
    return manifest_error(where, "expected a list of names or a comma-separated string");
  }
  return out;
}

Result<std::optional<std::string>> optional_string(const nlohmann::json& entry, const char* key,
                                                   const std::string& where) {
  if (!entry.contains(key)) return std::optional<std::string>{};
  if (!entry[key].is_string()) return manifest_error(where, std::string("\"") + key + "\" must be a string");
  return std::optional<std::string>(entry[key].get<std::string>());
}

Result<Governance> parse_governance(const nlohmann::json& entry, const std::string& where) {
  Governance g;
  for (auto [key, field] : {std::pair{"owner", &g.owner}, {"description", &g.description},
                            {"key.schema", &g.key_schema}, {"classification", &g.classification}}) {
    auto value = optional_string(entry, key, where);
    if (!value) return value.error();
    *field = *value;
  }
  if (!g.key_schema && entry.contains("key_schema")) {
    auto value = optional_string(entry, "key_schema", where);
    if (!value) return value.error();
    g.key_schema = *value;
  }
  for (auto [key, list] : {std::pair{"producers", &g.producers}, {"consumers", &g.consumers}}) {
    if (!entry.contains(key)) continue;
    auto parsed = names(entry[key], where + "." + key);
    if (!parsed) return parsed.error();
    *list = *parsed;
  }
  if (entry.contains("pii")) {
    if (!entry["pii"].is_boolean()) return manifest_error(where, "\"pii\" must be true or false");
    g.pii = entry["pii"].get<bool>();
  }
  if (entry.contains("properties")) {
    if (!entry["properties"].is_object()) return manifest_error(where, "\"properties\" must be an object");
    for (const auto& [key, value] : entry["properties"].items()) {
      if (!value.is_string()) return manifest_error(where, "property \"" + key + "\" must be a string");
      g.properties[key] = value.get<std::string>();
    }
  }
  return g;
}

Result<SubjectContract> parse_subject(const nlohmann::json& entry, size_t index, const std::filesystem::path& base) {
  std::string where = "subjects[" + std::to_string(index) + "]";
  if (!entry.is_object()) return manifest_error(where, "expected an object");
  SubjectContract contract;
  if (!entry.contains("subject") || !entry["subject"].is_string() || entry["subject"].get<std::string>().empty())
    return manifest_error(where, "\"subject\" is required");
  contract.subject = entry["subject"];
  where += " (" + contract.subject + ")";
  if (!is_valid_subject(contract.subject)) return manifest_error(where, "invalid subject name");
  if (!entry.contains("schema") || !entry["schema"].is_string())
    return manifest_error(where, "\"schema\" (the schema file) is required");
  contract.schema_file = base / entry["schema"].get<std::string>();
  const auto type_text = entry.value("type", std::string("AVRO"));
  const auto type = parse_schema_type(type_text);
  if (!type) return manifest_error(where, "unknown type \"" + type_text + "\" (AVRO, JSON or PROTOBUF)");
  contract.type = *type;
  if (entry.contains("fixtures")) {
    if (!entry["fixtures"].is_string()) return manifest_error(where, "\"fixtures\" must be a folder path");
    contract.fixtures = base / entry["fixtures"].get<std::string>();
  }
  auto message = optional_string(entry, "message", where);
  if (!message) return message.error();
  contract.message = *message;
  contract.normalize = entry.value("normalize", false);
  if (entry.contains("references")) {
    if (!entry["references"].is_array()) return manifest_error(where, "\"references\" must be a list");
    for (const auto& ref : entry["references"]) {
      if (!ref.is_object() || !ref.contains("name") || !ref.contains("subject") || !ref.contains("version") ||
          !ref["name"].is_string() || !ref["subject"].is_string() || !ref["version"].is_number_integer())
        return manifest_error(where, "each reference needs name, subject and an integer version");
      ManifestReference reference{ref["name"], ref["subject"], ref["version"], std::nullopt};
      if (ref.contains("schema")) reference.schema_file = base / ref["schema"].get<std::string>();
      contract.references.push_back(std::move(reference));
    }
  }
  auto governance = parse_governance(entry, where);
  if (!governance) return governance.error();
  contract.governance = std::move(*governance);
  return contract;
}

}  // namespace

Result<Manifest> parse_manifest(std::string_view text, const std::filesystem::path& base) {
  const auto json = nlohmann::json::parse(text, nullptr, false);
  if (json.is_discarded()) return manifest_error("file", "not valid JSON");
  if (!json.is_object()) return manifest_error("file", "expected a JSON object");
  Manifest manifest;
  if (json.contains("registry")) {
    if (!json["registry"].is_string()) return manifest_error("registry", "must be a URL string");
    manifest.registry = json["registry"];
  }
  if (!json.contains("subjects") || !json["subjects"].is_array())
    return manifest_error("file", "\"subjects\" (a list) is required");
  std::set<std::string> seen;
  for (size_t i = 0; i < json["subjects"].size(); ++i) {
    auto contract = parse_subject(json["subjects"][i], i, base);
    if (!contract) return contract.error();
    if (!seen.insert(contract->subject).second)
      return manifest_error("subjects[" + std::to_string(i) + "]", "subject " + contract->subject + " listed twice");
    manifest.subjects.push_back(std::move(*contract));
  }
  return manifest;
}

Result<Manifest> load_manifest(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return manifest_error(file.string(), "cannot be read");
  std::stringstream text;
  text << in.rdbuf();
  return parse_manifest(text.str(), file.parent_path());
}

std::map<std::string, std::string> governance_properties(const Governance& g) {
  std::map<std::string, std::string> out = g.properties;
  auto join = [](const std::vector<std::string>& list) {
    std::string text;
    for (const auto& item : list) text += (text.empty() ? "" : ",") + item;
    return text;
  };
  if (g.owner) out["owner"] = *g.owner;
  if (g.description) out["description"] = *g.description;
  if (!g.producers.empty()) out["producers"] = join(g.producers);
  if (!g.consumers.empty()) out["consumers"] = join(g.consumers);
  if (g.key_schema) out["key.schema"] = *g.key_schema;
  if (g.classification) out["classification"] = *g.classification;
  if (g.pii) out["pii"] = *g.pii ? "true" : "false";
  return out;
}

std::optional<std::string> governance_metadata(const Governance& g) {
  const auto properties = governance_properties(g);
  if (properties.empty()) return std::nullopt;
  return nlohmann::json{{"properties", properties}}.dump();
}

}  // namespace accord::serde::contract
