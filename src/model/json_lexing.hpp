#pragma once
// What the two RapidJSON readers of the model (json_parse.cpp, json_document.cpp) share to
// read as nlohmann reads.
#include <cstdint>
#include <optional>
#include <string_view>
#include <variant>

namespace accord::detail {

// Whether every byte is below 0x80: such text cannot be ill-formed UTF-8, so a JSON reader
// may skip checking its encoding (most of the reader's time on a string).
bool is_ascii(std::string_view text);

// A number token as nlohmann's lexer converts it: without a fraction or an exponent, an
// integer (signed when negative) if it fits; otherwise a double, rounded exactly. Empty when
// nlohmann's own parse must decide (out of a double's range: 1e400, 1e-400).
using JsonNumber = std::variant<int64_t, uint64_t, double>;
std::optional<JsonNumber> read_number(std::string_view token);

}  // namespace accord::detail
