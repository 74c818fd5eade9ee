#pragma once
// JSON text as a RapidJSON document, holding what parse_json<nlohmann::ordered_json> would.
//
// A reader that walks a document once and keeps a few of its values (the Avro parser) pays
// most of its time building an nlohmann document and tearing it down: each value, key and
// long string is its own allocation. A RapidJSON document lives in one memory pool. What a
// reader keeps as JSON is converted by to_ordered_json. (The `_schemas` record decoders
// stay on nlohmann documents: on RapidJSON's they were no faster, the record's long escaped
// schema string being most of their time either way.)
//
// Both libraries must read every text alike. A text RapidJSON would read otherwise than
// nlohmann (any `\u` escape, a NUL byte, a repeated key: nlohmann keeps its first position
// and its last value; a byte order mark, anything RapidJSON refuses) is read by nlohmann and
// its document written back to RapidJSON, so nlohmann decides values and errors, as
// parse_json does everywhere else.
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>
#include <rapidjson/document.h>

namespace accord {

// Reads `text` into `document`; on invalid JSON, the message of nlohmann's exception.
std::optional<std::string> read_json_document(std::string_view text, rapidjson::Document& document);

// The value as parse_json<nlohmann::ordered_json> would have built it: keys in order,
// integers as signed when negative and unsigned otherwise, others as doubles. (-0 is
// unsigned 0 here, signed 0 there: the same value, printed alike.)
nlohmann::ordered_json to_ordered_json(const rapidjson::Value& value);

// A string value's text (it may hold NUL characters).
inline std::string_view string_view_of(const rapidjson::Value& string) {
  return {string.GetString(), string.GetStringLength()};
}

}  // namespace accord
