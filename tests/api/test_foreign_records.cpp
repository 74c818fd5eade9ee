// Schema identity on a log written by another registry: the stored text is whatever that
// writer stored (a client's own formatting, Karapace's re-serialized JSON, an older canonical
// form, Confluent's Protobuf printer), yet lookup, re-registration and id reuse find it.
#include "api_fixture.hpp"
#include "accord/log/codec.hpp"

namespace accord::api::testing {
namespace {

using nlohmann::json;

class ForeignRecordsTest : public ApiTest {
 protected:
  // Appends SCHEMA records as another registry wrote them, and waits until they are applied.
  void append_foreign(SchemaId id, const std::string& subject, VersionNumber version, const std::string& type,
                      const std::string& text, const json& references = json::array()) {
    json value{{"subject", subject}, {"version", version}, {"id", id}};
    if (type != "AVRO") value["schemaType"] = type;
    if (!references.empty()) value["references"] = references;
    value["schema"] = text;
    value["deleted"] = false;
    // The key in Karapace's old byte order: identity never depends on key bytes either.
    const std::string key = R"({"subject":")" + subject + R"(","version":)" + std::to_string(version) +
                            R"(,"magic":1,"keytype":"SCHEMA"})";
    std::vector<log::Record> records{{key, value.dump(), {}}};
    auto offset = log_->append(records);
    ASSERT_TRUE(offset.ok()) << offset.error().message;
    ASSERT_TRUE(store_->wait_applied(*offset, std::chrono::steady_clock::now() + std::chrono::seconds(10)));
  }

  // What every test checks for a stored schema and the text a client sends for it.
  void expect_found_everywhere(const std::string& subject, SchemaId id, const std::string& stored,
                               const json& request) {
    const std::string path = "/subjects/" + subject;
    auto lookup = call("POST", path, request);
    ASSERT_EQ(lookup.status, 200) << lookup.text;
    EXPECT_EQ(lookup.body["id"], id.value());
    EXPECT_EQ(lookup.body["version"], 1);
    EXPECT_EQ(lookup.body["schema"], stored) << "the stored text is served unchanged";
    auto normalized = call("POST", path + "?normalize=true", request);
    ASSERT_EQ(normalized.status, 200) << normalized.text;
    EXPECT_EQ(normalized.body["id"], id.value());

    auto again = call("POST", path + "/versions", request);
    ASSERT_EQ(again.status, 200) << again.text;
    EXPECT_EQ(again.body["id"], id.value());
    EXPECT_EQ(again.body["version"], 1);
    EXPECT_EQ(call("GET", path + "/versions").body, json::array({1})) << "no new version";

    auto other = call("POST", "/subjects/copy-of-" + subject + "/versions", request);
    ASSERT_EQ(other.status, 200) << other.text;
    EXPECT_EQ(other.body["id"], id.value()) << "the id is reused in another subject";
    EXPECT_EQ(call("GET", "/schemas/ids/" + std::to_string(id)).body["schema"], stored);
    auto subjects = call("GET", "/schemas/ids/" + std::to_string(id) + "/subjects").body;
    EXPECT_EQ(subjects, json::array({"copy-of-" + subject, subject}));
    // The record written for the other subject carries the stored text: one text per id.
    EXPECT_EQ(call("GET", "/subjects/copy-of-" + subject + "/versions/1").body["schema"], stored);
  }
};

TEST_F(ForeignRecordsTest, AvroWithAClientsWhitespaceAndKeyOrder) {
  const std::string stored = R"({ "fields": [ { "type": "long", "name": "id" } ], "name": "Order", "type": "record" })";
  append_foreign(SchemaId{7}, "orders-value", VersionNumber{1}, "AVRO", stored);
  expect_found_everywhere("orders-value", SchemaId{7}, stored,
                          json{{"schema", R"({"type":"record","name":"Order","fields":[{"name":"id","type":"long"}]})"}});
}

TEST_F(ForeignRecordsTest, AvroPrimitivesWrittenAsObjects) {
  const std::string stored = R"({"type":"record","name":"User","namespace":"acme","fields":[{"name":"name","type":{"type":"string"}},{"name":"tags","type":{"type":"array","items":{"type":"string"}}}]})";
  append_foreign(SchemaId{3}, "users-value", VersionNumber{1}, "AVRO", stored);
  expect_found_everywhere(
      "users-value", SchemaId{3}, stored,
      json{{"schema", R"({"type":"record","name":"User","namespace":"acme","fields":[{"name":"name","type":"string"},{"name":"tags","type":{"type":"array","items":"string"}}]})"}});
  // A real difference is still a different schema.
  auto doc = call("POST", "/subjects/users-value",
                  json{{"schema", R"({"type":"record","name":"User","namespace":"acme","doc":"x","fields":[{"name":"name","type":"string"},{"name":"tags","type":{"type":"array","items":"string"}}]})"}});
  EXPECT_EQ(doc.status, 404);
  EXPECT_EQ(doc.body["error_code"], 40403);
}

TEST_F(ForeignRecordsTest, JsonSchemaReSerializedWithOtherKeyOrder) {
  const std::string stored = R"({"properties":{"qty":{"minimum":0,"type":"integer"},"sku":{"type":"string"}},"required":["sku"],"type":"object","title":"Line"})";
  append_foreign(SchemaId{11}, "lines-value", VersionNumber{1}, "JSON", stored);
  expect_found_everywhere(
      "lines-value", SchemaId{11}, stored,
      json{{"schemaType", "JSON"},
           {"schema", R"({
  "title": "Line", "type": "object",
  "properties": { "sku": { "type": "string" }, "qty": { "type": "integer", "minimum": 0 } },
  "required": ["sku"]
})"}});
}

TEST_F(ForeignRecordsTest, ProtobufFromAnotherPrinterWithAReference) {
  // As Confluent's printer stores them: its own layout, options in declaration order.
  const std::string money = "syntax = \"proto3\";\npackage acme;\n\nmessage Money {\n  int64 units = 1;\n  string currency = 2;\n}\n";
  append_foreign(SchemaId{20}, "money", VersionNumber{1}, "PROTOBUF", money);
  const std::string order =
      "syntax = \"proto3\";\npackage acme;\n\nimport \"money.proto\";\n\noption java_package = \"com.acme\";\n"
      "option java_multiple_files = true;\n\nmessage Order {\n  int64 id = 1;\n  .acme.Money total = 2 "
      "[deprecated = true, json_name = \"sum\"];\n}\n";
  const json refs = json::array({{{"name", "money.proto"}, {"subject", "money"}, {"version", 1}}});
  append_foreign(SchemaId{21}, "orders-proto", VersionNumber{1}, "PROTOBUF", order, refs);
  // The client's .proto: comments, other spacing, the options in the other order.
  const std::string client =
      "// Orders, as the team writes them\nsyntax = \"proto3\";\n\npackage acme;\nimport \"money.proto\";\n"
      "option java_multiple_files = true;  // one class per message\noption java_package = \"com.acme\";\n"
      "message Order {\n    int64 id = 1;\n    /* the total */ Money total = 2 [json_name = \"sum\", deprecated = true];\n}\n";
  expect_found_everywhere("orders-proto", SchemaId{21}, order, json{{"schemaType", "PROTOBUF"}, {"schema", client}, {"references", refs}});
  EXPECT_EQ(call("GET", "/subjects/money/versions/1/referencedby").body, json::array({21}));
  // Same text without the reference names no other schema.
  auto unreferenced = call("POST", "/subjects/orders-proto", json{{"schemaType", "PROTOBUF"}, {"schema", money}});
  EXPECT_EQ(unreferenced.body["error_code"], 40403);
}

TEST_F(ForeignRecordsTest, AStoredTextThisRegistryCannotParseStillMatchesItself) {
  // An IMPORTed record of another registry: not a schema Accord's parser accepts.
  const std::string stored = R"({"type":"record","name":"Odd","fields":[{"name":"x","type":"NoSuchType"}]})";
  append_foreign(SchemaId{5}, "odd-value", VersionNumber{1}, "AVRO", stored);
  EXPECT_EQ(call("GET", "/schemas/ids/5").body["schema"], stored);
  EXPECT_EQ(call("GET", "/subjects/odd-value/versions/1").body["id"], 5);
}

TEST_F(ForeignRecordsTest, IdentitiesSurviveARestart) {
  const std::string stored = R"({ "type": "record", "name": "R", "fields": [ { "name": "a", "type": { "type": "int" } } ] })";
  append_foreign(SchemaId{9}, "r-value", VersionNumber{1}, "AVRO", stored);
  restart();
  auto lookup = call("POST", "/subjects/r-value",
                     json{{"schema", R"({"type":"record","name":"R","fields":[{"name":"a","type":"int"}]})"}});
  ASSERT_EQ(lookup.status, 200) << lookup.text;
  EXPECT_EQ(lookup.body["id"], 9);
}

}  // namespace
}  // namespace accord::api::testing
