#pragma once
// Value types of the registry domain. No I/O, no JSON: std only.
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace accord {

using SchemaId = int32_t;
using VersionNumber = int32_t;
using Offset = int64_t;

enum class SchemaType { Avro, Json, Protobuf };

std::string_view to_string(SchemaType type);
// Case-insensitive; empty means AVRO (Confluent's default).
std::optional<SchemaType> parse_schema_type(std::string_view text);

enum class CompatibilityLevel {
  None,
  Backward,
  BackwardTransitive,
  Forward,
  ForwardTransitive,
  Full,
  FullTransitive,
};

std::string_view to_string(CompatibilityLevel level);
std::optional<CompatibilityLevel> parse_compatibility_level(std::string_view text);  // case-insensitive

enum class Mode { ReadWrite, ReadOnly, ReadOnlyOverride, Import, Forward };

std::string_view to_string(Mode mode);
std::optional<Mode> parse_mode(std::string_view text);  // case-insensitive

struct SchemaReference {
  std::string name;
  std::string subject;
  VersionNumber version = 0;
  auto operator<=>(const SchemaReference&) const = default;
};

// A schema as stored: the canonical text plus what is part of its identity.
// metadata and rule_set hold compact JSON text (absent when empty).
struct Schema {
  SchemaType type = SchemaType::Avro;
  std::string text;
  std::vector<SchemaReference> references;
  std::optional<std::string> metadata;
  std::optional<std::string> rule_set;
  bool operator==(const Schema&) const = default;
};

struct SubjectVersion {
  std::string subject;
  VersionNumber version = 0;
  auto operator<=>(const SubjectVersion&) const = default;
};

// Subject names: no ISO control characters, not the reserved __GLOBAL / __EMPTY.
bool is_valid_subject(std::string_view subject);

}  // namespace accord
