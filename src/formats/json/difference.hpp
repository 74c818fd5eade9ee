#pragma once
// One change found between two JSON Schemas, named as Confluent's JSON Schema
// Difference.Type names it, and whether the STRICT policy accepts it.
#include <string>
#include <string_view>

namespace accord::formats::json {

struct Difference {
  std::string kind;  // e.g. "REQUIRED_ATTRIBUTE_ADDED"
  std::string path;  // JSON path in the schema, "#/properties/a"
};

// Changes a reader can absorb under Confluent's default (STRICT) policy.
bool is_compatible_change(std::string_view kind);

// The human explanation of an incompatible change; "new" is the reader, "old" the writer.
std::string describe(const Difference& difference);

}  // namespace accord::formats::json
