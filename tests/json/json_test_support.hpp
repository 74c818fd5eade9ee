#pragma once
// Shared helpers for the JSON format tests.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "accord/formats/json.hpp"

namespace accord::formats::testing {

inline const Format& json_format() {
  static const auto format = make_json_format();
  return *format;
}

inline ParsedSchemaPtr parse_ok(const std::string& text, std::span<const ResolvedReference> refs = {}) {
  auto parsed = json_format().parse(text, refs);
  EXPECT_TRUE(parsed.ok()) << text << ": " << (parsed.ok() ? "" : parsed.error().message);
  return parsed.ok() ? *parsed : nullptr;
}

// The breaks when `reader` reads data written with `writer`.
inline std::vector<Incompatibility> breaks(const std::string& reader, const std::string& writer) {
  auto r = parse_ok(reader);
  auto w = parse_ok(writer);
  if (!r || !w) return {{"PARSE_FAILED", "", ""}};
  return json_format().check(*r, *w);
}

inline bool has_kind(const std::vector<Incompatibility>& found, const std::string& kind, const std::string& path = "") {
  for (const auto& b : found)
    if (b.kind == kind && (path.empty() || b.path == path)) return true;
  return false;
}

inline std::string kinds(const std::vector<Incompatibility>& found) {
  std::string out;
  for (const auto& b : found) out += b.kind + "@" + b.path + " ";
  return out;
}

}  // namespace accord::formats::testing
