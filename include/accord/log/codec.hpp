#pragma once
// The `_schemas` record codec: Confluent's key and value JSON (shared/docs/rest-api.md §6).
// Keys are written in canonical byte order (keytype, subject, version, magic) because
// compaction compares key bytes; they are read by field, whatever their order.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "accord/model/error.hpp"
#include "accord/model/types.hpp"

namespace accord::log {

enum class KeyType { Schema, Config, Mode, DeleteSubject, ClearSubject, Noop, Context, Unknown };

struct Key {
  KeyType type = KeyType::Noop;
  std::string keytype;                 // as read (for Unknown: the unknown name)
  std::optional<std::string> subject;  // absent for global CONFIG/MODE and NOOP
  std::optional<VersionNumber> version;  // SCHEMA only
  int magic = 0;
  std::optional<std::string> tenant;   // CONTEXT only
  std::optional<std::string> context;  // CONTEXT only
  bool operator==(const Key&) const = default;
};

// Canonical Confluent bytes for a key, e.g. {"keytype":"SCHEMA","subject":"s","version":1,"magic":1}.
std::string encode_key(const Key& key);
// Parses any field order, `"subject":null`, extra fields. Error for non-JSON, a missing
// keytype, or a SCHEMA key with magic other than 0/1. Unknown keytypes decode as KeyType::Unknown.
Result<Key> decode_key(std::string_view bytes);
// Identity of the logical key, independent of the byte form (used to group key byte variants).
std::string logical_key(const Key& key);

Key schema_key(std::string_view subject, VersionNumber version);
Key config_key(std::optional<std::string> subject);
Key mode_key(std::optional<std::string> subject);
Key delete_subject_key(std::string_view subject);
Key clear_subject_key(std::string_view subject);
Key noop_key();
// The tenant of every context Accord writes (Confluent's open-source default).
inline constexpr std::string_view kDefaultTenant = "default";
// {"keytype":"CONTEXT","tenant":"default","context":".team-a","magic":0}: a context name
// with its leading dot and no colons.
Key context_key(std::string_view context);

struct SchemaValue {
  std::string subject;
  VersionNumber version{0};
  SchemaId id{0};
  Schema schema;  // type, text, references, metadata, ruleSet
  bool deleted = false;
  bool operator==(const SchemaValue&) const = default;
};

// Compatibility config. Known fields are typed; metadata/ruleSet fields are compact JSON.
struct ConfigValue {
  std::optional<std::string> subject;
  std::optional<std::string> alias;
  std::optional<bool> normalize;
  std::optional<bool> validate_fields;
  std::optional<bool> validate_rules;
  std::optional<CompatibilityLevel> compatibility_level;
  std::optional<std::string> compatibility_group;
  std::optional<std::string> default_metadata;
  std::optional<std::string> override_metadata;
  std::optional<std::string> default_rule_set;
  std::optional<std::string> override_rule_set;
  bool operator==(const ConfigValue&) const = default;
};

struct ModeValue {
  std::optional<std::string> subject;
  Mode mode = Mode::ReadWrite;
  bool operator==(const ModeValue&) const = default;
};

struct DeleteSubjectValue {
  std::string subject;
  VersionNumber version{0};
  bool operator==(const DeleteSubjectValue&) const = default;
};

struct ClearSubjectValue {
  std::optional<std::string> subject;
  bool operator==(const ClearSubjectValue&) const = default;
};

// Values in Confluent's field order, NON_EMPTY inclusion. `schemaType` is written for
// every type (8.x shape, readable by 7.x nodes); a 7.x reader ignores nothing it needs.
std::string encode_schema_value(const SchemaValue& value);
std::string encode_config_value(const ConfigValue& value);
std::string encode_mode_value(const ModeValue& value);
std::string encode_delete_subject_value(const DeleteSubjectValue& value);
std::string encode_clear_subject_value(const ClearSubjectValue& value);
// {"tenant":"default","context":".team-a"}
std::string encode_context_value(std::string_view context);

// Decoders accept every historic shape: absent/null schemaType = AVRO, absent references,
// CONFIG/MODE without subject (the caller takes it from the key), unknown fields ignored.
Result<SchemaValue> decode_schema_value(std::string_view bytes);
Result<ConfigValue> decode_config_value(std::string_view bytes);
Result<ModeValue> decode_mode_value(std::string_view bytes);
Result<DeleteSubjectValue> decode_delete_subject_value(std::string_view bytes);
Result<ClearSubjectValue> decode_clear_subject_value(std::string_view bytes);

// Both null and zero-length values mean "delete" (Karapace writes b"" for deletes).
inline bool is_tombstone(const std::optional<std::string>& value) { return !value || value->empty(); }

}  // namespace accord::log
