// `_schemas` values (shared/docs/rest-api.md §6.3). Written in Confluent's field order with
// NON_EMPTY inclusion; read by field, accepting every historic shape.
#include "accord/log/codec.hpp"
#include "accord/model/errors.hpp"
#include "json_field.hpp"

namespace accord::log {
namespace {

using detail::Json;

Error bad_value(std::string_view kind, std::string_view bytes, std::string_view why) {
  return errors::store_error("Unparsable _schemas " + std::string(kind) + " value (" + std::string(why) +
                             "): " + std::string(bytes));
}

// Embeds compact JSON text (metadata, ruleSet) as a JSON object, not as a string.
void put_object_text(Json& json, const char* name, const std::optional<std::string>& text) {
  if (!text || text->empty()) return;
  Json parsed = detail::parse(*text);
  if (parsed.is_discarded()) return;  // the model only holds valid JSON; never write a broken value
  json[name] = std::move(parsed);
}

template <class T>
bool any_bad(const detail::Field<T>& f) {
  return f.bad;
}
template <class T, class... Rest>
bool any_bad(const detail::Field<T>& f, const Rest&... rest) {
  return f.bad || any_bad(rest...);
}

Result<Json> parse_object(std::string_view kind, std::string_view bytes) {
  Json json = detail::parse(bytes);
  if (json.is_discarded() || !json.is_object()) return bad_value(kind, bytes, "not a JSON object");
  return json;
}

}  // namespace

std::string encode_schema_value(const SchemaValue& value) {
  Json json = Json::object();
  json["subject"] = value.subject;
  json["version"] = value.version;
  json["id"] = value.id;
  json["schemaType"] = std::string(to_string(value.schema.type));
  if (!value.schema.references.empty()) {
    Json refs = Json::array();
    for (const auto& ref : value.schema.references) {
      Json r = Json::object();
      r["name"] = ref.name;
      r["subject"] = ref.subject;
      r["version"] = ref.version;
      refs.push_back(std::move(r));
    }
    json["references"] = std::move(refs);
  }
  put_object_text(json, "metadata", value.schema.metadata);
  put_object_text(json, "ruleSet", value.schema.rule_set);
  json["schema"] = value.schema.text;
  json["deleted"] = value.deleted;
  return detail::dump(json);
}

Result<SchemaValue> decode_schema_value(std::string_view bytes) {
  auto parsed = parse_object("SCHEMA", bytes);
  if (!parsed) return parsed.error();
  Json& json = *parsed;
  const auto subject = detail::string_field(json, "subject");
  const auto version = detail::int32_field(json, "version");
  const auto id = detail::int32_field(json, "id");
  const auto type = detail::string_field(json, "schemaType");
  const auto metadata = detail::object_text_field(json, "metadata");
  const auto rule_set = detail::object_text_field(json, "ruleSet");
  auto text = detail::take_string_field(json, "schema");
  const auto deleted = detail::bool_field(json, "deleted");
  if (any_bad(subject, version, id, type, metadata, rule_set, text, deleted)) {
    return bad_value("SCHEMA", bytes, "field of the wrong type");
  }
  if (!subject.value || !version.value || !id.value || !text.value) {
    return bad_value("SCHEMA", bytes, "subject, version, id and schema are required");
  }
  SchemaValue value;
  value.subject = *subject.value;
  value.version = VersionNumber{*version.value};
  value.id = SchemaId{*id.value};
  const auto schema_type = parse_schema_type(type.value.value_or(""));
  if (!schema_type) return bad_value("SCHEMA", bytes, "unknown schemaType");
  value.schema.type = *schema_type;
  value.schema.text = std::move(*text.value);
  value.schema.metadata = metadata.value;
  value.schema.rule_set = rule_set.value;
  value.deleted = deleted.value.value_or(false);
  if (const Json* refs = detail::member(json, "references")) {
    if (!refs->is_array()) return bad_value("SCHEMA", bytes, "references is not an array");
    for (const Json& r : *refs) {
      if (!r.is_object()) return bad_value("SCHEMA", bytes, "reference is not an object");
      const auto name = detail::string_field(r, "name");
      const auto ref_subject = detail::string_field(r, "subject");
      const auto ref_version = detail::int32_field(r, "version");
      if (!name.value || !ref_subject.value || !ref_version.value) {
        return bad_value("SCHEMA", bytes, "reference needs name, subject and version");
      }
      value.schema.references.push_back({*name.value, *ref_subject.value, VersionNumber{*ref_version.value}});
    }
  }
  return value;
}

std::string encode_config_value(const ConfigValue& value) {
  Json json = Json::object();
  if (value.subject && !value.subject->empty()) json["subject"] = *value.subject;
  if (value.alias && !value.alias->empty()) json["alias"] = *value.alias;
  if (value.normalize) json["normalize"] = *value.normalize;
  if (value.validate_fields) json["validateFields"] = *value.validate_fields;
  if (value.validate_rules) json["validateRules"] = *value.validate_rules;
  if (value.compatibility_level) json["compatibilityLevel"] = std::string(to_string(*value.compatibility_level));
  if (value.compatibility_group && !value.compatibility_group->empty()) {
    json["compatibilityGroup"] = *value.compatibility_group;
  }
  put_object_text(json, "defaultMetadata", value.default_metadata);
  put_object_text(json, "overrideMetadata", value.override_metadata);
  put_object_text(json, "defaultRuleSet", value.default_rule_set);
  put_object_text(json, "overrideRuleSet", value.override_rule_set);
  return detail::dump(json);
}

Result<ConfigValue> decode_config_value(std::string_view bytes) {
  auto parsed = parse_object("CONFIG", bytes);
  if (!parsed) return parsed.error();
  const Json& json = *parsed;
  const auto subject = detail::string_field(json, "subject");
  const auto alias = detail::string_field(json, "alias");
  const auto normalize = detail::bool_field(json, "normalize");
  const auto validate_fields = detail::bool_field(json, "validateFields");
  const auto validate_rules = detail::bool_field(json, "validateRules");
  const auto level = detail::string_field(json, "compatibilityLevel");
  const auto group = detail::string_field(json, "compatibilityGroup");
  const auto default_metadata = detail::object_text_field(json, "defaultMetadata");
  const auto override_metadata = detail::object_text_field(json, "overrideMetadata");
  const auto default_rule_set = detail::object_text_field(json, "defaultRuleSet");
  const auto override_rule_set = detail::object_text_field(json, "overrideRuleSet");
  if (any_bad(subject, alias, normalize, validate_fields, validate_rules, level, group, default_metadata,
              override_metadata, default_rule_set, override_rule_set)) {
    return bad_value("CONFIG", bytes, "field of the wrong type");
  }
  ConfigValue value;
  value.subject = subject.value;
  value.alias = alias.value;
  value.normalize = normalize.value;
  value.validate_fields = validate_fields.value;
  value.validate_rules = validate_rules.value;
  if (level.value) {
    value.compatibility_level = parse_compatibility_level(*level.value);
    if (!value.compatibility_level) return bad_value("CONFIG", bytes, "unknown compatibilityLevel");
  }
  value.compatibility_group = group.value;
  value.default_metadata = default_metadata.value;
  value.override_metadata = override_metadata.value;
  value.default_rule_set = default_rule_set.value;
  value.override_rule_set = override_rule_set.value;
  return value;
}

std::string encode_mode_value(const ModeValue& value) {
  Json json = Json::object();
  if (value.subject && !value.subject->empty()) json["subject"] = *value.subject;
  json["mode"] = std::string(to_string(value.mode));
  return detail::dump(json);
}

Result<ModeValue> decode_mode_value(std::string_view bytes) {
  auto parsed = parse_object("MODE", bytes);
  if (!parsed) return parsed.error();
  const auto subject = detail::string_field(*parsed, "subject");
  const auto mode = detail::string_field(*parsed, "mode");
  if (subject.bad || mode.bad) return bad_value("MODE", bytes, "field of the wrong type");
  if (!mode.value) return bad_value("MODE", bytes, "no mode");
  const auto parsed_mode = parse_mode(*mode.value);
  if (!parsed_mode) return bad_value("MODE", bytes, "unknown mode");
  return ModeValue{subject.value, *parsed_mode};
}

std::string encode_delete_subject_value(const DeleteSubjectValue& value) {
  Json json = Json::object();
  json["subject"] = value.subject;
  json["version"] = value.version;
  return detail::dump(json);
}

Result<DeleteSubjectValue> decode_delete_subject_value(std::string_view bytes) {
  auto parsed = parse_object("DELETE_SUBJECT", bytes);
  if (!parsed) return parsed.error();
  const auto subject = detail::string_field(*parsed, "subject");
  const auto version = detail::int32_field(*parsed, "version");
  if (subject.bad || version.bad) return bad_value("DELETE_SUBJECT", bytes, "field of the wrong type");
  if (!version.value) return bad_value("DELETE_SUBJECT", bytes, "no version");
  // An absent subject is taken from the key by the caller, as for CONFIG/MODE.
  return DeleteSubjectValue{subject.value.value_or(""), VersionNumber{*version.value}};
}

std::string encode_clear_subject_value(const ClearSubjectValue& value) {
  Json json = Json::object();
  if (value.subject && !value.subject->empty()) json["subject"] = *value.subject;
  return detail::dump(json);
}

std::string encode_context_value(std::string_view context) {
  Json json = Json::object();
  json["tenant"] = std::string(kDefaultTenant);
  json["context"] = std::string(context);
  return detail::dump(json);
}

Result<ClearSubjectValue> decode_clear_subject_value(std::string_view bytes) {
  auto parsed = parse_object("CLEAR_SUBJECT", bytes);
  if (!parsed) return parsed.error();
  const auto subject = detail::string_field(*parsed, "subject");
  if (subject.bad) return bad_value("CLEAR_SUBJECT", bytes, "field of the wrong type");
  return ClearSubjectValue{subject.value};
}

}  // namespace accord::log
