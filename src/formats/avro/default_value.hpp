#pragma once
// Whether a JSON value is a valid default for a schema, as Java Avro 1.11 decides it
// (Schema.isValidDefault): unions by their first branch, enum/fixed/bytes as any string.
#include "schema_model.hpp"

namespace accord::formats::avro {

bool is_valid_default(const Node& schema, const Json* value);

}  // namespace accord::formats::avro
