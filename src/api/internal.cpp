#include "internal.hpp"

#include <algorithm>
#include <cctype>
#include <climits>
#include <set>

#include "accord/formats/guid.hpp"
#include "accord/formats/identity.hpp"
#include "accord/model/errors.hpp"

namespace accord::api {

Response json_response(const Json& body, int status) {
  Response response;
  response.status = status;
  // Error messages echo what the client sent (a path segment, the parser's view of a body),
  // which need not be UTF-8: replace bad bytes with U+FFFD instead of throwing.
  response.body = body.dump(-1, ' ', false, Json::error_handler_t::replace);
  return response;
}

Result<Json> parse_json_body(const Request& request) {
  if (request.body.empty()) return errors::bad_request("Request body is empty");
  try {
    return Json::parse(request.body);
  } catch (const std::exception& e) {
    return errors::bad_request(std::string("Unexpected character or malformed JSON in request body: ") + e.what());
  }
}

Result<Json> parse_object_body(const Request& request) {
  auto body = parse_json_body(request);
  if (!body) return body;
  if (!body->is_object()) return errors::bad_request("Request body must be a JSON object");
  return body;
}

namespace {

// Jackson coerces scalars to String; objects and arrays are a mapping error (400).
Result<std::optional<std::string>> string_field(const Json& body, const char* name) {
  auto it = body.find(name);
  if (it == body.end() || it->is_null()) return std::optional<std::string>{};
  if (it->is_string()) return std::optional<std::string>(it->get<std::string>());
  if (it->is_number() || it->is_boolean()) return std::optional<std::string>(it->dump());
  return errors::bad_request(std::string("Cannot deserialize value of type `java.lang.String` from ") +
                             (it->is_array() ? "Array" : "Object") + " value (field \"" + name + "\")");
}

Result<std::optional<int64_t>> int_field(const Json& body, const char* name) {
  auto it = body.find(name);
  if (it == body.end() || it->is_null()) return std::optional<int64_t>{};
  if (it->is_number_integer()) return std::optional<int64_t>(it->get<int64_t>());
  if (it->is_string()) {
    const auto text = it->get<std::string>();
    try {
      std::size_t used = 0;
      const auto value = std::stoll(text, &used);
      if (used == text.size()) return std::optional<int64_t>(value);
    } catch (...) {
    }
  }
  return errors::bad_request(std::string("Cannot deserialize value of type `java.lang.Integer` (field \"") + name +
                             "\")");
}

Result<std::optional<std::string>> object_field(const Json& body, const char* name) {
  auto it = body.find(name);
  if (it == body.end() || it->is_null()) return std::optional<std::string>{};
  if (!it->is_object()) return errors::bad_request(std::string("Field \"") + name + "\" must be a JSON object");
  if (it->empty()) return std::optional<std::string>{};
  return std::optional<std::string>(it->dump());
}

}  // namespace

Result<SchemaRequest> parse_schema_request(const Request& request) {
  auto body = parse_object_body(request);
  if (!body) return body.error();
  SchemaRequest out;
  auto schema = string_field(*body, "schema");
  if (!schema) return schema.error();
  out.schema = *schema;
  auto type = string_field(*body, "schemaType");
  if (!type) return type.error();
  if (*type) {
    auto parsed = parse_schema_type(**type);
    if (!parsed) return errors::invalid_schema_type(**type);
    out.type = *parsed;
  }
  if (auto it = body->find("references"); it != body->end() && !it->is_null()) {
    if (!it->is_array()) return errors::bad_request("Field \"references\" must be an array");
    for (const auto& item : *it) {
      if (!item.is_object()) return errors::bad_request("Each reference must be a JSON object");
      auto name = string_field(item, "name");
      auto subject = string_field(item, "subject");
      auto version = int_field(item, "version");
      if (!name) return name.error();
      if (!subject) return subject.error();
      if (!version) return version.error();
      if (!*name || !*subject || !*version)
        return errors::invalid_schema(to_string(out.type), "a reference needs name, subject and version");
      out.references.push_back({**name, **subject, static_cast<VersionNumber>(**version)});
    }
  }
  auto metadata = object_field(*body, "metadata");
  if (!metadata) return metadata.error();
  out.metadata = *metadata;
  auto rule_set = object_field(*body, "ruleSet");
  if (!rule_set) return rule_set.error();
  out.rule_set = *rule_set;
  auto version = int_field(*body, "version");
  if (!version) return version.error();
  out.version = *version;
  auto id = int_field(*body, "id");
  if (!id) return id.error();
  out.id = *id;
  return out;
}

Result<std::optional<VersionNumber>> parse_version(std::string_view text) {
  std::string trimmed(text);
  trimmed.erase(0, trimmed.find_first_not_of(" \t"));
  trimmed.erase(trimmed.find_last_not_of(" \t") + 1);
  std::string lower = trimmed;
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  if (lower == "latest") return std::optional<VersionNumber>{};
  try {
    std::size_t used = 0;
    const long long value = std::stoll(trimmed, &used);
    if (used == trimmed.size()) {
      if (value == -1) return std::optional<VersionNumber>{};
      if (value >= 1 && value <= INT_MAX) return std::optional<VersionNumber>(static_cast<VersionNumber>(value));
    }
  } catch (...) {
  }
  return errors::invalid_version(text);
}

Result<SchemaId> parse_id(std::string_view text) {
  try {
    std::size_t used = 0;
    const std::string s(text);
    const long long value = std::stoll(s, &used);
    if (used == s.size() && value >= 0 && value <= INT_MAX) return static_cast<SchemaId>(value);
  } catch (...) {
  }
  return errors::not_found_path();
}

bool is_valid_subject_param(std::string_view subject, bool config_or_mode) {
  return is_valid_subject(subject, config_or_mode);
}

bool matches_subject_prefix(std::string_view subject, std::string_view prefix) {
  const auto own = QualifiedSubject::parse(subject);
  const auto wanted = QualifiedSubject::parse(prefix);
  if (wanted.context == "*") return own.name.starts_with(wanted.name);
  const bool context_open = prefix.starts_with(":.") && prefix.find(':', 2) == std::string_view::npos;
  if (context_open) return own.context.starts_with(wanted.context);
  return own.context == wanted.context && own.name.starts_with(wanted.name);
}

void put_schema_fields(Json& out, const Schema& schema, const std::string& guid) {
  if (!guid.empty()) out["guid"] = formats::guid_to_string(guid);
  out["schemaType"] = std::string(to_string(schema.type));
  if (!schema.references.empty()) {
    Json refs = Json::array();
    for (const auto& ref : schema.references)
      refs.push_back(Json{{"name", ref.name}, {"subject", ref.subject}, {"version", ref.version}});
    out["references"] = std::move(refs);
  }
  if (schema.metadata) out["metadata"] = Json::parse(*schema.metadata);
  if (schema.rule_set) out["ruleSet"] = Json::parse(*schema.rule_set);
  out["schema"] = schema.text;
}

std::string guid_of(const store::StateStore& store, SchemaId id, std::string_view context) {
  return store.guid_of(id, context).value_or("");
}

Json subject_version_json(const store::VersionInfo& version, const Schema& schema, const std::string& guid) {
  Json out;
  out["subject"] = version.subject;
  out["version"] = version.version;
  out["id"] = version.id;
  put_schema_fields(out, schema, guid);
  if (version.deleted) out["deleted"] = true;
  return out;
}

log::Record record_of(const log::Key& key, std::string value) {
  return log::Record{log::encode_key(key), std::move(value), {}};
}

std::vector<log::Record> tombstones_for(const store::StateStore& store, const log::Key& key) {
  auto variants = store.key_variants(key);
  if (variants.empty()) variants.push_back(log::encode_key(key));
  std::vector<log::Record> out;
  for (auto& bytes : variants) out.push_back(log::Record{std::move(bytes), std::nullopt, {}});
  return out;
}

std::vector<store::VersionInfo> live_versions(const store::StateStore& store, std::string_view subject) {
  auto all = store.versions(subject);
  std::erase_if(all, [](const store::VersionInfo& v) { return v.deleted; });
  return all;
}

namespace {

// Confluent's lookup chain for a config or mode record (InMemoryCache.config / .mode).
template <class T, class Get>
std::optional<T> in_scope(const std::optional<std::string>& subject, Get get) {
  if (subject)
    if (auto own = get(subject)) return own;
  const auto qs = QualifiedSubject::parse(subject.value_or(""));
  if (subject && !qs.in_default_context()) {
    if (auto context = get(std::optional<std::string>(qs.context_prefix()))) return context;
  } else if (auto global = get(std::nullopt)) {
    return global;
  }
  return get(std::optional<std::string>(context_prefix(kGlobalContext)));
}

}  // namespace

std::optional<log::ConfigValue> config_in_scope(const store::StateStore& store,
                                                const std::optional<std::string>& subject) {
  return in_scope<log::ConfigValue>(subject, [&](const std::optional<std::string>& s) { return store.config(s); });
}

std::optional<Mode> mode_in_scope(const store::StateStore& store, const std::optional<std::string>& subject) {
  return in_scope<Mode>(subject, [&](const std::optional<std::string>& s) { return store.mode(s); });
}

std::optional<std::string> config_scope(const Request& request) {
  if (request.segments.size() < 2) return std::nullopt;
  // `:.:` names the default context itself: the top level (Confluent's isDefaultContext).
  if (request.segments[1].empty()) return std::nullopt;
  return request.segments[1];
}

CompatibilityLevel effective_compatibility(const store::StateStore& store, const std::optional<std::string>& subject,
                                           CompatibilityLevel fallback) {
  if (auto config = config_in_scope(store, subject)) return config->compatibility_level.value_or(fallback);
  return fallback;
}

bool effective_normalize(const store::StateStore& store, const std::optional<std::string>& subject) {
  if (auto config = config_in_scope(store, subject)) return config->normalize.value_or(false);
  return false;
}

Mode effective_mode(const store::StateStore& store, const std::optional<std::string>& subject) {
  return mode_in_scope(store, subject).value_or(Mode::ReadWrite);
}

Result<std::vector<formats::ResolvedReference>> ParsedSchemaCache::resolve(
    const std::vector<SchemaReference>& references, bool allow_deleted, std::size_t max_references,
    std::string_view referrer, std::string_view type_name) const {
  auto lookup = [&](const SchemaReference& ref) -> std::optional<formats::ReferenceTarget> {
    std::optional<store::VersionInfo> target;
    if (ref.version == -1) {
      auto live = live_versions(store_, ref.subject);
      if (!live.empty()) target = live.back();
    } else {
      target = store_.version(ref.subject, ref.version);
    }
    if (!target || (target->deleted && !allow_deleted)) return std::nullopt;
    auto schema = store_.schema_by_id(target->id, context_of(target->subject));
    if (!schema) return std::nullopt;
    // The target's own references resolve in the target's context.
    return formats::ReferenceTarget{target->subject, target->version, std::move(schema->text),
                                    qualified_references(std::move(schema->references), target->subject)};
  };
  return formats::resolve_references(qualified_references(references, referrer), lookup, max_references, type_name);
}

Result<formats::ParsedSchemaPtr> ParsedSchemaCache::parse(const Schema& schema, bool allow_deleted_references,
                                                          std::size_t max_references, std::string_view subject) const {
  const auto* format = formats::format_for(schema.type);
  if (!format) return errors::invalid_schema_type(std::string(to_string(schema.type)));
  auto refs = resolve(schema.references, allow_deleted_references, max_references, subject, to_string(schema.type));
  if (!refs) return refs.error();
  // A format reports a bad schema as an error value; should its parser throw anyway (e.g. a
  // JSON library's number overflow), the client still gets 42201, not a 500.
  try {
    return format->parse(schema.text, *refs);
  } catch (const std::exception& e) {
    return errors::invalid_schema(to_string(schema.type), e.what());
  }
}

Result<formats::ParsedSchemaPtr> ParsedSchemaCache::stored(SchemaId id, std::string_view context) {
  std::pair<std::string, SchemaId> key{std::string(context), id};
  {
    std::lock_guard lock(mutex_);
    if (auto it = cache_.find(key); it != cache_.end()) return it->second;
  }
  auto schema = store_.schema_by_id(id, context);
  if (!schema) return errors::schema_not_found(id);
  // References resolve in the context of a subject carrying the id.
  std::string subject = context_prefix(context);
  if (auto users = store_.versions_with_id(id, context); !users.empty()) subject = users.front().subject;
  auto parsed = parse(*schema, true, SIZE_MAX, subject);
  if (!parsed) return parsed;
  std::lock_guard lock(mutex_);
  cache_[std::move(key)] = *parsed;
  return parsed;
}

Schema formatted_schema(ParsedSchemaCache& cache, const Request& request, SchemaId id, Schema schema,
                        std::string_view context) {
  auto format = request.param("format");
  if (!format || format->empty()) return schema;
  auto parsed = cache.stored(id, context);
  if (!parsed) return schema;  // a stored text this registry cannot parse is served as it is
  if (auto text = (*parsed)->formatted(*format)) schema.text = std::move(*text);
  return schema;
}

Json stored_version_json(ParsedSchemaCache& cache, const Request& request, const store::VersionInfo& version,
                         Schema schema) {
  const auto context = context_of(version.subject);
  return subject_version_json(version, formatted_schema(cache, request, version.id, std::move(schema), context),
                              guid_of(cache.store(), version.id, context));
}

std::size_t ParsedSchemaCache::size() const {
  std::lock_guard lock(mutex_);
  return cache_.size();
}

}  // namespace accord::api
