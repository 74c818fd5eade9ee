#pragma once
// Builds the checked form (SchemaGraph) of a JSON Schema document and the documents it
// references, refusing schemas Confluent's loader refuses: a root that is neither object nor
// boolean, unknown type names, keywords holding the wrong JSON type, unresolvable `$ref`s.
#include <memory>
#include <nlohmann/json.hpp>
#include <span>
#include <string>

#include "accord/model/error.hpp"
#include "schema_node.hpp"

namespace accord::formats::json {

// A schema registered under another subject, as it is named in `$ref` (the reference name).
struct ReferencedDocument {
  std::string name;
  nlohmann::ordered_json document;
};

// The reason is the bare parser message; the caller wraps it into a 42201.
Result<std::shared_ptr<const SchemaGraph>> load_schema(const nlohmann::ordered_json& document,
                                                       std::span<const ReferencedDocument> references);

}  // namespace accord::formats::json
