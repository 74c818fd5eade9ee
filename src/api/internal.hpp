#pragma once
// Helpers shared by the endpoint files (private to api/).
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "accord/api/error_response.hpp"
#include "accord/api/request.hpp"
#include "accord/formats/format.hpp"
#include "accord/log/codec.hpp"
#include "accord/log/record.hpp"
#include "accord/model/error.hpp"
#include "accord/model/types.hpp"
#include "accord/store/state_store.hpp"

namespace accord::api {

using Json = nlohmann::ordered_json;

Response json_response(const Json& body, int status = 200);

// The request body as JSON; 400 when it is not JSON or not the expected kind.
Result<Json> parse_json_body(const Request& request);
Result<Json> parse_object_body(const Request& request);

// RegisterSchemaRequest (register, lookup, compatibility).
struct SchemaRequest {
  std::optional<std::string> schema;
  SchemaType type = SchemaType::Avro;
  std::vector<SchemaReference> references;
  std::optional<std::string> metadata;
  std::optional<std::string> rule_set;
  std::optional<int64_t> version;
  std::optional<int64_t> id;
};
Result<SchemaRequest> parse_schema_request(const Request& request);

// "latest", "-1" -> nullopt (latest); 1..2^31-1 -> that version; else 42202.
Result<std::optional<VersionNumber>> parse_version(std::string_view text);
// A schema id path parameter; 40403 for anything that is not a positive int.
Result<SchemaId> parse_id(std::string_view text);
bool is_valid_subject_param(std::string_view subject, bool config_or_mode = false);

// Response shapes (NON_EMPTY: empty references/metadata/ruleSet are omitted). `guid` is the
// stored schema's 16 GUID bytes (formats/guid.hpp), printed as a UUID; omitted when empty.
void put_schema_fields(Json& out, const Schema& schema, const std::string& guid);
Json subject_version_json(const store::VersionInfo& version, const Schema& schema, const std::string& guid);
// The GUID bytes of the schema stored under `id` in the context; empty when none is.
std::string guid_of(const store::StateStore& store, SchemaId id, std::string_view context);

// Confluent's subjectPrefix over stored subject names: `:*:p` names starting with p in every
// context, `:.ctx:p` names starting with p in .ctx, `:.ct` (no closing colon) every subject
// of the contexts whose name starts with .ct, anything else names in the default context.
bool matches_subject_prefix(std::string_view subject, std::string_view prefix);

// Pagination (offset/limit query parameters) applied to a listing.
template <class T>
std::vector<T> paginate(const Request& request, std::vector<T> items) {
  auto number = [&](const char* name) -> int64_t {
    auto value = request.param(name);
    if (!value) return 0;
    try {
      return std::stoll(*value);
    } catch (...) {
      return 0;
    }
  };
  const int64_t offset = std::max<int64_t>(0, number("offset"));
  const int64_t limit = number("limit");
  if (offset >= static_cast<int64_t>(items.size())) return {};
  auto begin = items.begin() + offset;
  auto end = (limit > 0 && offset + limit < static_cast<int64_t>(items.size())) ? begin + limit : items.end();
  return std::vector<T>(std::make_move_iterator(begin), std::make_move_iterator(end));
}

// Every key byte string seen for `key` as a tombstone record (compaction compares bytes);
// the canonical form when none was seen.
std::vector<log::Record> tombstones_for(const store::StateStore& store, const log::Key& key);
log::Record record_of(const log::Key& key, std::string value);

// Live (or all) versions of a subject.
std::vector<store::VersionInfo> live_versions(const store::StateStore& store, std::string_view subject);

// The config record that applies to a subject (Confluent's InMemoryCache.config): the
// subject's own record, else its context's (`:.ctx:`, the global record for the default
// context), else the `:.__GLOBAL:` record. nullopt subject: the global record onwards.
std::optional<log::ConfigValue> config_in_scope(const store::StateStore& store, const std::optional<std::string>& subject);
// The same chain for modes.
std::optional<Mode> mode_in_scope(const store::StateStore& store, const std::optional<std::string>& subject);
// The scope a /config/{s} or /mode/{s} path names: nullopt for the top level (also `:.:`).
std::optional<std::string> config_scope(const Request& request);
// Effective configuration for a subject: the record in scope, else defaults.
CompatibilityLevel effective_compatibility(const store::StateStore& store, const std::optional<std::string>& subject,
                                           CompatibilityLevel fallback);
bool effective_normalize(const store::StateStore& store, const std::optional<std::string>& subject);
Mode effective_mode(const store::StateStore& store, const std::optional<std::string>& subject);

// Parses schemas once: stored schemas by id, with their references resolved from the store.
class ParsedSchemaCache {
 public:
  explicit ParsedSchemaCache(const store::StateStore& store) : store_(store) {}
  // The references flattened (dependencies first, each name once) with their texts.
  // `allow_deleted`: soft-deleted targets are acceptable (stored schemas, IMPORT).
  // References resolve in the context of `referrer`, the subject holding them.
  Result<std::vector<formats::ResolvedReference>> resolve(const std::vector<SchemaReference>& references,
                                                          bool allow_deleted, std::size_t max_references,
                                                          std::string_view referrer, std::string_view type_name) const;
  // Parses a candidate schema of `subject` (not cached).
  Result<formats::ParsedSchemaPtr> parse(const Schema& schema, bool allow_deleted_references,
                                         std::size_t max_references, std::string_view subject) const;
  // The parsed form of a stored schema, cached by (context, id).
  Result<formats::ParsedSchemaPtr> stored(SchemaId id, std::string_view context);
  std::size_t size() const;
  const store::StateStore& store() const { return store_; }

 private:
  const store::StateStore& store_;
  mutable std::mutex mutex_;
  std::map<std::pair<std::string, SchemaId>, formats::ParsedSchemaPtr> cache_;
};

// The stored schema as a read answers it: its text in the `format` the request names
// (Avro `resolved`, Protobuf `serialized` / `ignore_extensions`), else unchanged; unknown
// formats, and formats of another schema type, are ignored as Confluent ignores them.
Schema formatted_schema(ParsedSchemaCache& cache, const Request& request, SchemaId id, Schema schema,
                        std::string_view context);
// The Schema entity of a stored version as a read answers it: the text in the requested
// format, the GUID of its id in the version's context.
Json stored_version_json(ParsedSchemaCache& cache, const Request& request, const store::VersionInfo& version,
                         Schema schema);

}  // namespace accord::api
