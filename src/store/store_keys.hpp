#pragma once
// RocksDB layout of the state store (private to store/):
//   "o"                  applied offset (decimal)
//   "x"                  the default context's id high-water mark (decimal); tombstones
//                        never lower it
//   "x" + context        the same for a named context, e.g. "x.team-a" (ids are per context)
//   "i"                  how the persisted identities were computed (kIdentityScheme)
//   "g"                  every SCHEMA entry carries its GUID
//   "r" + logical key    the logical key's effective record: every key byte string seen
//                        for it, the record timestamp and the value bytes; a SCHEMA record
//                        also carries its decoded form, so a start re-indexes it without
//                        parsing JSON or hashing the schema again (identity, then GUID)
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "accord/log/codec.hpp"
#include "accord/model/error.hpp"

namespace accord::store::keys {

inline constexpr std::string_view kAppliedOffset = "o";
inline constexpr std::string_view kMaxId = "x";
inline constexpr std::string_view kRecordPrefix = "r";
inline constexpr std::string_view kIdentityKey = "i";
// Present once every SCHEMA entry carries its GUID (entries of older stores gain it at open).
inline constexpr std::string_view kGuidKey = "g";
// Identities from the parsed schema's normalized text (formats/identity.hpp). A store
// without it holds digests of the stored bytes and is upgraded once at open.
inline constexpr std::string_view kIdentityScheme = "normalized-1";

// A SCHEMA value as the indexes hold it: what load() needs, without decoding JSON.
struct DecodedSchema {
  log::SchemaValue value;
  std::string identity;  // formats::stored_schema_identity of value.schema
  std::string guid;      // formats::schema_guid of value.schema; entries written before GUIDs lack it
};

struct PersistedRecord {
  std::vector<std::string> key_variants;  // never empty
  int64_t timestamp_ms = 0;
  std::string value;
  std::optional<DecodedSchema> schema;  // SCHEMA records written by this format
};

std::string encode_persisted(const PersistedRecord& record);
Result<PersistedRecord> decode_persisted(std::string_view bytes);

}  // namespace accord::store::keys
