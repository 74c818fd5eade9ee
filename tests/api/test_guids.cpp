// Schema GUIDs [8.0+] (rest-api.md §3.2, §5.1): Confluent's MD5 over the stored record,
// printed as a UUID, in every response carrying a schema and behind /schemas/guids. The
// expected values are the MD5 of the byte layout Confluent's Schema.updateHash feeds,
// computed outside Accord.
#include "api_fixture.hpp"
#include "accord/log/codec.hpp"

namespace accord::api::testing {
namespace {

using nlohmann::json;

// md5('"string"') as a UUID.
constexpr const char* kStringGuid = "095d71cf-1255-6b9d-5e33-0ad575b3df5d";

class GuidTest : public ApiTest {
 protected:
  void append_record(const std::string& subject, VersionNumber version, const std::string& value) {
    std::vector<log::Record> records{
        {log::encode_key(log::schema_key(subject, version)), value, {}}};
    auto offset = log_->append(records);
    ASSERT_TRUE(offset.ok()) << offset.error().message;
    ASSERT_TRUE(store_->wait_applied(*offset, std::chrono::steady_clock::now() + std::chrono::seconds(10)));
  }
};

TEST_F(GuidTest, EveryResponseCarryingASchemaHasItsGuid) {
  auto registered = register_avro("s", R"({"type":"string"})");
  ASSERT_EQ(registered.status, 200) << registered.text;
  EXPECT_EQ(registered.body["guid"], kStringGuid);
  EXPECT_EQ(register_avro("s", R"("string")").body["guid"], kStringGuid) << "the fast path too";
  EXPECT_EQ(call("GET", "/schemas/ids/1").body["guid"], kStringGuid);
  EXPECT_EQ(call("GET", "/subjects/s/versions/1").body["guid"], kStringGuid);
  EXPECT_EQ(call("GET", "/subjects/s/versions/latest").body["guid"], kStringGuid);
  EXPECT_EQ(call("POST", "/subjects/s", json{{"schema", "\"string\""}}).body["guid"], kStringGuid);
  EXPECT_EQ(call("GET", "/schemas").body[0]["guid"], kStringGuid);
}

TEST_F(GuidTest, SchemasByGuid) {
  ASSERT_EQ(register_avro("s", R"("string")").status, 200);
  ASSERT_EQ(register_avro("t", R"("string")").status, 200);
  auto found = call("GET", std::string("/schemas/guids/") + kStringGuid);
  ASSERT_EQ(found.status, 200) << found.text;
  EXPECT_EQ(found.body["schema"], "\"string\"");
  EXPECT_EQ(found.body["schemaType"], "AVRO");
  EXPECT_EQ(found.body["guid"], kStringGuid);
  EXPECT_FALSE(found.body.contains("maxId"));
  // Upper-case hex names the same GUID.
  std::string upper = kStringGuid;
  for (auto& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  EXPECT_EQ(call("GET", "/schemas/guids/" + upper).status, 200);

  auto ids = call("GET", std::string("/schemas/guids/") + kStringGuid + "/ids");
  ASSERT_EQ(ids.status, 200) << ids.text;
  EXPECT_EQ(ids.body, json::parse(R"([{"context":".","id":1}])"));

  for (const std::string guid : {"00000000-0000-0000-0000-000000000000", "not-a-guid"}) {
    auto missing = call("GET", "/schemas/guids/" + guid);
    EXPECT_EQ(missing.status, 404);
    EXPECT_EQ(missing.body["error_code"], 40403);
    EXPECT_EQ(missing.body["message"], "Schema " + guid + " not found");
    auto no_ids = call("GET", "/schemas/guids/" + guid + "/ids");
    EXPECT_EQ(no_ids.status, 200);
    EXPECT_EQ(no_ids.body, json::array());
  }
}

TEST_F(GuidTest, FormatParameterChangesTheTextNotTheGuid) {
  const std::string money = R"({"type":"record","name":"Money","namespace":"acme","fields":[{"name":"units","type":"long"}]})";
  ASSERT_EQ(register_avro("money", money).status, 200);
  const std::string order = R"({"type":"record","name":"Order","fields":[{"name":"m","type":"acme.Money"}]})";
  auto registered = call("POST", "/subjects/order/versions",
                         json{{"schema", order},
                              {"references", json::array({{{"name", "acme.Money"}, {"subject", "money"}, {"version", 1}}})}});
  ASSERT_EQ(registered.status, 200) << registered.text;
  const std::string guid = registered.body["guid"];
  auto plain = call("GET", "/schemas/guids/" + guid);
  auto resolved = call("GET", "/schemas/guids/" + guid + "?format=resolved");
  ASSERT_EQ(resolved.status, 200);
  EXPECT_EQ(plain.body["schema"], registered.body["schema"]);
  EXPECT_NE(resolved.body["schema"], plain.body["schema"]) << "the referenced record is inlined";
  EXPECT_EQ(resolved.body["guid"], guid);
}

// A record as Confluent stores it, with references, metadata (keys in no particular order)
// and a ruleSet: the GUID is Confluent's digest of exactly that.
TEST_F(GuidTest, ForeignRecordWithReferencesMetadataAndRules) {
  ASSERT_EQ(register_avro("money", R"({"type":"record","name":"Money","namespace":"acme","fields":[{"name":"units","type":"long"}]})").status, 200);
  json value{{"subject", "order"}, {"version", 1}, {"id", 7}, {"schemaType", "AVRO"},
             {"references", json::array({{{"name", "acme.Money"}, {"subject", "money"}, {"version", 1}}})},
             {"metadata", json::parse(R"({"sensitive":["secret"],"properties":{"owner":"payments"},"tags":{"Order.card":["PII"]}})")},
             {"ruleSet", json::parse(R"({"domainRules":[{"name":"checkAmount","kind":"CONDITION","mode":"WRITE","type":"CEL","expr":"message.amount > 0"}]})")},
             {"schema", R"({"type":"record","name":"Order","fields":[{"name":"m","type":"acme.Money"}]})"},
             {"deleted", false}};
  append_record("order", VersionNumber{1}, value.dump());
  constexpr const char* kExpected = "d4dc04a4-e12d-4a4c-6e2a-6097e77cf356";
  EXPECT_EQ(call("GET", "/schemas/ids/7").body["guid"], kExpected);
  EXPECT_EQ(call("GET", std::string("/schemas/guids/") + kExpected + "/ids").body,
            json::parse(R"([{"context":".","id":7}])"));
  // The same after a restart, from the persisted store.
  restart();
  EXPECT_EQ(call("GET", "/schemas/ids/7").body["guid"], kExpected);
  EXPECT_EQ(call("GET", std::string("/schemas/guids/") + kExpected).status, 200);
  EXPECT_EQ(call("GET", std::string("/schemas/guids/") + kStringGuid).status, 404);
}

TEST_F(GuidTest, MetadataPropertiesAreHashedInKeyOrder) {
  // md5('"string"' 0x01 'a' '1' 'b' '2') as a UUID.
  auto registered = call("POST", "/subjects/s/versions",
                         json{{"schema", "\"string\""}, {"metadata", {{"properties", {{"b", "2"}, {"a", "1"}}}}}});
  ASSERT_EQ(registered.status, 200) << registered.text;
  EXPECT_EQ(registered.body["guid"], "a5280950-0e7f-dae6-f139-cdc70b721fc1");
}

TEST_F(GuidTest, GoneWithTheLastVersionCarryingIt) {
  ASSERT_EQ(register_avro("s", R"("string")").status, 200);
  ASSERT_EQ(call("DELETE", "/subjects/s").status, 200);
  EXPECT_EQ(call("GET", std::string("/schemas/guids/") + kStringGuid).status, 200) << "soft-deleted still resolves";
  ASSERT_EQ(call("DELETE", "/subjects/s?permanent=true").status, 200);
  EXPECT_EQ(call("GET", std::string("/schemas/guids/") + kStringGuid).status, 404);
  EXPECT_EQ(call("GET", std::string("/schemas/guids/") + kStringGuid + "/ids").body, json::array());
}

}  // namespace
}  // namespace accord::api::testing
