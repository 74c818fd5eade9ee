#pragma once
// What a subject's `validateFields` config (Confluent's schema.validate.fields) adds to a
// registration: reserved fields, named by the metadata property `confluent:reserved`
// (comma-separated), may not appear as top-level fields nor be dropped from a later
// version's list; and JSON Schema property names may not start with `$$`.
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "accord/formats/format.hpp"

namespace accord::formats {

// The reserved field names of a schema's metadata (compact JSON text), trimmed, empty ones dropped.
std::set<std::string> reserved_fields(const std::optional<std::string>& metadata);

// Avro: a field of the top-level record; JSON Schema: a root `properties` key; Protobuf: a
// field of any top-level message.
bool has_top_level_field(const ParsedSchema& schema, const std::string& name);

// Confluent's messages for a candidate against the latest earlier version's metadata
// (nullopt: no earlier version): each reserved field the candidate's metadata dropped, then
// each reserved field the candidate has.
std::vector<std::string> reserved_field_errors(const ParsedSchema& candidate,
                                               const std::optional<std::string>& candidate_metadata,
                                               const std::optional<std::optional<std::string>>& previous_metadata);

// The strict-validation failure of a schema, if any (JSON Schema: a `$$` property name at the
// root), in Confluent's words.
std::optional<std::string> strict_field_violation(const ParsedSchema& schema);

}  // namespace accord::formats
