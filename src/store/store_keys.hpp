#pragma once
// RocksDB layout of the state store (private to store/). Every lookup the API makes is a
// point read or a prefix scan over one of these key families, so nothing is loaded at
// start (docs/store.md):
//
//   "F"                                  layout version (kLayout); another one is rebuilt
//   "o"                                  applied offset (decimal)
//   "n"                                  number of live schema ids, all contexts (decimal)
//   "x" / "x" + context                  id high-water mark of the default / a named
//                                        context (decimal); tombstones never lower it
//   "v" S(subject) B(version)            a version: its id, soft-delete flag, timestamp
//   "s" S(context) B(id)                 a schema id: its text, type, references,
//                                        metadata, rule set, identity, GUID. The text is
//                                        stored once per id, whatever uses it. In the
//                                        column family "schemas", every other key in
//                                        the default one (rocksdb_options.hpp).
//   "u" S(context) B(id) S(subject) B(v) empty: the versions using an id
//   "h" S(context) S(identity)           the first id of a schema identity (dedup)
//   "g" S(context) S(guid) B(id)         empty: the ids of a GUID
//   "r" S(subject) B(version) S(context) B(id)
//                                        empty: schemas referencing (subject, version)
//   "C" S(subject) / "C"                 a subject's / the global CONFIG value (log JSON)
//   "a" S(subject)                       the subject's alias, when its CONFIG names one (read
//                                        by every request naming a subject: no JSON decode)
//   "M" S(subject) / "M"                 a subject's / the global mode (its name)
//   "c" S(context)                       empty: a context named by a CONTEXT record
//   "k" + logical key                    the key byte strings seen for a logical key, when
//                                        any differs from the canonical encoding
//
// S(text) escapes 0x00 as 0x00 0xff and ends with 0x00 0x00, so a prefix never matches a
// longer name and keys sort like their names; B(n) is 4 bytes big-endian (ascending order).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "accord/model/error.hpp"
#include "accord/model/types.hpp"

namespace accord::store::keys {

inline constexpr std::string_view kLayoutKey = "F";
inline constexpr std::string_view kLayout = "4";
inline constexpr std::string_view kAppliedOffset = "o";
inline constexpr std::string_view kSchemaCount = "n";
inline constexpr std::string_view kMaxId = "x";

std::string max_id_key(std::string_view context);
std::string version_prefix(std::string_view subject);
std::string version_key(std::string_view subject, VersionNumber version);
// Every version key starts with this: the whole subject listing.
inline constexpr std::string_view kVersions = "v";
std::string schema_key(std::string_view context, SchemaId id);
std::string user_prefix(std::string_view context, SchemaId id);
std::string user_key(std::string_view context, SchemaId id, std::string_view subject, VersionNumber version);
std::string identity_key(std::string_view context, std::string_view identity);
std::string guid_prefix(std::string_view context, std::string_view guid);
std::string guid_key(std::string_view context, std::string_view guid, SchemaId id);
std::string referrer_prefix(std::string_view subject, VersionNumber version);
std::string referrer_key(std::string_view subject, VersionNumber version, std::string_view context, SchemaId id);
std::string config_key(const std::optional<std::string>& subject);
std::string alias_key(std::string_view subject);
std::string mode_key(const std::optional<std::string>& subject);
inline constexpr std::string_view kContexts = "c";
std::string context_key(std::string_view context);
std::string variants_key(std::string_view logical);

// Reading keys back: the remainder after a prefix, parsed field by field.
class KeyReader {
 public:
  explicit KeyReader(std::string_view rest) : rest_(rest) {}
  std::optional<std::string> text();
  std::optional<int32_t> number();
  // number(), named for what the key family holds there.
  std::optional<SchemaId> id();
  std::optional<VersionNumber> version();

 private:
  std::string_view rest_;
};

struct VersionEntry {
  SchemaId id{0};
  bool deleted = false;
  int64_t timestamp_ms = 0;
};
std::string encode_version(const VersionEntry& entry);
std::optional<VersionEntry> decode_version(std::string_view bytes);

struct SchemaEntry {
  Schema schema;
  std::string identity;  // formats::stored_schema_identity, references resolved
  std::string guid;      // formats::schema_guid
};
std::string encode_schema(const SchemaEntry& entry);
std::optional<SchemaEntry> decode_schema(std::string_view bytes);

// The version or schema entry under its key, read through `get` (key → optional bytes: the
// database, or an update's batch over it).
template <class Get>
std::optional<VersionEntry> read_version(Get&& get, std::string_view subject, VersionNumber version) {
  auto bytes = get(version_key(subject, version));
  return bytes ? decode_version(*bytes) : std::nullopt;
}
template <class Get>
std::optional<SchemaEntry> read_schema(Get&& get, std::string_view context, SchemaId id) {
  auto bytes = get(schema_key(context, id));
  return bytes ? decode_schema(*bytes) : std::nullopt;
}

std::string encode_variants(const std::vector<std::string>& variants);
std::optional<std::vector<std::string>> decode_variants(std::string_view bytes);

}  // namespace accord::store::keys
