#pragma once
// A schema's outline as a person reads it: its named types (records, messages, enums,
// objects) and its fields with type, default, doc and (Protobuf) number, nested fields
// under dotted paths. The same shape for the three formats, so that one structural diff
// serves them all (the UI's field table and GET /accord/v1/subjects/{s}/diff, docs/ui.md).
#include <optional>
#include <string>
#include <vector>

#include "accord/formats/format.hpp"

namespace accord::formats {

struct OutlineType {
  std::string name;  // full name (Avro, Protobuf), title or definition path (JSON Schema)
  std::string kind;  // "record", "enum", "fixed", "message", "object"
  std::string doc;
  std::vector<std::string> symbols;  // enum symbols (Protobuf: "NAME = number")
};

struct OutlineField {
  std::string path;  // dotted, unique in the schema: "customer.address.city"
  std::string name;
  std::string type;  // "string", "array<Item>", "null | string", "map<string, int64>"
  std::optional<std::string> default_json;
  std::string doc;
  std::optional<int> number;  // Protobuf field number
  bool required = false;       // JSON Schema "required", Protobuf `required`, Avro: no default
  int depth = 0;               // 0 for the fields of the top-level type
};

struct Outline {
  std::vector<OutlineType> types;
  std::vector<OutlineField> fields;
};

// The outline of a schema produced by a format's parse().
Outline outline(const ParsedSchema& schema);

struct OutlineChange {
  std::string kind;  // field_added, field_removed, type_changed, default_changed, doc_changed,
                     // number_changed, required_changed, type_added, type_removed,
                     // symbol_added, symbol_removed
  std::string path;  // the field's path, or the type's name
  std::string before;
  std::string after;
};

// What changed from `from` to `to`, fields in the order of `from` then the added ones.
std::vector<OutlineChange> diff_outlines(const Outline& from, const Outline& to);

}  // namespace accord::formats
