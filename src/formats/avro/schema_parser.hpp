#pragma once
// Builds the schema graph from Avro schema JSON text, validating it the way Java Avro 1.11's
// Schema.Parser does (names, duplicates, unions, defaults), with Java's wording in errors.
#include <string>
#include <string_view>

#include "schema_model.hpp"

namespace accord::formats::avro {

struct ParseOutcome {
  const Node* root = nullptr;  // null when `error` says why
  std::string error;
};

// Parses `text` into `graph`; named types it defines join graph.named, so texts parsed
// later (the schema after its references) can use them by name.
ParseOutcome parse_schema_text(SchemaGraph& graph, std::string_view text);

}  // namespace accord::formats::avro
