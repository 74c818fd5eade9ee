#pragma once
// The schema's JSON as a RapidJSON document, holding what parse_json<Json> (the nlohmann
// document the rest of the model keeps) would hold.
//
// The parser only walks the schema JSON once and keeps a few scalars of it; building an
// nlohmann document for that, and tearing it down, was half the parse (each value, key
// and long string its own allocation). A RapidJSON document lives in one memory pool.
// Custom properties and defaults, which the model keeps, are converted by to_json.
#include <optional>
#include <string>
#include <string_view>

#include <rapidjson/document.h>

#include "schema_model.hpp"

namespace accord::formats::avro {

// Reads `text` into `document`; on invalid JSON, the message nlohmann's parse gives. Text
// that RapidJSON would read differently from nlohmann (an escape, a NUL byte, a repeated
// key: nlohmann keeps its first position and its last value) is read by nlohmann and its
// document written back to RapidJSON, so both always agree.
std::optional<std::string> read_document(std::string_view text, rapidjson::Document& document);

// The value as parse_json<Json> would have built it: keys in order, integers as signed
// when negative and unsigned otherwise, others as doubles. (-0 is unsigned 0 here, signed 0
// there: the same value, printed alike.)
Json to_json(const rapidjson::Value& value);

}  // namespace accord::formats::avro
