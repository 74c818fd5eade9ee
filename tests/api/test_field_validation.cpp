// validateFields: reserved fields (`confluent:reserved`) and JSON Schema's `$$` names.
#include <gtest/gtest.h>

#include "accord/formats/field_validation.hpp"

namespace accord::formats {
namespace {

ParsedSchemaPtr parse(SchemaType type, const std::string& text) {
  auto parsed = format_for(type)->parse(text, {});
  EXPECT_TRUE(parsed) << text;
  return *parsed;
}

const std::string kReserved = R"({"properties":{"confluent:reserved":" ssn , dob,,"}})";

TEST(FieldValidation, ReservedFieldsAreTrimmedAndEmptyOnesDropped) {
  EXPECT_EQ(reserved_fields(kReserved), (std::set<std::string>{"dob", "ssn"}));
  EXPECT_TRUE(reserved_fields(std::nullopt).empty());
  EXPECT_TRUE(reserved_fields(R"({"properties":{"owner":"x"}})").empty());
  EXPECT_TRUE(reserved_fields("not json").empty());
}

TEST(FieldValidation, TopLevelFieldsPerFormat) {
  auto avro = parse(SchemaType::Avro,
                    R"({"type":"record","name":"P","fields":[{"name":"ssn","type":"string"},
                        {"name":"inner","type":{"type":"record","name":"I","fields":[{"name":"dob","type":"int"}]}}]})");
  EXPECT_TRUE(has_top_level_field(*avro, "ssn"));
  EXPECT_FALSE(has_top_level_field(*avro, "dob"));  // nested, not top-level
  auto json = parse(SchemaType::Json, R"({"type":"object","properties":{"ssn":{"type":"string"}}})");
  EXPECT_TRUE(has_top_level_field(*json, "ssn"));
  EXPECT_FALSE(has_top_level_field(*json, "dob"));
  auto proto = parse(SchemaType::Protobuf, "syntax = \"proto3\";\nmessage A { string x = 1; }\nmessage B { int32 ssn = 1; }\n");
  EXPECT_TRUE(has_top_level_field(*proto, "ssn"));
  EXPECT_FALSE(has_top_level_field(*proto, "dob"));
}

TEST(FieldValidation, ReservedFieldErrorsInConfluentsWords) {
  auto with_ssn = parse(SchemaType::Avro, R"({"type":"record","name":"P","fields":[{"name":"ssn","type":"string"}]})");
  EXPECT_EQ(reserved_field_errors(*with_ssn, kReserved, std::nullopt),
            (std::vector<std::string>{"The new schema has field that conflicts with the reserved field ssn."}));
  auto without = parse(SchemaType::Avro, R"({"type":"record","name":"P","fields":[{"name":"name","type":"string"}]})");
  EXPECT_TRUE(reserved_field_errors(*without, kReserved, std::optional<std::string>(kReserved)).empty());
  const std::string only_ssn = R"({"properties":{"confluent:reserved":"ssn"}})";
  EXPECT_EQ(reserved_field_errors(*without, only_ssn, std::optional<std::string>(kReserved)),
            (std::vector<std::string>{"The new schema has reserved field dob removed from its metadata which is "
                                      "present in the old schema's metadata."}));
  // The previous version had no metadata: nothing was removed.
  EXPECT_TRUE(reserved_field_errors(*without, std::nullopt, std::optional<std::string>()).empty());
}

TEST(FieldValidation, JsonSchemaNamesStartingWithTwoDollars) {
  EXPECT_EQ(strict_field_violation(*parse(SchemaType::Json, R"({"type":"object","properties":{"$$x":{}}})")),
            "Field names cannot start with $$ prefix");
  EXPECT_FALSE(strict_field_violation(*parse(SchemaType::Json, R"({"type":"object","properties":{"$x":{}}})")));
  EXPECT_FALSE(strict_field_violation(*parse(SchemaType::Avro, R"("string")")));
}

}  // namespace
}  // namespace accord::formats
