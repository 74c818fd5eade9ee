#include <gtest/gtest.h>

#include "accord/log/codec.hpp"

namespace accord::log {
namespace {

template <class T>
T must(Result<T> result) {
  EXPECT_TRUE(result.ok()) << (result.ok() ? "" : result.error().message);
  return result.ok() ? std::move(result).value() : T{};
}

TEST(SchemaValueCodec, ProtobufRecordRoundTripsByteForByte) {
  // rest-api.md §6.4 offset 3.
  const std::string bytes =
      R"({"subject":"money","version":1,"id":2,"schemaType":"PROTOBUF","schema":"syntax = \"proto3\";\n\nmessage Money {\n  int64 units = 1;\n}\n","deleted":false})";
  const SchemaValue value = must(decode_schema_value(bytes));
  EXPECT_EQ(value.subject, "money");
  EXPECT_EQ(value.version, 1);
  EXPECT_EQ(value.id, 2);
  EXPECT_EQ(value.schema.type, SchemaType::Protobuf);
  EXPECT_EQ(value.schema.text, "syntax = \"proto3\";\n\nmessage Money {\n  int64 units = 1;\n}\n");
  EXPECT_FALSE(value.deleted);
  EXPECT_EQ(encode_schema_value(value), bytes);
}

TEST(SchemaValueCodec, ReferencesRoundTripByteForByte) {
  // rest-api.md §6.4 offset 4.
  const std::string bytes =
      R"({"subject":"payments-value","version":1,"id":3,"schemaType":"PROTOBUF","references":[{"name":"money.proto","subject":"money","version":1}],"schema":"import \"money.proto\";","deleted":false})";
  const SchemaValue value = must(decode_schema_value(bytes));
  ASSERT_EQ(value.schema.references.size(), 1u);
  EXPECT_EQ(value.schema.references[0], (SchemaReference{"money.proto", "money", VersionNumber{1}}));
  EXPECT_EQ(encode_schema_value(value), bytes);
}

TEST(SchemaValueCodec, SevenXAvroRecordDecodesAsAvroAndIsWrittenInTheEightXShape) {
  // rest-api.md §6.4 offset 1: a 7.x node omits schemaType for AVRO.
  const std::string bytes =
      R"({"subject":"orders-value","version":1,"id":1,"schema":"{\"type\":\"record\",\"name\":\"Order\",\"fields\":[{\"name\":\"id\",\"type\":\"long\"}]}","deleted":false})";
  const SchemaValue value = must(decode_schema_value(bytes));
  EXPECT_EQ(value.schema.type, SchemaType::Avro);
  EXPECT_EQ(value.schema.text, R"({"type":"record","name":"Order","fields":[{"name":"id","type":"long"}]})");
  EXPECT_EQ(encode_schema_value(value),
            R"({"subject":"orders-value","version":1,"id":1,"schemaType":"AVRO","schema":"{\"type\":\"record\",\"name\":\"Order\",\"fields\":[{\"name\":\"id\",\"type\":\"long\"}]}","deleted":false})");
}

TEST(SchemaValueCodec, SoftDeletedRecord) {
  const SchemaValue value = must(decode_schema_value(
      R"({"subject":"orders-value","version":2,"id":4,"schemaType":"AVRO","schema":"\"long\"","deleted":true})"));
  EXPECT_TRUE(value.deleted);
  EXPECT_EQ(encode_schema_value(value),
            R"({"subject":"orders-value","version":2,"id":4,"schemaType":"AVRO","schema":"\"long\"","deleted":true})");
}

TEST(SchemaValueCodec, HistoricShapes) {
  // Pre-6.0.3: schemaType null and references [] ; unknown fields; no deleted flag.
  const SchemaValue value = must(decode_schema_value(
      R"({"subject":"s","version":1,"id":9,"schemaType":null,"references":[],"schema":"\"int\"","offset":12,"ts":1700000000000})"));
  EXPECT_EQ(value.schema.type, SchemaType::Avro);
  EXPECT_TRUE(value.schema.references.empty());
  EXPECT_FALSE(value.deleted);
  EXPECT_EQ(encode_schema_value(value),
            R"({"subject":"s","version":1,"id":9,"schemaType":"AVRO","schema":"\"int\"","deleted":false})");
}

TEST(SchemaValueCodec, KarapaceShapeWithFieldsInOtherOrder) {
  const SchemaValue value = must(decode_schema_value(
      R"({"deleted":false,"id":5,"schema":"{\"type\":\"string\"}","schemaType":"JSON","subject":"k","version":2})"));
  EXPECT_EQ(value.schema.type, SchemaType::Json);
  EXPECT_EQ(value.id, 5);
  EXPECT_EQ(value.version, 2);
  EXPECT_EQ(value.subject, "k");
}

TEST(SchemaValueCodec, MetadataAndRuleSetAreEmbeddedObjects) {
  SchemaValue value;
  value.subject = "s";
  value.version = VersionNumber{1};
  value.id = SchemaId{7};
  value.schema.text = "\"string\"";
  value.schema.metadata = R"({"properties":{"owner":"payments"}})";
  value.schema.rule_set = R"({"domainRules":[{"name":"r","kind":"CONDITION","type":"CEL","expr":"true"}]})";
  const std::string bytes = encode_schema_value(value);
  EXPECT_EQ(bytes,
            R"({"subject":"s","version":1,"id":7,"schemaType":"AVRO","metadata":{"properties":{"owner":"payments"}},"ruleSet":{"domainRules":[{"name":"r","kind":"CONDITION","type":"CEL","expr":"true"}]},"schema":"\"string\"","deleted":false})");
  EXPECT_EQ(must(decode_schema_value(bytes)), value);
}

TEST(SchemaValueCodec, MetadataIsReserializedCompactly) {
  const SchemaValue value = must(decode_schema_value(
      R"({"subject":"s","version":1,"id":1,"metadata": { "tags" : {"a": ["PII"]} , "properties":{}},"schema":"x"})"));
  EXPECT_EQ(value.schema.metadata, R"({"tags":{"a":["PII"]},"properties":{}})");
}

TEST(SchemaValueCodec, ErrorCases) {
  EXPECT_FALSE(decode_schema_value("nope").ok());
  EXPECT_FALSE(decode_schema_value("null").ok());
  EXPECT_FALSE(decode_schema_value(R"({"subject":"s","version":1,"schema":"x"})").ok());             // no id
  EXPECT_FALSE(decode_schema_value(R"({"subject":"s","version":1,"id":1})").ok());                  // no schema
  EXPECT_FALSE(decode_schema_value(R"({"subject":"s","version":1,"id":1,"schema":"x","schemaType":"XML"})").ok());
  EXPECT_FALSE(decode_schema_value(R"({"subject":"s","version":1,"id":"1","schema":"x"})").ok());
  EXPECT_FALSE(decode_schema_value(R"({"subject":"s","version":1,"id":1,"schema":"x","references":[{"name":"a"}]})").ok());
  EXPECT_FALSE(decode_schema_value(R"({"subject":"s","version":1,"id":1,"schema":"x","metadata":"{}"})").ok());
}

TEST(ConfigValueCodec, RecordsOfTheLogRoundTrip) {
  for (const char* bytes : {R"({"subject":"orders-value","compatibilityLevel":"FULL"})",
                            R"({"compatibilityLevel":"BACKWARD"})"}) {
    EXPECT_EQ(encode_config_value(must(decode_config_value(bytes))), bytes);
  }
}

TEST(ConfigValueCodec, AllFieldsInConfluentOrder) {
  ConfigValue value;
  value.subject = "s";
  value.alias = "t";
  value.normalize = true;
  value.validate_fields = false;
  value.validate_rules = true;
  value.compatibility_level = CompatibilityLevel::FullTransitive;
  value.compatibility_group = "app.version";
  value.default_metadata = R"({"properties":{"a":"1"}})";
  value.override_metadata = R"({"properties":{"b":"2"}})";
  value.default_rule_set = R"({"domainRules":[]})";
  value.override_rule_set = R"({"migrationRules":[]})";
  const std::string bytes = encode_config_value(value);
  EXPECT_EQ(bytes,
            R"({"subject":"s","alias":"t","normalize":true,"validateFields":false,"validateRules":true,"compatibilityLevel":"FULL_TRANSITIVE","compatibilityGroup":"app.version","defaultMetadata":{"properties":{"a":"1"}},"overrideMetadata":{"properties":{"b":"2"}},"defaultRuleSet":{"domainRules":[]},"overrideRuleSet":{"migrationRules":[]}})");
  EXPECT_EQ(must(decode_config_value(bytes)), value);
}

TEST(ConfigValueCodec, LevelIsCaseInsensitiveAndUnknownFieldsIgnored) {
  const ConfigValue value = must(decode_config_value(R"({"compatibilityLevel":"backward_transitive","x":1})"));
  EXPECT_EQ(value.compatibility_level, CompatibilityLevel::BackwardTransitive);
  EXPECT_FALSE(value.subject.has_value());
}

TEST(ConfigValueCodec, ErrorCases) {
  EXPECT_FALSE(decode_config_value(R"({"compatibilityLevel":"SIDEWAYS"})").ok());
  EXPECT_FALSE(decode_config_value(R"({"normalize":"yes"})").ok());
  EXPECT_FALSE(decode_config_value("[]").ok());
}

TEST(ModeValueCodec, RoundTripAndLegacyShapes) {
  const char* bytes = R"({"subject":"legacy-value","mode":"IMPORT"})";
  const ModeValue value = must(decode_mode_value(bytes));
  EXPECT_EQ(value.subject, "legacy-value");
  EXPECT_EQ(value.mode, Mode::Import);
  EXPECT_EQ(encode_mode_value(value), bytes);
  const ModeValue global = must(decode_mode_value(R"({"mode":"readonly"})"));
  EXPECT_FALSE(global.subject.has_value());
  EXPECT_EQ(global.mode, Mode::ReadOnly);
  EXPECT_EQ(encode_mode_value(global), R"({"mode":"READONLY"})");
  EXPECT_FALSE(decode_mode_value(R"({"subject":"s"})").ok());
  EXPECT_FALSE(decode_mode_value(R"({"mode":"WRITEONLY"})").ok());
}

TEST(DeleteSubjectValueCodec, RoundTrip) {
  const char* bytes = R"({"subject":"orders-value","version":1})";
  const DeleteSubjectValue value = must(decode_delete_subject_value(bytes));
  EXPECT_EQ(value.subject, "orders-value");
  EXPECT_EQ(value.version, 1);
  EXPECT_EQ(encode_delete_subject_value(value), bytes);
  EXPECT_FALSE(decode_delete_subject_value(R"({"subject":"s"})").ok());
}

TEST(ClearSubjectValueCodec, RoundTripAndGlobalScope) {
  const char* bytes = R"({"subject":"legacy-value"})";
  EXPECT_EQ(encode_clear_subject_value(must(decode_clear_subject_value(bytes))), bytes);
  const ClearSubjectValue global = must(decode_clear_subject_value("{}"));
  EXPECT_FALSE(global.subject.has_value());
  EXPECT_EQ(encode_clear_subject_value(global), "{}");
}

TEST(Tombstones, NullAndEmptyValuesDelete) {
  EXPECT_TRUE(is_tombstone(std::nullopt));
  EXPECT_TRUE(is_tombstone(std::string()));
  EXPECT_FALSE(is_tombstone(std::string("{}")));
}

}  // namespace
}  // namespace accord::log
