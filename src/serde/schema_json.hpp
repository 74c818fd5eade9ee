#pragma once
// Schema ↔ the REST API's JSON shapes (rest-api.md §2), inside serde only.
#include <nlohmann/json.hpp>

#include "accord/model/types.hpp"
#include "accord/serde/error.hpp"

namespace accord::serde {

nlohmann::json schema_to_request(const Schema& schema);
// Reads schema, schemaType (default AVRO), references, metadata, ruleSet from a
// Schema / SchemaString / RegisterSchemaResponse body.
SerdeResult<Schema> schema_from_response(const nlohmann::json& body);

}  // namespace accord::serde
