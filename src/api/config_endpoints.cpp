// /config and /config/{subject}: compatibility settings (rest-api.md §3.6).
#include "accord/api/api.hpp"
#include "accord/api/error_response.hpp"
#include "accord/model/errors.hpp"
#include "accord/registry/effective_config.hpp"
#include "accord/registry/registry.hpp"
#include "json_io.hpp"
#include "params.hpp"

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

// A ConfigUpdateRequest: absent fields keep their value, null clears.
Result<registry::ConfigUpdate> parse_config_update(const Json& body) {
  registry::ConfigUpdate update;
  auto text = [&](const char* name, registry::FieldUpdate<std::string>& field, bool object) -> Status {
    auto it = body.find(name);
    if (it == body.end()) return Ok{};
    if (it->is_null()) field.emplace();
    else if (object && it->is_object()) field.emplace(it->dump());
    else if (!object && it->is_string()) field.emplace(it->get<std::string>());
    else return errors::bad_request(std::string("Invalid value for field \"") + name + "\"");
    return Ok{};
  };
  auto flag = [&](const char* name, registry::FieldUpdate<bool>& field) -> Status {
    auto it = body.find(name);
    if (it == body.end()) return Ok{};
    if (it->is_null()) field.emplace();
    else if (it->is_boolean()) field.emplace(it->get<bool>());
    else return errors::bad_request(std::string("Invalid value for field \"") + name + "\"");
    return Ok{};
  };
  for (const char* key : {"compatibility", "compatibilityLevel"}) {
    auto it = body.find(key);
    if (it == body.end()) continue;
    if (it->is_null()) {
      update.compatibility_level.emplace();
      continue;
    }
    if (!it->is_string()) return errors::bad_request(std::string("Cannot deserialize field \"") + key + "\" as a string");
    auto level = parse_compatibility_level(it->get<std::string>());
    if (!level) return errors::invalid_compatibility_level();
    update.compatibility_level.emplace(*level);
  }
  for (auto s : {text("alias", update.alias, false), text("compatibilityGroup", update.compatibility_group, false),
                 text("defaultMetadata", update.default_metadata, true),
                 text("overrideMetadata", update.override_metadata, true),
                 text("defaultRuleSet", update.default_rule_set, true),
                 text("overrideRuleSet", update.override_rule_set, true), flag("normalize", update.normalize),
                 flag("validateFields", update.validate_fields), flag("validateRules", update.validate_rules)})
    if (!s) return s.error();
  return update;
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
  const auto in_scope = registry::config_in_scope(store_, subject);
  return json_response(config_json(in_scope.value_or(log::ConfigValue{}), fallback, "compatibilityLevel"));
}

Response Api::put_config(const Request& request) {
  const auto subject = config_scope(request);
  if (subject && !is_valid_subject(*subject, true)) return error_response(errors::invalid_subject(*subject));
  auto body = parse_object_body(request);
  if (!body) return error_response(body.error());
  auto update = parse_config_update(*body);
  if (!update) return error_response(update.error());
  auto written = registry_->set_config(subject, *update);
  if (!written) return error_response(written.error());
  return json_response(config_json(*written, options_.default_compatibility, "compatibility"));
}

Response Api::delete_config(const Request& request) {
  auto previous = registry_->delete_config(config_scope(request));
  if (!previous) return error_response(previous.error());
  return json_response(config_json(*previous, options_.default_compatibility, "compatibilityLevel"));
}

}  // namespace accord::api
