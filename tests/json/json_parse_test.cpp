#include <gtest/gtest.h>

#include "json_test_support.hpp"

namespace accord::formats::testing {
namespace {

void expect_invalid(const std::string& text, const std::string& reason_fragment) {
  auto parsed = json_format().parse(text, {});
  ASSERT_FALSE(parsed.ok()) << text;
  EXPECT_EQ(parsed.error().code, ErrorCode::InvalidSchema);
  EXPECT_NE(parsed.error().message.find("Invalid schema of type JSON"), std::string::npos) << parsed.error().message;
  EXPECT_NE(parsed.error().message.find(reason_fragment), std::string::npos) << parsed.error().message;
}

TEST(JsonParse, AcceptsEveryDraft) {
  for (const char* schema : {"http://json-schema.org/draft-04/schema#", "http://json-schema.org/draft-06/schema#",
                             "http://json-schema.org/draft-07/schema#", "https://json-schema.org/draft/2019-09/schema",
                             "https://json-schema.org/draft/2020-12/schema"}) {
    auto parsed = parse_ok(std::string(R"({"$schema":")") + schema + R"(","type":"object","properties":{"a":{"type":"string"}}})");
    ASSERT_TRUE(parsed);
    EXPECT_EQ(parsed->type(), SchemaType::Json);
  }
}

TEST(JsonParse, AcceptsBooleanSchemas) {
  EXPECT_TRUE(parse_ok("true"));
  EXPECT_TRUE(parse_ok("false"));
}

TEST(JsonParse, RefusesNonSchemaRoots) {
  expect_invalid("42", "object or a boolean");
  expect_invalid("[]", "object or a boolean");
  expect_invalid("not json", "not JSON");
}

TEST(JsonParse, RefusesUnknownTypeNames) {
  expect_invalid(R"({"type":"strin"})", "unknown type 'strin'");
  expect_invalid(R"({"type":["string","decimal"]})", "unknown type 'decimal'");
  expect_invalid(R"({"properties":{"a":{"type":"int"}}})", "unknown type 'int'");
}

TEST(JsonParse, RefusesWrongKeywordTypes) {
  expect_invalid(R"({"type":"string","maxLength":"ten"})", "maxLength");
  expect_invalid(R"({"type":"object","required":"a"})", "required");
  expect_invalid(R"({"type":"object","properties":[]})", "properties");
  expect_invalid(R"({"type":"number","multipleOf":0})", "multipleOf");
  expect_invalid(R"({"anyOf":[]})", "anyOf");
  expect_invalid(R"({"type":"string","pattern":"("})", "regular expression");
}

TEST(JsonParse, ExclusiveBoundsFollowTheDraft) {
  EXPECT_TRUE(parse_ok(R"({"$schema":"http://json-schema.org/draft-04/schema#","type":"number","minimum":0,"exclusiveMinimum":true})"));
  expect_invalid(R"({"type":"number","minimum":0,"exclusiveMinimum":true})", "exclusiveMinimum");
  EXPECT_TRUE(parse_ok(R"({"type":"number","exclusiveMinimum":0})"));
}

TEST(JsonParse, RefusesUnresolvableRefs) {
  expect_invalid(R"({"properties":{"a":{"$ref":"#/definitions/missing"}}})", "cannot resolve $ref");
  expect_invalid(R"({"properties":{"a":{"$ref":"other.json"}}})", "other.json");
}

TEST(JsonParse, ResolvesLocalDefinitionsAndDefs) {
  EXPECT_TRUE(parse_ok(R"({"definitions":{"n":{"type":"number"}},"properties":{"a":{"$ref":"#/definitions/n"}}})"));
  EXPECT_TRUE(parse_ok(R"({"$defs":{"n":{"type":"number"}},"properties":{"a":{"$ref":"#/$defs/n"}}})"));
  // Confluent lets "#/$defs/X" find a body kept under "definitions".
  EXPECT_TRUE(parse_ok(R"({"definitions":{"n":{"type":"number"}},"properties":{"a":{"$ref":"#/$defs/n"}}})"));
}

TEST(JsonParse, HandlesRecursiveSchemas) {
  const std::string tree =
      R"({"$defs":{"node":{"type":"object","properties":{"value":{"type":"integer"},"children":{"type":"array","items":{"$ref":"#/$defs/node"}}}}},"$ref":"#/$defs/node"})";
  auto parsed = parse_ok(tree);
  ASSERT_TRUE(parsed);
  EXPECT_TRUE(json_format().check(*parsed, *parsed).empty());
  // A change deep inside the recursion is still found.
  const std::string narrowed =
      R"({"$defs":{"node":{"type":"object","properties":{"value":{"type":"integer","maximum":10},"children":{"type":"array","items":{"$ref":"#/$defs/node"}}}}},"$ref":"#/$defs/node"})";
  auto found = breaks(narrowed, tree);
  EXPECT_TRUE(has_kind(found, "MAXIMUM_ADDED")) << kinds(found);
}

TEST(JsonParse, ResolvesReferencesToOtherSubjects) {
  std::vector<ResolvedReference> refs = {
      {"money.json", "money", VersionNumber{1}, R"({"type":"object","properties":{"amount":{"type":"number"},"currency":{"type":"string"}},"required":["amount"]})"}};
  auto parsed = json_format().parse(R"({"type":"object","properties":{"price":{"$ref":"money.json"}}})", refs);
  ASSERT_TRUE(parsed.ok()) << parsed.error().message;
  // A fragment into the referenced document works too.
  std::vector<ResolvedReference> defs = {{"common.json", "common", VersionNumber{1}, R"({"$defs":{"id":{"type":"string","minLength":1}}})"}};
  auto with_fragment = json_format().parse(R"({"properties":{"id":{"$ref":"common.json#/$defs/id"}}})", defs);
  ASSERT_TRUE(with_fragment.ok()) << with_fragment.error().message;
}

TEST(JsonParse, ComparesReferencedSchemasStructurally) {
  std::vector<ResolvedReference> v1 = {{"money.json", "money", VersionNumber{1}, R"({"type":"object","properties":{"amount":{"type":"number"}}})"}};
  std::vector<ResolvedReference> v2 = {{"money.json", "money", VersionNumber{2}, R"({"type":"object","properties":{"amount":{"type":"integer"}}})"}};
  const std::string text = R"({"type":"object","properties":{"price":{"$ref":"money.json"}}})";
  auto old_schema = json_format().parse(text, v1);
  auto new_schema = json_format().parse(text, v2);
  ASSERT_TRUE(old_schema.ok() && new_schema.ok());
  auto found = json_format().check(**new_schema, **old_schema);
  EXPECT_TRUE(has_kind(found, "TYPE_NARROWED", "#/properties/price/properties/amount")) << kinds(found);
  EXPECT_TRUE(json_format().check(**old_schema, **new_schema).empty());
}

}  // namespace
}  // namespace accord::formats::testing

namespace accord::formats::testing {
namespace {

TEST(JsonParse, RefusesMalformedSubschemasWithoutCrashing) {
  for (const char* text : {R"({"items":[1]})", R"({"allOf":[1]})", R"({"dependencies":{"a":[1]}})",
                           R"({"type":[1]})", R"({"propertyNames":1})", R"({"maxItems":1e300})",
                           R"({"minimum":true})", R"({"properties":{"a":"string"}})", R"({"$ref":5})"}) {
    auto parsed = json_format().parse(text, {});
    EXPECT_FALSE(parsed.ok()) << text;
    if (!parsed.ok()) {
      EXPECT_EQ(parsed.error().code, ErrorCode::InvalidSchema) << text;
    }
  }
}

TEST(JsonParse, HugeNumbersDoNotBreakComparison) {
  auto found = breaks(R"({"type":"number","multipleOf":1e300})", R"({"type":"number","multipleOf":3})");
  EXPECT_TRUE(has_kind(found, "MULTIPLE_OF_CHANGED", "#/multipleOf")) << kinds(found);
}

}  // namespace
}  // namespace accord::formats::testing
