#include "accord/serde/json.hpp"

#include <gtest/gtest.h>

#include "test_client.hpp"

namespace accord::serde {
namespace {

const char* kSchema = R"({"title":"UserUpdated","type":"object",
  "properties":{"user_name":{"type":"string"},"age":{"type":"integer","minimum":0},
                "tags":{"type":"array","items":{"type":"string"}}},
  "required":["user_name"]})";

TEST(JsonSerde, RoundTripWithValidation) {
  auto client = testing::fake_client();
  JsonSerializer serializer(client, {SchemaType::Json, kSchema, {}, std::nullopt, std::nullopt});
  const nlohmann::json event = {{"user_name", "ada"}, {"age", 36}};
  auto bytes = serializer.serialize("users", event);
  ASSERT_TRUE(bytes) << bytes.error().message;
  EXPECT_EQ((*bytes)[0], 0);
  EXPECT_EQ(std::string(bytes->begin() + 5, bytes->end()), event.dump());

  JsonDeserializer deserializer(client, {.validate = true, .subject = ""});
  auto decoded = deserializer.deserialize(*bytes);
  ASSERT_TRUE(decoded) << decoded.error().message;
  EXPECT_EQ(*decoded, event);
}

TEST(JsonSerde, InvalidEventsAreRefusedWithThePath) {
  auto client = testing::fake_client();
  JsonSerializer serializer(client, {SchemaType::Json, kSchema, {}, std::nullopt, std::nullopt});
  auto bytes = serializer.serialize("users", {{"username", "ada"}});
  ASSERT_FALSE(bytes);
  EXPECT_EQ(bytes.error().kind, ErrorKind::ValidationFailed);
  EXPECT_NE(bytes.error().message.find("user_name"), std::string::npos) << bytes.error().message;

  bytes = serializer.serialize("users", {{"user_name", "ada"}, {"tags", {"x", 2}}});
  ASSERT_FALSE(bytes);
  EXPECT_NE(bytes.error().message.find("/tags/1"), std::string::npos) << bytes.error().message;
}

TEST(JsonSerde, DeserializeValidatesAgainstTheWriterSchema) {
  testing::FakeRegistry* fake = nullptr;
  auto client = testing::fake_client(&fake);
  auto registered = client->register_schema("users-value", {SchemaType::Json, kSchema, {}, std::nullopt, std::nullopt});
  ASSERT_TRUE(registered);
  Bytes message;
  append_header(message, registered->id);
  const std::string body = R"({"age":-1})";
  message.insert(message.end(), body.begin(), body.end());
  EXPECT_TRUE(JsonDeserializer(client).deserialize(message));
  auto checked = JsonDeserializer(client, {.validate = true, .subject = ""}).deserialize(message);
  ASSERT_FALSE(checked);
  EXPECT_EQ(checked.error().kind, ErrorKind::ValidationFailed);

  Bytes garbage{0, 0, 0, 0, 1, '{'};
  EXPECT_EQ(JsonDeserializer(client).deserialize(garbage).error().kind, ErrorKind::InvalidPayload);
}

TEST(JsonSerde, ReferencesResolveByName) {
  const std::vector<FetchedReference> refs = {{"money.json", "money", VersionNumber{1}, R"({"type":"integer","minimum":0})"}};
  auto validator = JsonSchemaValidator::compile(
      R"({"type":"object","properties":{"total":{"$ref":"money.json"}}})", refs);
  ASSERT_TRUE(validator) << validator.error().message;
  EXPECT_TRUE((*validator)->validate({{"total", 5}}));
  EXPECT_FALSE((*validator)->validate({{"total", -5}}));
}

TEST(JsonSerde, RecordNameIsTheTitle) {
  testing::FakeRegistry* fake = nullptr;
  auto client = testing::fake_client(&fake);
  SerializerConfig config;
  config.strategy = SubjectNameStrategy::RecordName;
  JsonSerializer serializer(client, {SchemaType::Json, kSchema, {}, std::nullopt, std::nullopt}, config);
  ASSERT_TRUE(serializer.serialize("users", {{"user_name", "x"}}));
  EXPECT_EQ(fake->subjects.count("UserUpdated"), 1u);
}

}  // namespace
}  // namespace accord::serde
