#pragma once
// Helpers shared by the Avro format tests.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "accord/formats/avro.hpp"

namespace accord::formats::avro_test {

inline const Format& avro() {
  static const auto format = make_avro_format();
  return *format;
}

// Parses a schema that must be valid (fails the test otherwise).
inline ParsedSchemaPtr schema(std::string_view text, std::span<const ResolvedReference> refs = {}) {
  auto parsed = avro().parse(text, refs);
  EXPECT_TRUE(parsed.ok()) << text << " -> " << (parsed.ok() ? "" : parsed.error().message);
  return parsed.ok() ? parsed.value() : nullptr;
}

// The parse error message of a schema that must be invalid.
inline std::string parse_error(std::string_view text) {
  auto parsed = avro().parse(text, {});
  EXPECT_FALSE(parsed.ok()) << text << " was accepted as " << (parsed.ok() ? parsed.value()->canonical() : "");
  if (parsed.ok()) return {};
  EXPECT_EQ(parsed.error().error_code(), 42201);
  return parsed.error().message;
}

inline std::vector<Incompatibility> breaks(std::string_view reader, std::string_view writer) {
  auto r = schema(reader);
  auto w = schema(writer);
  if (!r || !w) return {Incompatibility{"PARSE", "", "parse failed"}};
  return avro().check(*r, *w);
}

}  // namespace accord::formats::avro_test
