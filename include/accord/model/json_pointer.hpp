#pragma once
// A JSON Pointer ("/items/0/name") from valijson's error context (["<root>", "[items]",
// "[0]", "[\"name\"]"]): both JSON Schema validators (formats, serde) report where an
// instance breaks its schema this way.
#include <string>
#include <vector>

namespace accord {

inline std::string json_pointer_of(const std::vector<std::string>& context) {
  std::string out;
  for (const auto& part : context) {
    if (part == "<root>") continue;
    std::string token = part;
    if (token.size() >= 2 && token.front() == '[' && token.back() == ']') token = token.substr(1, token.size() - 2);
    if (token.size() >= 2 && token.front() == '"' && token.back() == '"') token = token.substr(1, token.size() - 2);
    out += "/" + token;
  }
  return out.empty() ? "/" : out;
}

}  // namespace accord
