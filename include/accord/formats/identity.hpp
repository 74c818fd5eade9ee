#pragma once
// Schema identity: which stored schema a submitted one *is*, for lookup, re-registration and
// id reuse, whoever wrote the stored text (Accord, Confluent 5.x-8.x, Karapace, a client's
// own formatting). It is Confluent's MD5 layout (text, then each reference's name, subject
// and big-endian version, then 0x01 + metadata, then 0x01 + ruleSet; the type is not hashed)
// taken over the schema's *normalized* text and key-sorted metadata/ruleSet, so texts that
// differ only in whitespace, key order, `{"type":"string"}` versus `"string"`, comments or
// printer style have one identity, and any real difference (a doc, a default, an alias, a
// property) gives another. See docs/architecture.md "Identity and ids".
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "accord/formats/format.hpp"
#include "accord/model/error.hpp"
#include "accord/model/types.hpp"

namespace accord::formats {

// The 16-byte digest of a schema whose comparable text is `text`.
std::string identity_digest(std::string_view text, const Schema& schema);

// The identity of a parsed schema (`schema` supplies references, metadata and ruleSet).
std::string schema_identity(const ParsedSchema& parsed, const Schema& schema);

// The identity of a stored schema: parsed with its resolved references. A text this
// registry's parsers refuse (a foreign or IMPORTed record) keeps the digest of its bytes,
// so it still matches itself exactly.
std::string stored_schema_identity(const Schema& schema, std::span<const ResolvedReference> references);

// A reference's target as the caller's store sees it; nullopt when it does not exist (or
// the caller does not accept it, e.g. soft-deleted).
struct ReferenceTarget {
  std::string subject;
  VersionNumber version{0};
  std::string text;
  std::vector<SchemaReference> references;
};
using ReferenceLookup = std::function<std::optional<ReferenceTarget>(const SchemaReference&)>;

// The references flattened for Format::parse: dependencies before dependents, each name
// once. 42201 for a missing target, a cycle, or more than `max_references`, worded for a
// schema of type `type_name` (the one whose references these are).
Result<std::vector<ResolvedReference>> resolve_references(const std::vector<SchemaReference>& references,
                                                          const ReferenceLookup& lookup, std::size_t max_references,
                                                          std::string_view type_name);

}  // namespace accord::formats
