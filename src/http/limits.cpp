#include "accord/http/limits.hpp"

namespace accord::http {

std::size_t nesting_depth(std::string_view text) {
  std::size_t depth = 0, deepest = 0;
  bool in_string = false, escaped = false;
  for (char c : text) {
    if (in_string) {
      if (escaped) escaped = false;
      else if (c == '\\') escaped = true;
      else if (c == '"') in_string = false;
      continue;
    }
    if (c == '"') in_string = true;
    else if (c == '{' || c == '[') deepest = ++depth > deepest ? depth : deepest;
    else if ((c == '}' || c == ']') && depth > 0) --depth;
  }
  return deepest;
}

}  // namespace accord::http
