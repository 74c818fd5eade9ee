// One compatible and one incompatible case per Confluent JSON Schema rule. breaks(reader,
// writer): the reader is the new schema under BACKWARD.
#include <gtest/gtest.h>

#include "json_test_support.hpp"

namespace accord::formats::testing {
namespace {

void expect_compatible(const std::string& reader, const std::string& writer) {
  auto found = breaks(reader, writer);
  EXPECT_TRUE(found.empty()) << "reader " << reader << " writer " << writer << ": " << kinds(found);
}

void expect_break(const std::string& reader, const std::string& writer, const std::string& kind,
                  const std::string& path) {
  auto found = breaks(reader, writer);
  EXPECT_TRUE(has_kind(found, kind, path)) << "reader " << reader << " writer " << writer << ": " << kinds(found);
}

const std::string kOpen = R"({"type":"object","properties":{"a":{"type":"string"}}})";
const std::string kClosed = R"({"type":"object","properties":{"a":{"type":"string"}},"additionalProperties":false})";

TEST(JsonRules, PropertyAddedToOpenContentModel) {
  // Old data may carry any "b", so the reader cannot constrain it; an empty schema is fine.
  expect_compatible(R"({"type":"object","properties":{"a":{"type":"string"},"b":{}}})", kOpen);
  expect_break(R"({"type":"object","properties":{"a":{"type":"string"},"b":{"type":"string"}}})", kOpen,
               "OPTIONAL_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL", "#/properties/b");
}

TEST(JsonRules, PropertyAddedToClosedContentModel) {
  expect_compatible(
      R"({"type":"object","properties":{"a":{"type":"string"},"b":{"type":"string"}},"additionalProperties":false})",
      kClosed);
  expect_break(
      R"({"type":"object","properties":{"a":{"type":"string"},"b":{"type":"string"}},"required":["b"],"additionalProperties":false})",
      kClosed, "REQUIRED_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL", "#/properties/b");
}

TEST(JsonRules, RequiredPropertyWithDefaultAddedToClosedModel) {
  expect_compatible(
      R"({"type":"object","properties":{"a":{"type":"string"},"b":{"type":"string","default":"x"}},"required":["b"],"additionalProperties":false})",
      kClosed);
}

TEST(JsonRules, PropertyRemovedFromOpenContentModel) {
  expect_compatible(R"({"type":"object","properties":{}})", kOpen);
}

TEST(JsonRules, PropertyRemovedFromClosedContentModel) {
  expect_compatible(R"({"type":"object","properties":{},"additionalProperties":false})",
                    R"({"type":"object","properties":{"a":false},"additionalProperties":false})");
  expect_break(R"({"type":"object","properties":{},"additionalProperties":false})", kClosed,
               "PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL", "#/properties/a");
}

TEST(JsonRules, PartiallyOpenContentModel) {
  const std::string writer = R"({"type":"object","properties":{},"additionalProperties":{"type":"string"}})";
  expect_compatible(R"({"type":"object","properties":{"a":{"type":"string"}},"additionalProperties":{"type":"string"}})",
                    writer);
  expect_break(R"({"type":"object","properties":{"a":{"type":"number"}},"additionalProperties":{"type":"string"}})",
               writer, "PROPERTY_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL", "#/properties/a");
}

TEST(JsonRules, PatternPropertiesCoverProperties) {
  const std::string writer = R"({"type":"object","properties":{},"patternProperties":{"^s_":{"type":"string"}},"additionalProperties":false})";
  expect_compatible(
      R"({"type":"object","properties":{"s_name":{"type":"string"}},"patternProperties":{"^s_":{"type":"string"}},"additionalProperties":false})",
      writer);
  expect_break(
      R"({"type":"object","properties":{"s_name":{"type":"integer"}},"patternProperties":{"^s_":{"type":"string"}},"additionalProperties":false})",
      writer, "PROPERTY_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL", "#/properties/s_name");
}

TEST(JsonRules, UnevaluatedPropertiesCloseTheModel) {
  const std::string v = R"("$schema":"https://json-schema.org/draft/2020-12/schema")";
  expect_compatible("{" + v + R"(,"type":"object","properties":{"a":{"type":"string"}}})",
                    "{" + v + R"(,"type":"object","properties":{"a":{"type":"string"}},"unevaluatedProperties":false})");
  expect_break("{" + v + R"(,"type":"object","properties":{"a":{"type":"string"}},"unevaluatedProperties":false})",
               "{" + v + R"(,"type":"object","properties":{"a":{"type":"string"}}})",
               "UNEVALUATED_PROPERTIES_REMOVED", "#/unevaluatedProperties");
}

TEST(JsonRules, AdditionalPropertiesOpenedOrClosed) {
  expect_compatible(kOpen, kClosed);
  expect_break(kClosed, kOpen, "ADDITIONAL_PROPERTIES_REMOVED", "#/additionalProperties");
}

TEST(JsonRules, RequiredAddedOrRemoved) {
  const std::string optional = R"({"type":"object","properties":{"a":{"type":"string"}}})";
  const std::string required = R"({"type":"object","properties":{"a":{"type":"string"}},"required":["a"]})";
  expect_compatible(optional, required);
  expect_break(required, optional, "REQUIRED_ATTRIBUTE_ADDED", "#/required/a");
}

TEST(JsonRules, IntegerWidensToNumberButNotBack) {
  expect_compatible(R"({"type":"number"})", R"({"type":"integer"})");
  expect_break(R"({"type":"integer"})", R"({"type":"number"})", "TYPE_NARROWED", "#/");
}

TEST(JsonRules, TypeChanged) {
  expect_compatible(R"({"type":["string","null"]})", R"({"type":"string"})");
  expect_break(R"({"type":"string"})", R"({"type":"boolean"})", "TYPE_CHANGED", "#/");
}

TEST(JsonRules, EnumGrowsButDoesNotShrink) {
  expect_compatible(R"({"type":"string","enum":["A","B","C"]})", R"({"type":"string","enum":["A","B"]})");
  expect_break(R"({"enum":["A"]})", R"({"enum":["A","B"]})", "ENUM_ARRAY_NARROWED", "#/enum");
}

TEST(JsonRules, Const) {
  expect_compatible(R"({"const":"x"})", R"({"const":"x"})");
  expect_break(R"({"const":"y"})", R"({"const":"x"})", "ENUM_ARRAY_CHANGED", "#/const");
}

TEST(JsonRules, StringLengthBounds) {
  expect_compatible(R"({"type":"string","maxLength":10})", R"({"type":"string","maxLength":5})");
  expect_break(R"({"type":"string","maxLength":5})", R"({"type":"string"})", "MAX_LENGTH_ADDED", "#/maxLength");
  expect_compatible(R"({"type":"string","minLength":1})", R"({"type":"string","minLength":2})");
  expect_break(R"({"type":"string","minLength":3})", R"({"type":"string","minLength":2})", "MIN_LENGTH_INCREASED",
               "#/minLength");
}

TEST(JsonRules, Pattern) {
  expect_compatible(R"({"type":"string"})", R"({"type":"string","pattern":"^a"})");
  expect_break(R"({"type":"string","pattern":"^b"})", R"({"type":"string","pattern":"^a"})", "PATTERN_CHANGED",
               "#/pattern");
}

TEST(JsonRules, NumericBounds) {
  expect_compatible(R"({"type":"number","maximum":10})", R"({"type":"number","maximum":5})");
  expect_break(R"({"type":"number","maximum":5})", R"({"type":"number","maximum":10})", "MAXIMUM_DECREASED",
               "#/maximum");
  expect_compatible(R"({"type":"number","minimum":0})", R"({"type":"number","minimum":1})");
  expect_break(R"({"type":"number","minimum":2})", R"({"type":"number","minimum":1})", "MINIMUM_INCREASED",
               "#/minimum");
  expect_compatible(R"({"type":"number"})", R"({"type":"number","exclusiveMinimum":0})");
  expect_break(R"({"type":"number","exclusiveMaximum":0})", R"({"type":"number"})", "EXCLUSIVE_MAXIMUM_ADDED",
               "#/exclusiveMaximum");
}

TEST(JsonRules, MultipleOf) {
  expect_compatible(R"({"type":"number","multipleOf":5})", R"({"type":"number","multipleOf":10})");
  expect_break(R"({"type":"number","multipleOf":10})", R"({"type":"number","multipleOf":5})", "MULTIPLE_OF_EXPANDED",
               "#/multipleOf");
  expect_compatible(R"({"type":"number","multipleOf":0.1})", R"({"type":"number","multipleOf":0.3})");
}

TEST(JsonRules, ItemsAndTuples) {
  expect_compatible(R"({"type":"array","items":{"type":"number"}})", R"({"type":"array","items":{"type":"integer"}})");
  expect_break(R"({"type":"array","items":{"type":"integer"}})", R"({"type":"array","items":{"type":"number"}})",
               "TYPE_NARROWED", "#/items");
  // A tuple item removed is fine when the reader leaves the tail open, not when it closes it.
  expect_compatible(R"({"type":"array","items":[{"type":"string"}]})",
                    R"({"type":"array","items":[{"type":"string"},{"type":"integer"}]})");
  expect_break(R"({"type":"array","items":[{"type":"string"}],"additionalItems":false})",
               R"({"type":"array","items":[{"type":"string"},{"type":"integer"}],"additionalItems":false})",
               "ITEM_REMOVED_FROM_CLOSED_CONTENT_MODEL", "#/items/1");
}

TEST(JsonRules, PrefixItems) {
  const std::string v = R"("$schema":"https://json-schema.org/draft/2020-12/schema")";
  expect_compatible("{" + v + R"(,"type":"array","prefixItems":[{"type":"string"},{"type":"integer"}],"items":false})",
                    "{" + v + R"(,"type":"array","prefixItems":[{"type":"string"}],"items":false})");
  expect_break("{" + v + R"(,"type":"array","prefixItems":[{"type":"string"}],"items":false})",
               "{" + v + R"(,"type":"array","prefixItems":[{"type":"string"}]})", "ADDITIONAL_ITEMS_REMOVED",
               "#/additionalItems");
}

TEST(JsonRules, ArrayBounds) {
  expect_compatible(R"({"type":"array","maxItems":5})", R"({"type":"array","maxItems":3})");
  expect_break(R"({"type":"array","minItems":2})", R"({"type":"array"})", "MIN_ITEMS_ADDED", "#/minItems");
  expect_compatible(R"({"type":"array"})", R"({"type":"array","uniqueItems":true})");
  expect_break(R"({"type":"array","uniqueItems":true})", R"({"type":"array"})", "UNIQUE_ITEMS_ADDED", "#/uniqueItems");
}

TEST(JsonRules, OneOfAnyOf) {
  expect_compatible(R"({"oneOf":[{"type":"string"},{"type":"integer"},{"type":"boolean"}]})",
                    R"({"oneOf":[{"type":"string"},{"type":"integer"}]})");
  expect_break(R"({"oneOf":[{"type":"string"}, {"type":"null"}]})",
               R"({"oneOf":[{"type":"string"},{"type":"integer"},{"type":"boolean"}]})", "SUM_TYPE_NARROWED", "#/");
  expect_compatible(R"({"anyOf":[{"type":"string"},{"type":"integer"}]})",
                    R"({"oneOf":[{"type":"string"},{"type":"integer"}]})");
  expect_break(R"({"oneOf":[{"type":"string"},{"type":"integer"}]})",
               R"({"anyOf":[{"type":"string"},{"type":"integer"}]})", "COMBINED_TYPE_CHANGED", "#/");
}

TEST(JsonRules, AllOf) {
  expect_compatible(R"({"allOf":[{"type":"number"}]})", R"({"allOf":[{"type":"number"},{"minimum":0}]})");
  expect_break(R"({"allOf":[{"type":"number"},{"minimum":0}]})", R"({"allOf":[{"type":"number"}]})",
               "PRODUCT_TYPE_EXTENDED", "#/");
}

TEST(JsonRules, Not) {
  expect_compatible(R"({"not":{"type":"string","maxLength":3}})", R"({"not":{"type":"string"}})");
  expect_break(R"({"not":{"type":"string"}})", R"({"not":{"type":"string","maxLength":3}})", "NOT_TYPE_EXTENDED",
               "#/not");
}

TEST(JsonRules, Dependencies) {
  expect_compatible(R"({"type":"object","dependencies":{"a":["b"]}})", R"({"type":"object","dependencies":{"a":["b","c"]}})");
  expect_break(R"({"type":"object","dependencies":{"a":["b","c"]}})", R"({"type":"object","dependencies":{"a":["b"]}})",
               "DEPENDENCY_ARRAY_EXTENDED", "#/dependencies/a");
  const std::string v = R"("$schema":"https://json-schema.org/draft/2020-12/schema")";
  expect_break("{" + v + R"(,"type":"object","dependentRequired":{"a":["b"]}})", "{" + v + R"(,"type":"object"})",
               "DEPENDENCY_ARRAY_ADDED", "#/dependencies/a");
}

TEST(JsonRules, LocalRefTargetsComparedStructurally) {
  expect_compatible(R"({"definitions":{"n":{"type":"number"}},"properties":{"a":{"$ref":"#/definitions/n"}}})",
                    R"({"properties":{"a":{"type":"integer"}}})");
  expect_break(R"({"definitions":{"n":{"type":"string"}},"properties":{"a":{"$ref":"#/definitions/n"}}})",
               R"({"properties":{"a":{"type":"integer"}}})", "TYPE_CHANGED", "#/properties/a");
}

TEST(JsonRules, BooleanSchemas) {
  expect_compatible("true", R"({"type":"string"})");
  expect_compatible(R"({"type":"string"})", "false");
  expect_break("false", "true", "TYPE_CHANGED", "#/");
}

TEST(JsonRules, MessagesNameTheRuleAndPath) {
  auto found = breaks(R"({"type":"object","properties":{"a":{"type":"string"}},"required":["a"]})", kOpen);
  ASSERT_EQ(found.size(), 1u) << kinds(found);
  EXPECT_NE(found[0].message.find("#/required/a"), std::string::npos) << found[0].message;
}

}  // namespace
}  // namespace accord::formats::testing
