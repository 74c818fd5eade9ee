#pragma once
// Helpers shared by the libFuzzer targets: an invariant check that crashes (so libFuzzer
// keeps the input) and input splitting.
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <utility>

namespace accord::fuzz {

[[noreturn]] inline void fail(const char* file, int line, const char* what, const std::string& detail) {
  std::fprintf(stderr, "%s:%d: fuzz invariant broken: %s\n%s\n", file, line, what, detail.c_str());
  std::abort();
}

// Splits `text` at the first `separator`: {before, after}; no separator = {"", text}.
inline std::pair<std::string_view, std::string_view> split_first(std::string_view text, char separator) {
  const auto at = text.find(separator);
  if (at == std::string_view::npos) return {std::string_view{}, text};
  return {text.substr(0, at), text.substr(at + 1)};
}

}  // namespace accord::fuzz

#define FUZZ_CHECK(condition, detail)                                          \
  do {                                                                         \
    if (!(condition)) ::accord::fuzz::fail(__FILE__, __LINE__, #condition, (detail)); \
  } while (0)
