#pragma once
// Logical types as Java Avro 1.11 recognises them. An invalid one (decimal without a valid
// precision, date on a string, ...) is ignored, as Java's LogicalTypes.fromSchemaIgnoreInvalid
// ignores it: the schema falls back to its underlying type and keeps the properties.
#include "schema_model.hpp"

namespace accord::formats::avro {

LogicalType recognise_logical_type(const Node& node);

}  // namespace accord::formats::avro
