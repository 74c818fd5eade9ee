// /config and /config/{subject}: compatibility settings (rest-api.md §3.6).
#include "accord/api/api.hpp"
#include "accord/model/errors.hpp"
#include "internal.hpp"

namespace accord::api {
namespace {

// The Config entity; `level_key` is compatibilityLevel for GET and compatibility for PUT.
Json config_json(const log::ConfigValue& config, CompatibilityLevel fallback, const char* level_key) {
  Json out;
  if (config.alias) out["alias"] = *config.alias;
  if (config.normalize) out["normalize"] = *config.normalize;
  if (config.validate_fields) out["validateFields"] = *config.validate_fields;
  if (config.validate_rules) out["validateRules"] = *config.validate_rules;
  out[level_key] = std::string(to_string(config.compatibility_level.value_or(fallback)));
  if (config.compatibility_group) out["compatibilityGroup"] = *config.compatibility_group;
  if (config.default_metadata) out["defaultMetadata"] = Json::parse(*config.default_metadata);
  if (config.override_metadata) out["overrideMetadata"] = Json::parse(*config.override_metadata);
  if (config.default_rule_set) out["defaultRuleSet"] = Json::parse(*config.default_rule_set);
  if (config.override_rule_set) out["overrideRuleSet"] = Json::parse(*config.override_rule_set);
  return out;
}

// Merges a ConfigUpdateRequest into `config`: absent fields keep their value, null clears.
Status merge_config(const Json& body, log::ConfigValue& config) {
  auto text = [&](const char* name, std::optional<std::string>& field, bool object) -> Status {
    auto it = body.find(name);
    if (it == body.end()) return Ok{};
    if (it->is_null()) field.reset();
    else if (object && it->is_object()) field = it->dump();
    else if (!object && it->is_string()) field = it->get<std::string>();
    else return errors::bad_request(std::string("Invalid value for field \"") + name + "\"");
    return Ok{};
  };
  auto flag = [&](const char* name, std::optional<bool>& field) -> Status {
    auto it = body.find(name);
    if (it == body.end()) return Ok{};
    if (it->is_null()) field.reset();
    else if (it->is_boolean()) field = it->get<bool>();
    else return errors::bad_request(std::string("Invalid value for field \"") + name + "\"");
    return Ok{};
  };
  for (const char* key : {"compatibility", "compatibilityLevel"}) {
    auto it = body.find(key);
    if (it == body.end()) continue;
    if (it->is_null()) {
      config.compatibility_level.reset();
      continue;
    }
    if (!it->is_string()) return errors::bad_request(std::string("Cannot deserialize field \"") + key + "\" as a string");
    auto level = parse_compatibility_level(it->get<std::string>());
    if (!level) return errors::invalid_compatibility_level();
    config.compatibility_level = *level;
  }
  for (auto s : {text("alias", config.alias, false), text("compatibilityGroup", config.compatibility_group, false),
                 text("defaultMetadata", config.default_metadata, true),
                 text("overrideMetadata", config.override_metadata, true),
                 text("defaultRuleSet", config.default_rule_set, true),
                 text("overrideRuleSet", config.override_rule_set, true), flag("normalize", config.normalize),
                 flag("validateFields", config.validate_fields), flag("validateRules", config.validate_rules)})
    if (!s) return s;
  return Ok{};
}

}  // namespace

Response Api::get_config(const Request& request) {
  const auto subject = config_scope(request);
  const auto fallback = options_.default_compatibility;
  if (auto config = store_.config(subject)) return json_response(config_json(*config, fallback, "compatibilityLevel"));
  // defaultToGlobal: the record in scope (context, then `:.__GLOBAL:`). Without it a subject
  // or context has no answer, and the top level and `:.__GLOBAL:` answer the server default.
  const bool top_level = !subject || QualifiedSubject::parse(*subject).context == kGlobalContext;
  if (!request.flag("defaultToGlobal")) {
    if (!top_level) return error_response(errors::subject_compatibility_not_configured(*subject));
    return json_response(config_json(log::ConfigValue{}, fallback, "compatibilityLevel"));
  }
  return json_response(
      config_json(config_in_scope(store_, subject).value_or(log::ConfigValue{}), fallback, "compatibilityLevel"));
}

Response Api::put_config(const Request& request) {
  const auto subject = config_scope(request);
  if (subject && !is_valid_subject_param(*subject, true)) return error_response(errors::invalid_subject(*subject));
  auto body = parse_object_body(request);
  if (!body) return error_response(body.error());
  log::ConfigValue merged;
  auto written = writer_.write([&]() -> Result<std::vector<log::Record>> {
    merged = store_.config(subject).value_or(log::ConfigValue{});
    if (auto s = merge_config(*body, merged); !s) return s.error();
    merged.subject = subject;
    return std::vector<log::Record>{record_of(log::config_key(subject), log::encode_config_value(merged))};
  });
  if (!written) return error_response(written.error());
  return json_response(config_json(merged, options_.default_compatibility, "compatibility"));
}

Response Api::delete_config(const Request& request) {
  const auto subject = config_scope(request);
  log::ConfigValue previous;
  auto written = writer_.write([&]() -> Result<std::vector<log::Record>> {
    auto current = store_.config(subject);
    if (!current) {
      if (subject) return errors::subject_not_found(*subject);
      previous = log::ConfigValue{};
      return std::vector<log::Record>{};
    }
    previous = *current;
    return tombstones_for(store_, log::config_key(subject));
  });
  if (!written) return error_response(written.error());
  return json_response(config_json(previous, options_.default_compatibility, "compatibilityLevel"));
}

}  // namespace accord::api
