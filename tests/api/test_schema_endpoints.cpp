// Register, read, lookup and compatibility endpoints, without sockets.
#include "api_fixture.hpp"

namespace accord::api::testing {
namespace {

using nlohmann::json;

const std::string kV1 = ApiTest::record("User", {R"({"name":"id","type":"long"})"});
const std::string kV2 = ApiTest::record("User", {R"({"name":"id","type":"long"})",
                                                 R"({"name":"email","type":"string","default":""})"});

TEST_F(ApiTest, RootAndTypes) {
  EXPECT_EQ(call("GET", "/").body, json::object());
  auto types = call("GET", "/schemas/types").body;
  EXPECT_EQ(types.size(), 3u);
}

TEST_F(ApiTest, RegisterAndReadBack) {
  auto reply = register_avro("users-value", kV1);
  ASSERT_EQ(reply.status, 200) << reply.text;
  EXPECT_EQ(reply.body["id"], 1);
  EXPECT_EQ(reply.body["version"], 1);
  EXPECT_EQ(reply.body["schemaType"], "AVRO");

  auto version = call("GET", "/subjects/users-value/versions/1");
  ASSERT_EQ(version.status, 200);
  EXPECT_EQ(version.body["subject"], "users-value");
  EXPECT_EQ(version.body["id"], 1);
  EXPECT_EQ(version.body["schema"], reply.body["schema"]);
  EXPECT_FALSE(version.body.contains("references")) << "empty fields are omitted";

  EXPECT_EQ(call("GET", "/subjects/users-value/versions/latest").body["version"], 1);
  EXPECT_EQ(call("GET", "/subjects/users-value/versions/-1").body["version"], 1);
  EXPECT_EQ(call("GET", "/subjects").body, json::array({"users-value"}));
  EXPECT_EQ(call("GET", "/subjects/users-value/versions").body, json::array({1}));
  auto by_id = call("GET", "/schemas/ids/1");
  EXPECT_EQ(by_id.body["schema"], reply.body["schema"]);
  auto raw = call("GET", "/schemas/ids/1/schema");
  EXPECT_EQ(raw.text, reply.body["schema"].get<std::string>());
  EXPECT_EQ(call("GET", "/schemas/ids/1/subjects").body, json::array({"users-value"}));
  EXPECT_EQ(call("GET", "/schemas/ids/1/versions").body, json::parse(R"([{"subject":"users-value","version":1}])"));
}

TEST_F(ApiTest, ReRegisteringReturnsTheSameIdWithoutANewVersion) {
  ASSERT_EQ(register_avro("a", kV1).body["id"], 1);
  // Whitespace and {"type":"long"} vs "long" differences do not matter after canonicalization.
  auto again = register_avro("a", R"({ "type": "record", "name": "User", "fields": [ {"name": "id", "type": {"type":"long"}} ] })");
  EXPECT_EQ(again.body["id"], 1);
  EXPECT_EQ(again.body["version"], 1);
  EXPECT_EQ(call("GET", "/subjects/a/versions").body, json::array({1}));
}

TEST_F(ApiTest, SameSchemaSharesItsIdAcrossSubjects) {
  EXPECT_EQ(register_avro("a", kV1).body["id"], 1);
  auto b = register_avro("b", kV1);
  EXPECT_EQ(b.body["id"], 1);
  EXPECT_EQ(b.body["version"], 1);
  EXPECT_EQ(call("GET", "/schemas/ids/1/subjects").body, json::array({"a", "b"}));
  EXPECT_EQ(register_avro("b", kV2).body["id"], 2);
}

TEST_F(ApiTest, IncompatibleChangeIsRefusedWith40901) {
  ASSERT_EQ(register_avro("users", kV1).status, 200);
  const auto breaking = record("User", {R"({"name":"id","type":"long"})", R"({"name":"email","type":"string"})"});
  auto reply = register_avro("users", breaking);
  EXPECT_EQ(reply.status, 409);
  EXPECT_EQ(reply.body["error_code"], 40901);
  EXPECT_NE(reply.body["message"].get<std::string>().find("compatibility: 'BACKWARD'"), std::string::npos);
  EXPECT_EQ(call("GET", "/subjects/users/versions").body, json::array({1})) << "nothing half-applied";

  auto check = call("POST", "/compatibility/subjects/users/versions/latest?verbose=true", json{{"schema", breaking}});
  EXPECT_EQ(check.status, 200);
  EXPECT_EQ(check.body["is_compatible"], false);
  EXPECT_FALSE(check.body["messages"].empty());
  auto ok = call("POST", "/compatibility/subjects/users/versions", json{{"schema", kV2}});
  EXPECT_EQ(ok.body, json({{"is_compatible", true}}));
  EXPECT_EQ(register_avro("users", kV2).body["version"], 2);
}

TEST_F(ApiTest, TheRenamedFieldIncidentIsRefused) {
  const auto v1 = record("UserUpdated", {R"({"name":"user_id","type":"string"})", R"({"name":"user_name","type":"string"})"});
  const auto v2 = record("UserUpdated", {R"({"name":"user_id","type":"string"})", R"({"name":"username","type":"string"})"});
  ASSERT_EQ(register_avro("user.updated", v1).status, 200);
  for (const char* level : {"BACKWARD", "FORWARD", "FULL"}) {
    ASSERT_EQ(call("PUT", "/config/user.updated", json{{"compatibility", level}}).status, 200);
    auto reply = register_avro("user.updated", v2);
    EXPECT_EQ(reply.status, 409) << level;
    const auto message = reply.body["message"].get<std::string>();
    EXPECT_TRUE(message.find("username") != std::string::npos || message.find("user_name") != std::string::npos)
        << level << ": " << message;
  }
}

TEST_F(ApiTest, CompatibilityCheckErrors) {
  EXPECT_EQ(call("POST", "/compatibility/subjects/none/versions/latest", json{{"schema", kV1}}).body["is_compatible"],
            true);
  auto missing = call("POST", "/compatibility/subjects/none/versions/3", json{{"schema", kV1}});
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.body["error_code"], 40402);
  auto invalid = call("POST", "/compatibility/subjects/none/versions/zero", json{{"schema", kV1}});
  EXPECT_EQ(invalid.body["error_code"], 42202);
  auto bad_schema = call("POST", "/compatibility/subjects/none/versions", json{{"schema", "{\"type\":\"nope\"}"}});
  EXPECT_EQ(bad_schema.body["error_code"], 42201);
  auto verbose_bad = call("POST", "/compatibility/subjects/none/versions?verbose=true", json{{"schema", "{\"type\":\"nope\"}"}});
  EXPECT_EQ(verbose_bad.status, 200);
  EXPECT_EQ(verbose_bad.body["is_compatible"], false);
}

TEST_F(ApiTest, LookupFindsTheVersion) {
  ASSERT_EQ(register_avro("a", kV1).status, 200);
  ASSERT_EQ(register_avro("a", kV2).status, 200);
  auto found = call("POST", "/subjects/a", json{{"schema", kV1}});
  ASSERT_EQ(found.status, 200) << found.text;
  EXPECT_EQ(found.body["version"], 1);
  EXPECT_EQ(found.body["id"], 1);
  auto absent = call("POST", "/subjects/a", json{{"schema", record("Other", {})}});
  EXPECT_EQ(absent.body["error_code"], 40403);
  EXPECT_EQ(call("POST", "/subjects/nope", json{{"schema", kV1}}).body["error_code"], 40401);
}

TEST_F(ApiTest, BadInputGetsRegistryErrors) {
  EXPECT_EQ(call("POST", "/subjects/a/versions", std::string("{not json")).status, 400);
  EXPECT_EQ(call("POST", "/subjects/a/versions", std::string("[1,2]")).status, 400);
  EXPECT_EQ(call("POST", "/subjects/a/versions", json{{"schema", "{\"type\":\"nope\"}"}}).body["error_code"], 42201);
  EXPECT_EQ(call("POST", "/subjects/a/versions", json{{"schema", kV1}, {"schemaType", "XML"}}).body["error_code"], 42201);
  EXPECT_EQ(call("GET", "/subjects/a/versions/abc").body["error_code"], 42202);
  EXPECT_EQ(call("GET", "/subjects/a/versions/0").body["error_code"], 42202);
  EXPECT_EQ(call("GET", "/nowhere").body["error_code"], 404);
  EXPECT_EQ(call("PATCH", "/subjects").body["error_code"], 405);
  EXPECT_EQ(call("GET", "/schemas/ids/99").body["error_code"], 40403);
  EXPECT_EQ(call("GET", "/subjects/nope/versions").body["error_code"], 40401);
  EXPECT_EQ(call("POST", "/subjects/__GLOBAL/versions", json{{"schema", kV1}}).body["error_code"], 42208);
  ASSERT_EQ(register_avro("a", kV1).status, 200);
  EXPECT_EQ(call("GET", "/subjects/a/versions/7").body["error_code"], 40402);
  EXPECT_TRUE(store_->versions("__GLOBAL").empty());
}

TEST_F(ApiTest, ReferencesResolveAcrossSubjects) {
  const auto money = R"({"type":"record","name":"Money","namespace":"acme","fields":[{"name":"units","type":"long"}]})";
  ASSERT_EQ(register_avro("money", money).status, 200);
  const auto order = R"({"type":"record","name":"Order","namespace":"acme","fields":[{"name":"total","type":"acme.Money"}]})";
  auto reply = call("POST", "/subjects/orders/versions",
                    json{{"schema", order}, {"references", json::array({{{"name", "acme.Money"}, {"subject", "money"}, {"version", 1}}})}});
  ASSERT_EQ(reply.status, 200) << reply.text;
  EXPECT_EQ(reply.body["references"][0]["subject"], "money");
  EXPECT_EQ(call("GET", "/subjects/money/versions/1/referencedby").body, json::array({2}));
  auto unresolved = call("POST", "/subjects/orders2/versions",
                         json{{"schema", order}, {"references", json::array({{{"name", "acme.Money"}, {"subject", "nope"}, {"version", 1}}})}});
  EXPECT_EQ(unresolved.body["error_code"], 42201);
}

TEST_F(ApiTest, EverythingSurvivesARestart) {
  ASSERT_EQ(register_avro("a", kV1).status, 200);
  ASSERT_EQ(register_avro("a", kV2).status, 200);
  ASSERT_EQ(call("PUT", "/config/a", json{{"compatibility", "FULL"}}).status, 200);
  restart();
  EXPECT_EQ(call("GET", "/subjects/a/versions").body, json::array({1, 2}));
  EXPECT_EQ(call("GET", "/config/a").body["compatibilityLevel"], "FULL");
  EXPECT_EQ(register_avro("b", record("Third", {})).body["id"], 3) << "ids continue after a restart";
}

// GET /schemas pages as Confluent's: subjects in order, their versions ascending, at most
// 1000 a page (schema.search.max.limit), whatever larger or non-positive limit is asked.
TEST_F(ApiTest, SchemaListingPagesInOrderAndCapsAtAThousand) {
  std::vector<std::pair<std::string, int>> expected;
  for (const char* subject : {"a", "b", "c"})
    for (int v = 1; v <= 3; ++v) {
      std::vector<std::string> fields;
      for (int f = 1; f < v; ++f) fields.push_back(R"({"name":"f)" + std::to_string(f) + R"(","type":"int","default":0})");
      ASSERT_EQ(register_avro(subject, record(std::string("R") + subject, fields)).status, 200) << subject << v;
      expected.emplace_back(subject, v);
    }
  auto listed = [&](const std::string& query) {
    std::vector<std::pair<std::string, int>> out;
    for (const auto& item : call("GET", "/schemas" + query).body) out.emplace_back(item["subject"], item["version"]);
    return out;
  };
  EXPECT_EQ(listed(""), expected);
  EXPECT_EQ(listed("?offset=2&limit=4"), (std::vector<std::pair<std::string, int>>(expected.begin() + 2, expected.begin() + 6)));
  EXPECT_EQ(listed("?offset=7"), (std::vector<std::pair<std::string, int>>(expected.begin() + 7, expected.end())));
  EXPECT_TRUE(listed("?offset=9").empty());
  EXPECT_EQ(listed("?limit=0"), expected);
  EXPECT_EQ(listed("?limit=-5&offset=1").size(), 8u);
  EXPECT_EQ(listed("?latestOnly=true&offset=1"), (std::vector<std::pair<std::string, int>>{{"b", 3}, {"c", 3}}));
  EXPECT_EQ(listed("?subjectPrefix=b&limit=2"), (std::vector<std::pair<std::string, int>>{{"b", 1}, {"b", 2}}));
}

TEST_F(ApiTest, SchemaListingNeverReturnsMoreThanAThousand) {
  for (int i = 0; i < 1001; ++i)
    ASSERT_EQ(register_avro("s" + std::to_string(10000 + i), record("R" + std::to_string(i), {})).status, 200) << i;
  EXPECT_EQ(call("GET", "/schemas").body.size(), 1000u);
  EXPECT_EQ(call("GET", "/schemas?limit=5000").body.size(), 1000u);
  auto last = call("GET", "/schemas?offset=1000").body;
  ASSERT_EQ(last.size(), 1u);
  EXPECT_EQ(last[0]["subject"], "s11000");
}

}  // namespace
}  // namespace accord::api::testing
