#include <gtest/gtest.h>

#include "json_test_support.hpp"

namespace accord::formats::testing {
namespace {

TEST(JsonCanonical, IsCompactJsonInSubmittedKeyOrder) {
  auto parsed = parse_ok("{\n  \"type\": \"object\",\n  \"properties\": {\"b\": {\"type\": \"string\"}, \"a\": {}}\n}");
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->canonical(), R"({"type":"object","properties":{"b":{"type":"string"},"a":{}}})");
}

TEST(JsonCanonical, KeepsUnicodeAsUtf8) {
  auto parsed = parse_ok(R"({"description":"caf\u00e9 ☕"})");
  ASSERT_TRUE(parsed);
  EXPECT_EQ(parsed->canonical(), "{\"description\":\"caf\xC3\xA9 \xE2\x98\x95\"}");
}

TEST(JsonNormalized, SortsKeysSoEquivalentTextsMatch) {
  auto a = parse_ok(R"({"type":"object","properties":{"b":{"type":"string"},"a":{"maxLength":3,"type":"string"}}})");
  auto b = parse_ok(R"({ "properties": { "a": {"type": "string", "maxLength": 3}, "b": {"type": "string"} }, "type": "object" })");
  ASSERT_TRUE(a && b);
  EXPECT_NE(a->canonical(), b->canonical());
  EXPECT_EQ(a->normalized(), b->normalized());
  EXPECT_EQ(a->normalized(), R"({"properties":{"a":{"maxLength":3,"type":"string"},"b":{"type":"string"}},"type":"object"})");
}

TEST(JsonNormalized, DifferentSchemasStayDifferent) {
  auto a = parse_ok(R"({"type":"string","maxLength":3})");
  auto b = parse_ok(R"({"type":"string","maxLength":4})");
  ASSERT_TRUE(a && b);
  EXPECT_NE(a->normalized(), b->normalized());
}

}  // namespace
}  // namespace accord::formats::testing
