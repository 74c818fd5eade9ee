#pragma once
// JSON text into an nlohmann document, lexed by RapidJSON.
//
// nlohmann's own lexer reads a character at a time and appends each to its token: parsing the
// JSON of a `_schemas` value and of its Avro schema was a third of a replay's CPU. RapidJSON
// lexes several times faster; the document is still nlohmann's, which the codecs and the Avro
// model are written against. The result is the one `J::parse` gives: the same values, numbers
// converted by nlohmann's rules, keys in input order (`ordered_json`), and a repeated key
// keeps its first position and its last value. Text that RapidJSON refuses, or that it would
// read differently from nlohmann (a NUL byte, a lone UTF-16 surrogate escape), is parsed by
// `J::parse` itself, so every error and its message stays nlohmann's.
#include <string_view>

#include <nlohmann/json.hpp>

namespace accord {

// Throws what `J::parse(text)` throws on invalid JSON.
template <class J>
J parse_json(std::string_view text);

// A discarded value on invalid JSON, as `J::parse(text, nullptr, false)`.
template <class J>
J parse_json_or_discarded(std::string_view text);

extern template nlohmann::json parse_json<nlohmann::json>(std::string_view);
extern template nlohmann::ordered_json parse_json<nlohmann::ordered_json>(std::string_view);
extern template nlohmann::json parse_json_or_discarded<nlohmann::json>(std::string_view);
extern template nlohmann::ordered_json parse_json_or_discarded<nlohmann::ordered_json>(std::string_view);

}  // namespace accord
