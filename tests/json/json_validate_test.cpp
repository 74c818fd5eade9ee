#include <gtest/gtest.h>

#include "json_test_support.hpp"

namespace accord::formats::testing {
namespace {

const std::string kOrder =
    R"({"type":"object","properties":{"id":{"type":"string"},"lines":{"type":"array","items":{"type":"object","properties":{"qty":{"type":"integer","minimum":1}},"required":["qty"]}}},"required":["id"],"additionalProperties":false})";

TEST(JsonValidate, AcceptsConformingDocuments) {
  auto schema = parse_ok(kOrder);
  ASSERT_TRUE(schema);
  EXPECT_TRUE(validate_instance(*schema, R"({"id":"o-1","lines":[{"qty":2}]})").ok());
}

TEST(JsonValidate, NamesThePathThatFails) {
  auto schema = parse_ok(kOrder);
  ASSERT_TRUE(schema);
  auto status = validate_instance(*schema, R"({"id":"o-1","lines":[{"qty":2},{"qty":0}]})");
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, ErrorCode::Unprocessable);
  EXPECT_NE(status.error().message.find("/lines/1/qty"), std::string::npos) << status.error().message;
}

TEST(JsonValidate, RefusesMissingRequiredAndExtraProperties) {
  auto schema = parse_ok(kOrder);
  ASSERT_TRUE(schema);
  EXPECT_FALSE(validate_instance(*schema, R"({"lines":[]})").ok());
  EXPECT_FALSE(validate_instance(*schema, R"({"id":"x","extra":1})").ok());
}

TEST(JsonValidate, RefusesTextThatIsNotJson) {
  auto schema = parse_ok(kOrder);
  ASSERT_TRUE(schema);
  auto status = validate_instance(*schema, "{not json");
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code, ErrorCode::BadRequest);
}

TEST(JsonValidate, FollowsReferencesToOtherSubjects) {
  std::vector<ResolvedReference> refs = {
      {"money.json", "money", VersionNumber{1}, R"({"type":"object","properties":{"amount":{"type":"number"}},"required":["amount"]})"}};
  auto schema = json_format().parse(R"({"type":"object","properties":{"price":{"$ref":"money.json"}}})", refs);
  ASSERT_TRUE(schema.ok()) << schema.error().message;
  EXPECT_TRUE(validate_instance(**schema, R"({"price":{"amount":3.5}})").ok());
  auto status = validate_instance(**schema, R"({"price":{"amount":"3.5"}})");
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.error().message.find("/price/amount"), std::string::npos) << status.error().message;
}

TEST(JsonValidate, BooleanSchemas) {
  auto yes = parse_ok("true");
  auto no = parse_ok("false");
  ASSERT_TRUE(yes && no);
  EXPECT_TRUE(validate_instance(*yes, "[1,2]").ok());
  EXPECT_FALSE(validate_instance(*no, "1").ok());
}

}  // namespace
}  // namespace accord::formats::testing
