#include "accord/registry/parsed_schema_cache.hpp"

#include <climits>

#include "accord/formats/identity.hpp"
#include "accord/model/errors.hpp"
#include "accord/registry/subject_versions.hpp"

namespace accord::registry {

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

namespace {

// Below this, parsing a text costs about what keeping and finding its parsed form would.
constexpr std::size_t kParseOnceFrom = 1024;

std::size_t parsed_cost(const Schema& schema) {
  return 8 * schema.text.size() + 1024;  // a parsed schema is a few times its text
}

}  // namespace

Result<formats::ParsedSchemaPtr> ParsedSchemaCache::parse(const Schema& schema, bool allow_deleted_references,
                                                          std::size_t max_references, std::string_view subject) const {
  const auto* format = formats::format_for(schema.type);
  if (!format) return errors::invalid_schema_type(std::string(to_string(schema.type)));
  // A text without references parses the same whoever sends it: the producers that register
  // or look up one large schema as they start parse it once (Confluent caches alike). The
  // key's first byte keeps it apart from the (context, id) keys, which start with a dot.
  std::string key;
  if (schema.references.empty() && schema.text.size() >= kParseOnceFrom) {
    key = std::string(1, '\x01') + std::string(to_string(schema.type)) + '\0' + schema.text;
    std::lock_guard lock(mutex_);
    if (auto* entry = parsed_.find(key)) return entry->parsed;
  }
  auto refs = resolve(schema.references, allow_deleted_references, max_references, subject, to_string(schema.type));
  if (!refs) return refs.error();
  // A format reports a bad schema as an error value; should its parser throw anyway (e.g. a
  // JSON library's number overflow), the client still gets 42201, not a 500.
  auto parsed = [&]() -> Result<formats::ParsedSchemaPtr> {
    try {
      return format->parse(schema.text, *refs);
    } catch (const std::exception& e) {
      return errors::invalid_schema(to_string(schema.type), e.what());
    }
  }();
  if (parsed && !key.empty()) {
    std::lock_guard lock(mutex_);
    parsed_.put(std::move(key), Entry{{}, *parsed}, parsed_cost(schema) + schema.text.size());
  }
  return parsed;
}

Result<formats::ParsedSchemaPtr> ParsedSchemaCache::stored(SchemaId id, std::string_view context) {
  auto stored = store_.stored_schema(id, context);
  if (!stored) return errors::schema_not_found(id);
  std::string key(context);
  key.push_back('\0');
  key += std::to_string(id);
  {
    std::lock_guard lock(mutex_);
    if (auto* entry = parsed_.find(key)) {
      if (entry->identity == stored->identity) return entry->parsed;
      parsed_.erase(key);
    }
  }
  // References resolve in the context of a subject carrying the id.
  std::string subject = context_prefix(context);
  if (auto users = store_.versions_with_id(id, context); !users.empty()) subject = users.front().subject;
  auto parsed = parse(stored->schema, true, SIZE_MAX, subject);
  if (!parsed) return parsed;
  const std::size_t cost = parsed_cost(stored->schema);
  std::lock_guard lock(mutex_);
  parsed_.put(std::move(key), Entry{std::move(stored->identity), *parsed}, cost);
  return parsed;
}

std::size_t ParsedSchemaCache::size() const {
  std::lock_guard lock(mutex_);
  return parsed_.size();
}

}  // namespace accord::registry
