#pragma once
// Cheap checks run before a request body is parsed, so that no parser recurses without bound.
#include <cstddef>
#include <string_view>

namespace accord::http {

// The deepest nesting of [ and { in `text`, ignoring brackets inside "strings" (with backslash
// escapes). Linear, no recursion; works on JSON and on brace-nested text (Protobuf).
std::size_t nesting_depth(std::string_view text);

}  // namespace accord::http
