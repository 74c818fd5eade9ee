#pragma once
// Value types of the registry domain. No I/O, no JSON: std only.
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "accord/model/number.hpp"

namespace accord {

// Distinct types (model/number.hpp): an id, a version and an offset never stand in for each
// other. A VersionNumber of -1 means "latest" where a request allows it; an Offset of -1 means
// "nothing yet" (no record applied or written).
struct SchemaIdTag;
struct VersionNumberTag;
struct OffsetTag;
using SchemaId = Number<SchemaIdTag, int32_t>;
using VersionNumber = Number<VersionNumberTag, int32_t>;
using Offset = Number<OffsetTag, int64_t>;

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
  VersionNumber version{0};
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
  VersionNumber version{0};
  auto operator<=>(const SubjectVersion&) const = default;
};

// Contexts (Confluent's QualifiedSubject). A subject may be qualified `:.ctx:name`; the
// context is written with its leading dot (".team-a"), the default context is ".", and a
// subject of the default context is written unqualified (`:.:orders` is `orders`).
inline constexpr std::string_view kDefaultContext = ".";
// The context of the `:.__GLOBAL:` config and mode records, below every other context.
inline constexpr std::string_view kGlobalContext = ".__GLOBAL";
// `:*:` in a subjectPrefix: every context.
inline constexpr std::string_view kContextWildcard = ":*:";

struct QualifiedSubject {
  std::string context{kDefaultContext};  // ".", ".team-a", or "*" after `:*:`
  std::string name;                     // may be empty: the context itself (`:.team-a:`)

  // `:.ctx:name` -> (".ctx", "name"); `:.ctx` -> (".ctx", ""); `:*:name` -> ("*", "name");
  // anything else is a name in the default context.
  static QualifiedSubject parse(std::string_view text);
  bool in_default_context() const { return context == kDefaultContext; }
  // ":.ctx:" for a named context, "" for the default one.
  std::string context_prefix() const;
  // The subject as stored in records: context prefix + name.
  std::string qualified() const { return context_prefix() + name; }
};

// The stored spelling of a subject given by a client (`:.:orders` -> `orders`).
inline std::string normalize_subject(std::string_view subject) { return QualifiedSubject::parse(subject).qualified(); }
// The context a (stored) subject belongs to: "." or ".ctx".
inline std::string context_of(std::string_view subject) { return QualifiedSubject::parse(subject).context; }
// ":.ctx:" for a context name ".ctx" (the form subjects and messages use), "" for ".".
std::string context_prefix(std::string_view context);
// A reference's subject resolved against the subject holding the reference: an unqualified
// reference lives in the referrer's context; a qualified one names its own.
std::string qualify_with_parent(std::string_view parent, std::string_view subject);
// The references with their subjects qualified against the referrer (for lookups only: a
// record keeps its references as written).
std::vector<SchemaReference> qualified_references(std::vector<SchemaReference> references, std::string_view referrer);
// Whether `subject` (stored spelling) is `scope` or, when `scope` names a context only
// (`:.ctx:`), lies in that context. `:.__GLOBAL:` covers every subject.
bool subject_in_scope(std::string_view subject, std::string_view scope);

// Subject names: no ISO control characters; the name is not the reserved __GLOBAL / __EMPTY,
// nor empty; not in the `:.__GLOBAL:` context. Config and mode also accept a context alone
// (`:.ctx:`) and the `:.__GLOBAL:` context.
bool is_valid_subject(std::string_view subject, bool config_or_mode = false);

}  // namespace accord
