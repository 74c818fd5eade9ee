// /config and /mode (rest-api.md §3.6, §3.7).
#include "api_fixture.hpp"

namespace accord::api::testing {
namespace {

using nlohmann::json;

TEST_F(ApiTest, GlobalAndSubjectConfig) {
  EXPECT_EQ(call("GET", "/config").body, json({{"compatibilityLevel", "BACKWARD"}}));
  EXPECT_EQ(call("PUT", "/config", json{{"compatibility", "full"}}).body, json({{"compatibility", "FULL"}}));
  EXPECT_EQ(call("GET", "/config").body["compatibilityLevel"], "FULL");
  EXPECT_EQ(call("PUT", "/config", json{{"compatibility", "SIDEWAYS"}}).body["error_code"], 42203);
  EXPECT_EQ(call("GET", "/config/s").body["error_code"], 40408);
  EXPECT_EQ(call("GET", "/config/s?defaultToGlobal=true").body["compatibilityLevel"], "FULL");
  EXPECT_EQ(call("PUT", "/config/s", json{{"compatibility", "NONE"}}).status, 200);
  EXPECT_EQ(call("GET", "/config/s").body["compatibilityLevel"], "NONE");
  EXPECT_EQ(call("DELETE", "/config/s").body["compatibilityLevel"], "NONE");
  EXPECT_EQ(call("DELETE", "/config/s").body["error_code"], 40401);
  EXPECT_EQ(call("DELETE", "/config").body["compatibilityLevel"], "FULL");
  EXPECT_EQ(call("GET", "/config").body["compatibilityLevel"], "BACKWARD");
  EXPECT_EQ(call("PUT", "/config/__EMPTY", json{{"compatibility", "NONE"}}).body["error_code"], 42208);
}

TEST_F(ApiTest, ModesGuardWrites) {
  EXPECT_EQ(call("GET", "/mode").body, json({{"mode", "READWRITE"}}));
  EXPECT_EQ(call("PUT", "/mode", json{{"mode", "SIDEWAYS"}}).body["error_code"], 42204);
  EXPECT_EQ(call("GET", "/mode/s").body["error_code"], 40409);
  ASSERT_EQ(register_avro("s", record("A", {})).status, 200);
  EXPECT_EQ(call("PUT", "/mode/s", json{{"mode", "READONLY"}}).body, json({{"mode", "READONLY"}}));
  auto refused = register_avro("s", record("B", {}));
  EXPECT_EQ(refused.body["error_code"], 42205);
  EXPECT_EQ(register_avro("s", record("A", {})).status, 200) << "re-registering is answered even when read-only";
  EXPECT_EQ(call("DELETE", "/subjects/s").body["error_code"], 42205);
  EXPECT_EQ(call("PUT", "/mode/s", json{{"mode", "FORWARD"}}).body["error_code"], 42204);
  EXPECT_EQ(call("DELETE", "/mode/s").body["mode"], "READONLY");
  EXPECT_EQ(call("DELETE", "/mode/s").body["error_code"], 40401);
}

TEST_F(ApiTest, ImportKeepsIdsAndVersions) {
  ASSERT_EQ(register_avro("live", record("A", {})).status, 200);
  EXPECT_EQ(call("PUT", "/mode", json{{"mode", "IMPORT"}}).body["error_code"], 42205);
  ASSERT_EQ(call("PUT", "/mode?force=true", json{{"mode", "import"}}).body, json({{"mode", "import"}}));
  auto without_id = register_avro("copied", record("B", {}));
  EXPECT_EQ(without_id.body["error_code"], 42205);
  auto imported = call("POST", "/subjects/copied/versions",
                       json{{"schema", record("B", {})}, {"id", 100}, {"version", 3}});
  ASSERT_EQ(imported.status, 200) << imported.text;
  EXPECT_EQ(imported.body["id"], 100);
  EXPECT_EQ(imported.body["version"], 3);
  auto conflict = call("POST", "/subjects/other/versions", json{{"schema", record("C", {})}, {"id", 100}});
  EXPECT_EQ(conflict.body["error_code"], 42205);
  ASSERT_EQ(call("PUT", "/mode", json{{"mode", "READWRITE"}}).status, 200);
  EXPECT_EQ(register_avro("after", record("D", {})).body["id"], 101) << "imported ids raise the high-water mark";
  EXPECT_EQ(call("POST", "/subjects/x/versions", json{{"schema", record("E", {})}, {"id", 7}}).body["error_code"], 42205);
}

}  // namespace
}  // namespace accord::api::testing
