#include "accord/serde/avro.hpp"

#include <gtest/gtest.h>

#include <algorithm>

#include "test_client.hpp"

namespace accord::serde {
namespace {

const char* kUserV1 = R"({"type":"record","name":"User","namespace":"com.acme","fields":[
  {"name":"id","type":"long"},
  {"name":"user_name","type":"string"},
  {"name":"email","type":["null","string"],"default":null},
  {"name":"tags","type":{"type":"array","items":"string"}},
  {"name":"scores","type":{"type":"map","values":"double"}},
  {"name":"kind","type":{"type":"enum","name":"Kind","symbols":["HUMAN","BOT"]}},
  {"name":"active","type":"boolean"}]})";

// v2 adds a field with a default and drops `active` (the value for use_latest_version).
const char* kUserV2 = R"({"type":"record","name":"User","namespace":"com.acme","fields":[
  {"name":"id","type":"long"},
  {"name":"user_name","type":"string"},
  {"name":"email","type":["null","string"],"default":null},
  {"name":"tags","type":{"type":"array","items":"string"}},
  {"name":"scores","type":{"type":"map","values":"double"}},
  {"name":"kind","type":{"type":"enum","name":"Kind","symbols":["HUMAN","BOT"]}},
  {"name":"country","type":"string","default":"NL"}]})";

// v3 drops `active` and widens `id` to double: avro-c resolves v1 data into it. (avro-c's
// resolver cannot fill reader-only fields from defaults; see docs/serde.md.)
const char* kUserV3 = R"({"type":"record","name":"User","namespace":"com.acme","fields":[
  {"name":"id","type":"double"},
  {"name":"user_name","type":"string"},
  {"name":"email","type":["null","string"],"default":null},
  {"name":"tags","type":{"type":"array","items":"string"}},
  {"name":"scores","type":{"type":"map","values":"double"}},
  {"name":"kind","type":{"type":"enum","name":"Kind","symbols":["HUMAN","BOT"]}}]})";

const nlohmann::json kUser = {{"id", 7},
                              {"user_name", "ada"},
                              {"email", {{"string", "ada@example.com"}}},
                              {"tags", {"a", "b"}},
                              {"scores", {{"x", 1.5}}},
                              {"kind", "BOT"},
                              {"active", true}};

AvroSchemaPtr parse(const char* text) {
  auto schema = AvroSchema::parse(text);
  EXPECT_TRUE(schema) << schema.error().message;
  return *schema;
}

TEST(AvroSerde, JsonEncodingRoundTripsThroughAvroC) {
  auto schema = parse(kUserV1);
  EXPECT_EQ(schema->full_name(), "com.acme.User");
  auto value = AvroValue::from_json(schema, kUser);
  ASSERT_TRUE(value) << value.error().message;
  EXPECT_EQ(value->to_json(), kUser);
}

TEST(AvroSerde, JsonErrorsNameThePath) {
  auto schema = parse(kUserV1);
  auto missing = kUser;
  missing.erase("user_name");
  auto value = AvroValue::from_json(schema, missing);
  ASSERT_FALSE(value);
  EXPECT_EQ(value.error().kind, ErrorKind::ValidationFailed);
  EXPECT_NE(value.error().message.find("/user_name"), std::string::npos) << value.error().message;

  auto wrong = kUser;
  wrong["tags"][1] = 3;
  value = AvroValue::from_json(schema, wrong);
  ASSERT_FALSE(value);
  EXPECT_EQ(value.error().message.rfind("/tags/1:", 0), 0u) << value.error().message;

  auto extra = kUser;
  extra["username"] = "x";
  value = AvroValue::from_json(schema, extra);
  ASSERT_FALSE(value);
  EXPECT_NE(value.error().message.find("username"), std::string::npos);
}

TEST(AvroSerde, SerializeDeserializeThroughTheRegistry) {
  testing::FakeRegistry* fake = nullptr;
  auto client = testing::fake_client(&fake);
  auto schema = parse(kUserV1);
  auto value = AvroValue::from_json(schema, kUser);
  ASSERT_TRUE(value);
  AvroSerializer serializer(client);
  auto bytes = serializer.serialize("users", *value);
  ASSERT_TRUE(bytes) << bytes.error().message;
  EXPECT_EQ((*bytes)[0], 0);
  EXPECT_EQ(fake->subjects.count("users-value"), 1u);

  AvroDeserializer deserializer(client);
  auto decoded = deserializer.deserialize(*bytes);
  ASSERT_TRUE(decoded) << decoded.error().message;
  EXPECT_EQ(decoded->to_json(), kUser);
}

TEST(AvroSerde, ContextQualifiesSubjectsAndIds) {
  testing::FakeRegistry* fake = nullptr;
  auto client = testing::fake_client(&fake);
  auto value = AvroValue::from_json(parse(kUserV1), kUser);
  ASSERT_TRUE(value);
  SerializerConfig config;
  config.context = ".team-a";
  AvroSerializer serializer(client, config);
  auto bytes = serializer.serialize("users", *value);
  ASSERT_TRUE(bytes) << bytes.error().message;
  EXPECT_EQ(fake->subjects.count(":.team-a:users-value"), 1u);
  EXPECT_EQ(fake->subjects.count("users-value"), 0u);

  // The id was issued in .team-a: a deserializer of the default context must not take it
  // from the client's cache, one configured with the context asks with ?subject=.
  const auto seen = [&](const std::string& target) {
    return std::count(fake->seen.begin(), fake->seen.end(), "http://fake GET " + target);
  };
  DeserializerConfig in_team;
  in_team.subject = ":.team-a:";
  AvroDeserializer scoped(client, nullptr, in_team);
  auto decoded = scoped.deserialize(*bytes);
  ASSERT_TRUE(decoded) << decoded.error().message;
  EXPECT_EQ(decoded->to_json(), kUser);
  EXPECT_EQ(seen("/schemas/ids/1?subject=%3A.team-a%3A"), 0) << "registered in .team-a: cached for it";
  AvroDeserializer plain(client);
  ASSERT_TRUE(plain.deserialize(*bytes));
  EXPECT_EQ(seen("/schemas/ids/1"), 1) << "the default context's id 1 is asked for";
  DeserializerConfig by_subject;
  by_subject.subject = "users-value";
  AvroDeserializer searching(client, nullptr, by_subject);
  ASSERT_TRUE(searching.deserialize(*bytes));
  EXPECT_EQ(seen("/schemas/ids/1?subject=users-value"), 1);
}

TEST(AvroSerde, GuidWireFormatRoundTrip) {
  testing::FakeRegistry* fake = nullptr;
  auto client = testing::fake_client(&fake);
  auto value = AvroValue::from_json(parse(kUserV1), kUser);
  ASSERT_TRUE(value);
  SerializerConfig config;
  config.use_schema_guid = true;
  AvroSerializer serializer(client, config);
  auto bytes = serializer.serialize("users", *value);
  ASSERT_TRUE(bytes) << bytes.error().message;
  ASSERT_GT(bytes->size(), kGuidHeaderSize);
  EXPECT_EQ((*bytes)[0], kGuidMagicByte);
  const auto guid = guid_from_string(testing::FakeRegistry::guid_of(1));
  EXPECT_TRUE(std::equal(guid->begin(), guid->end(), bytes->begin() + 1));

  // A fresh client resolves the GUID through /schemas/guids.
  testing::FakeRegistry* reader_fake = nullptr;
  auto reader_client = testing::fake_client(&reader_fake);
  reader_fake->by_id = fake->by_id;
  AvroDeserializer deserializer(reader_client);
  auto decoded = deserializer.deserialize(*bytes);
  ASSERT_TRUE(decoded) << decoded.error().message;
  EXPECT_EQ(decoded->to_json(), kUser);
  const std::string wanted = "http://fake GET /schemas/guids/" + testing::FakeRegistry::guid_of(1);
  EXPECT_NE(std::find(reader_fake->seen.begin(), reader_fake->seen.end(), wanted), reader_fake->seen.end());
  // Both framings of one schema decode alike.
  AvroSerializer by_id(client);
  auto id_bytes = by_id.serialize("users", *value);
  ASSERT_TRUE(id_bytes);
  EXPECT_EQ((*id_bytes)[0], kMagicByte);
  EXPECT_EQ(deserializer.deserialize(*id_bytes)->to_json(), kUser);

  // An unknown GUID is an unknown schema.
  Bytes unknown{kGuidMagicByte, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
  auto missing = deserializer.deserialize(unknown);
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().kind, ErrorKind::UnknownSchemaId);
}

TEST(AvroSerde, ReaderSchemaResolvesWriterData) {
  auto client = testing::fake_client();
  auto value = AvroValue::from_json(parse(kUserV1), kUser);
  ASSERT_TRUE(value);
  auto bytes = AvroSerializer(client).serialize("users", *value);
  ASSERT_TRUE(bytes);

  AvroDeserializer deserializer(client, parse(kUserV3));
  auto decoded = deserializer.deserialize(*bytes);
  ASSERT_TRUE(decoded) << decoded.error().message;
  auto json = decoded->to_json();
  EXPECT_EQ(json["user_name"], "ada");
  EXPECT_EQ(json["tags"], kUser["tags"]);
  EXPECT_EQ(json["id"], 7.0);
  EXPECT_TRUE(json["id"].is_number_float());
  EXPECT_FALSE(json.contains("active"));

  // A reader that needs a field the writer never had is refused with a typed error.
  auto refused = AvroDeserializer(client, parse(kUserV2)).deserialize(*bytes);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().kind, ErrorKind::SchemaTypeMismatch);
}

TEST(AvroSerde, RecordNameStrategyUsesTheFullName) {
  testing::FakeRegistry* fake = nullptr;
  auto client = testing::fake_client(&fake);
  SerializerConfig config;
  config.strategy = SubjectNameStrategy::TopicRecordName;
  auto value = AvroValue::from_json(parse(kUserV1), kUser);
  ASSERT_TRUE(AvroSerializer(client, config).serialize("users", *value));
  EXPECT_EQ(fake->subjects.count("users-com.acme.User"), 1u);
}

TEST(AvroSerde, WithoutAutoRegisterAnUnknownSchemaFails) {
  auto client = testing::fake_client();
  SerializerConfig config;
  config.auto_register = false;
  auto value = AvroValue::from_json(parse(kUserV1), kUser);
  auto bytes = AvroSerializer(client, config).serialize("users", *value);
  ASSERT_FALSE(bytes);
  EXPECT_EQ(bytes.error().kind, ErrorKind::Registry);
}

TEST(AvroSerde, UseLatestVersionWritesTheRegisteredSchema) {
  auto client = testing::fake_client();
  // v2 is registered; the application still builds v1 values.
  auto v2 = parse(kUserV2);
  ASSERT_TRUE(client->register_schema("users-value", {SchemaType::Avro, kUserV2, {}, std::nullopt, std::nullopt}));
  SerializerConfig config;
  config.use_latest_version = true;
  // Values of v3 (a subset of v2 with `id` as double) would need defaults; write v2 values.
  nlohmann::json v2_user = kUser;
  v2_user.erase("active");
  v2_user["country"] = "SE";
  auto value = AvroValue::from_json(v2, v2_user);
  ASSERT_TRUE(value) << value.error().message;
  auto bytes = AvroSerializer(client, config).serialize("users", *value);
  ASSERT_TRUE(bytes) << bytes.error().message;
  auto decoded = AvroDeserializer(client).deserialize(*bytes);
  ASSERT_TRUE(decoded) << decoded.error().message;
  EXPECT_EQ(decoded->to_json(), v2_user);
}

TEST(AvroSerde, MalformedMessagesGiveTypedErrors) {
  auto client = testing::fake_client();
  AvroDeserializer deserializer(client);
  EXPECT_EQ(deserializer.deserialize(Bytes{2, 0, 0, 0, 1}).error().kind, ErrorKind::BadMagicByte);
  EXPECT_EQ(deserializer.deserialize(Bytes{1, 0, 0, 0, 1}).error().kind, ErrorKind::ShortBuffer)
      << "magic byte 1 frames a 16-byte GUID";
  EXPECT_EQ(deserializer.deserialize(Bytes{0, 0}).error().kind, ErrorKind::ShortBuffer);
  EXPECT_EQ(deserializer.deserialize(Bytes{0, 0, 0, 0, 9, 2}).error().kind, ErrorKind::UnknownSchemaId);

  auto value = AvroValue::from_json(parse(kUserV1), kUser);
  auto bytes = AvroSerializer(client).serialize("users", *value);
  ASSERT_TRUE(bytes);
  Bytes truncated(bytes->begin(), bytes->begin() + 8);
  auto decoded = deserializer.deserialize(truncated);
  ASSERT_FALSE(decoded);
  EXPECT_EQ(decoded.error().kind, ErrorKind::InvalidPayload);
}

TEST(AvroSerde, ReferencedNamedTypesAreInlined) {
  const std::vector<FetchedReference> refs = {
      {"com.acme.Money", "money", VersionNumber{1},
       R"({"type":"record","name":"Money","namespace":"com.acme","fields":[{"name":"cents","type":"long"}]})"}};
  auto schema = AvroSchema::parse(
      R"({"type":"record","name":"Order","namespace":"com.acme","fields":[
         {"name":"total","type":"com.acme.Money"},{"name":"tax","type":"Money"}]})",
      refs);
  ASSERT_TRUE(schema) << schema.error().message;
  const nlohmann::json order = {{"total", {{"cents", 100}}}, {"tax", {{"cents", 21}}}};
  auto value = AvroValue::from_json(*schema, order);
  ASSERT_TRUE(value) << value.error().message;
  auto body = avro_encode(*value);
  ASSERT_TRUE(body);
  auto back = avro_decode(*schema, *body);
  ASSERT_TRUE(back);
  EXPECT_EQ(back->to_json(), order);
}

TEST(AvroSerde, BadSchemaIsInvalidSchema) {
  auto schema = AvroSchema::parse(R"({"type":"record","name":"X","fields":[{"name":"a","type":"nope"}]})");
  ASSERT_FALSE(schema);
  EXPECT_EQ(schema.error().kind, ErrorKind::InvalidSchema);
}

}  // namespace
}  // namespace accord::serde
