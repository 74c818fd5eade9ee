#pragma once
// Avro schema resolution: can `reader` read data written with `writer`? Decided exactly as
// Java Avro 1.11's SchemaCompatibility decides it (Confluent's verdicts come from it), with
// one Incompatibility per break, located by a path in the reader schema.
#include <vector>

#include "accord/formats/format.hpp"
#include "schema_model.hpp"

namespace accord::formats::avro {

std::vector<Incompatibility> check_compatibility(const Node& reader, const Node& writer);

}  // namespace accord::formats::avro
