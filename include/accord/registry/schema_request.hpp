#pragma once
// What a client submits to register, look up or check a schema (Confluent's
// RegisterSchemaRequest), typed: the api parses it from the request body.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "accord/model/types.hpp"

namespace accord::registry {

struct SchemaRequest {
  std::optional<std::string> schema;  // absent or empty: reuse the previous version's (§5.8)
  SchemaType type = SchemaType::Avro;
  std::vector<SchemaReference> references;
  std::optional<std::string> metadata;  // compact JSON object, absent when empty
  std::optional<std::string> rule_set;  // likewise
  std::optional<int64_t> version;       // as sent: checked by the operation
  std::optional<int64_t> id;            // as sent: IMPORT only
};

}  // namespace accord::registry
