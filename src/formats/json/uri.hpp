#pragma once
// The little URI handling `$ref` and `$id` need.
#include <string>

namespace accord::formats::json {

// RFC 3986 reference resolution for the URIs schemas use: absolute, network-path,
// absolute-path and relative-path references (dot segments are kept as written).
std::string resolve_uri(const std::string& base, const std::string& ref);

std::string strip_fragment(const std::string& uri);
std::string strip_dot_slash(std::string uri);

}  // namespace accord::formats::json
