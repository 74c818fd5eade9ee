// `?format=` per endpoint and schema type (rest-api.md §1.3): Avro `resolved`, Protobuf
// `serialized` and `ignore_extensions`; any other value, or a format of another type, serves
// the stored text.
#include <google/protobuf/descriptor.pb.h>

#include "api_fixture.hpp"
#include "accord/formats/format.hpp"

namespace accord::api::testing {
namespace {

using nlohmann::json;

std::string base64_decode(const std::string& text) {
  static const std::string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  int bits = 0;
  unsigned value = 0;
  for (char c : text) {
    if (c == '=') break;
    auto pos = alphabet.find(c);
    if (pos == std::string::npos) return "<not base64>";
    value = (value << 6) | static_cast<unsigned>(pos);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((value >> bits) & 0xff);
    }
  }
  return out;
}

class FormatTest : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    // Avro: Money, and Order referencing it.
    ASSERT_EQ(register_avro("money", kMoney).status, 200);
    auto order = call("POST", "/subjects/order/versions",
                      json{{"schema", kOrder}, {"references", json::array({{{"name", "acme.Money"}, {"subject", "money"}, {"version", 1}}})}});
    ASSERT_EQ(order.status, 200) << order.text;
    // Protobuf: an options file defining a custom option, and a schema using it.
    auto pii = call("POST", "/subjects/pii-proto/versions", json{{"schemaType", "PROTOBUF"}, {"schema", kPiiProto}});
    ASSERT_EQ(pii.status, 200) << pii.text;
    auto user = call("POST", "/subjects/user-proto/versions",
                     json{{"schemaType", "PROTOBUF"}, {"schema", kUserProto},
                          {"references", json::array({{{"name", "pii.proto"}, {"subject", "pii-proto"}, {"version", 1}}})}});
    ASSERT_EQ(user.status, 200) << user.text;
    // JSON Schema has no output formats.
    ASSERT_EQ(call("POST", "/subjects/line-json/versions", json{{"schemaType", "JSON"}, {"schema", kLineJson}}).status, 200);
  }

  // The schema text each read endpoint answers for `subject` v1 (id `id`) with `format`.
  std::map<std::string, std::string> texts(const std::string& subject, int id, const std::string& format,
                                           const json& lookup_body) {
    const std::string q = format.empty() ? "" : "?format=" + format;
    const std::string amp = format.empty() ? "" : "&format=" + format;
    std::map<std::string, std::string> out;
    out["GET /schemas/ids/{id}"] = call("GET", "/schemas/ids/" + std::to_string(id) + q).body.value("schema", "");
    out["GET /schemas/ids/{id}/schema"] = call("GET", "/schemas/ids/" + std::to_string(id) + "/schema" + q).text;
    out["GET /subjects/{s}/versions/1"] = call("GET", "/subjects/" + subject + "/versions/1" + q).body.value("schema", "");
    out["GET /subjects/{s}/versions/1/schema"] = call("GET", "/subjects/" + subject + "/versions/1/schema" + q).text;
    out["GET /subjects/{s}/metadata"] = call("GET", "/subjects/" + subject + "/metadata?deleted=false" + amp).body.value("schema", "");
    out["POST /subjects/{s}"] = call("POST", "/subjects/" + subject + q, lookup_body).body.value("schema", "");
    out["POST /subjects/{s}/versions"] = call("POST", "/subjects/" + subject + "/versions" + q, lookup_body).body.value("schema", "");
    return out;
  }

  void expect_all(const std::map<std::string, std::string>& got, const std::function<void(const std::string&)>& check) {
    EXPECT_EQ(got.size(), 7u);
    for (const auto& [endpoint, text] : got) {
      SCOPED_TRACE(endpoint);
      check(text);
    }
  }

  static constexpr const char* kMoney =
      R"({"type":"record","name":"Money","namespace":"acme","fields":[{"name":"units","type":"long"}]})";
  static constexpr const char* kOrder =
      R"({"type":"record","name":"Order","namespace":"acme","fields":[{"name":"total","type":"Money"},{"name":"refund","type":["null","Money"],"default":null}]})";
  static constexpr const char* kPiiProto =
      "syntax = \"proto3\";\npackage acme;\nimport \"google/protobuf/descriptor.proto\";\n"
      "extend google.protobuf.FieldOptions { bool pii = 50001; }\n";
  static constexpr const char* kUserProto =
      "syntax = \"proto3\";\npackage acme;\nimport \"pii.proto\";\n"
      "message User {\n  string email = 1 [(acme.pii) = true, deprecated = true];\n  int64 id = 2;\n}\n";
  static constexpr const char* kLineJson = R"({"type":"object","properties":{"sku":{"type":"string"}}})";

  json order_body() const {
    return json{{"schema", kOrder}, {"references", json::array({{{"name", "acme.Money"}, {"subject", "money"}, {"version", 1}}})}};
  }
  json user_body() const {
    return json{{"schemaType", "PROTOBUF"}, {"schema", kUserProto},
                {"references", json::array({{{"name", "pii.proto"}, {"subject", "pii-proto"}, {"version", 1}}})}};
  }
};

TEST_F(FormatTest, AvroResolvedInlinesEachReferencedTypeOnce) {
  const std::string stored = call("GET", "/subjects/order/versions/1").body["schema"];
  EXPECT_EQ(stored.find("\"units\""), std::string::npos) << "the stored text names Money, it does not define it";
  expect_all(texts("order", 2, "resolved", order_body()), [&](const std::string& text) {
    // A standalone schema: it parses without references, and defines Money exactly once.
    const auto* avro = formats::format_for(SchemaType::Avro);
    EXPECT_TRUE(avro->parse(text, {}).ok()) << text;
    std::size_t first = text.find(R"("name":"Money")");
    ASSERT_NE(first, std::string::npos) << text;
    EXPECT_EQ(text.find(R"("name":"Money")", first + 1), std::string::npos) << text;
    EXPECT_NE(text.find(R"("name":"units")"), std::string::npos) << text;
  });
  // Formats of another type, unknown values and no value all serve the stored text.
  for (const std::string format : {"", "serialized", "ignore_extensions", "nonsense"})
    expect_all(texts("order", 2, format, order_body()), [&](const std::string& text) { EXPECT_EQ(text, stored); });
}

TEST_F(FormatTest, ProtobufSerializedIsABase64FileDescriptorProto) {
  expect_all(texts("user-proto", 4, "serialized", user_body()), [&](const std::string& text) {
    google::protobuf::FileDescriptorProto proto;
    ASSERT_TRUE(proto.ParseFromString(base64_decode(text))) << text;
    EXPECT_EQ(proto.package(), "acme");
    ASSERT_EQ(proto.dependency_size(), 1);
    EXPECT_EQ(proto.dependency(0), "pii.proto") << "dependencies are named as the references name them";
    ASSERT_EQ(proto.message_type_size(), 1);
    EXPECT_EQ(proto.message_type(0).name(), "User");
    EXPECT_EQ(proto.message_type(0).field_size(), 2);
  });
  // The serialized form registers and looks up as the same schema (what the JS and Python
  // serializers send).
  const std::string serialized = call("GET", "/schemas/ids/4?format=serialized").body["schema"];
  auto body = user_body();
  body["schema"] = serialized;
  auto lookup = call("POST", "/subjects/user-proto", body);
  ASSERT_EQ(lookup.status, 200) << lookup.text;
  EXPECT_EQ(lookup.body["id"], 4);
}

TEST_F(FormatTest, ProtobufIgnoreExtensionsDropsCustomOptionsOnly) {
  const std::string stored = call("GET", "/subjects/user-proto/versions/1").body["schema"];
  EXPECT_NE(stored.find("pii"), std::string::npos) << stored;
  expect_all(texts("user-proto", 4, "ignore_extensions", user_body()), [&](const std::string& text) {
    EXPECT_EQ(text.find("(acme.pii)"), std::string::npos) << text;
    EXPECT_NE(text.find("deprecated = true"), std::string::npos) << "built-in options stay: " << text;
    EXPECT_NE(text.find("message User"), std::string::npos) << text;
  });
  for (const std::string format : {"", "resolved", "nonsense"})
    expect_all(texts("user-proto", 4, format, user_body()), [&](const std::string& text) { EXPECT_EQ(text, stored); });
}

TEST_F(FormatTest, JsonSchemaHasNoOutputFormats) {
  const std::string stored = call("GET", "/subjects/line-json/versions/1").body["schema"];
  const json body{{"schemaType", "JSON"}, {"schema", kLineJson}};
  for (const std::string format : {"", "resolved", "serialized", "ignore_extensions", "nonsense"})
    expect_all(texts("line-json", 5, format, body), [&](const std::string& text) { EXPECT_EQ(text, stored); });
}

TEST_F(FormatTest, SchemaByIdEchoesTheSubjectAndVersionAsked) {
  auto with = call("GET", "/schemas/ids/2?subject=order");
  EXPECT_EQ(with.body["subject"], "order");
  EXPECT_EQ(with.body["version"], 1);
  auto without = call("GET", "/schemas/ids/2");
  EXPECT_FALSE(without.body.contains("subject"));
  EXPECT_FALSE(without.body.contains("version"));
  auto elsewhere = call("GET", "/schemas/ids/2?subject=money");
  EXPECT_EQ(elsewhere.status, 200);
  EXPECT_FALSE(elsewhere.body.contains("version")) << "money carries no version with id 2";
}

}  // namespace
}  // namespace accord::api::testing
