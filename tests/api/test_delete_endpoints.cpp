// Soft and permanent deletes of versions and subjects (rest-api.md §5.3).
#include "api_fixture.hpp"

namespace accord::api::testing {
namespace {

using nlohmann::json;

const std::string kA = ApiTest::record("A", {});
const std::string kB = ApiTest::record("B", {});

TEST_F(ApiTest, SoftThenPermanentDeleteOfAVersion) {
  ASSERT_EQ(register_avro("s", kA).status, 200);
  ASSERT_EQ(call("PUT", "/config/s", json{{"compatibility", "NONE"}}).status, 200);
  ASSERT_EQ(register_avro("s", kB).status, 200);

  EXPECT_EQ(call("DELETE", "/subjects/s/versions/2?permanent=true").body["error_code"], 40407);
  EXPECT_EQ(call("DELETE", "/subjects/s/versions/2").body, json(2));
  EXPECT_EQ(call("DELETE", "/subjects/s/versions/2").body["error_code"], 40406);
  EXPECT_EQ(call("GET", "/subjects/s/versions").body, json::array({1}));
  EXPECT_EQ(call("GET", "/subjects/s/versions?deleted=true").body, json::array({1, 2}));
  EXPECT_EQ(call("GET", "/subjects/s/versions/2").body["error_code"], 40402);
  EXPECT_EQ(call("GET", "/subjects/s/versions/2?deleted=true").body["deleted"], true);
  EXPECT_EQ(call("GET", "/schemas/ids/2").status, 200) << "a soft-deleted id still resolves";
  EXPECT_EQ(call("GET", "/schemas/ids/2/subjects").body, json::array());
  EXPECT_EQ(call("GET", "/subjects/s/versions/latest").body["version"], 1);

  EXPECT_EQ(call("DELETE", "/subjects/s/versions/2?permanent=true").body, json(2));
  EXPECT_EQ(call("GET", "/subjects/s/versions?deleted=true").body, json::array({1}));
  EXPECT_EQ(call("GET", "/schemas/ids/2").body["error_code"], 40403);
  EXPECT_EQ(call("DELETE", "/subjects/s/versions/9").body["error_code"], 40402);
  EXPECT_EQ(call("DELETE", "/subjects/none/versions/1").body["error_code"], 40401);
}

TEST_F(ApiTest, SoftThenPermanentDeleteOfASubject) {
  ASSERT_EQ(register_avro("s", kA).status, 200);
  ASSERT_EQ(call("PUT", "/config/s", json{{"compatibility", "NONE"}}).status, 200);
  ASSERT_EQ(register_avro("s", kB).status, 200);
  EXPECT_EQ(call("DELETE", "/subjects/s?permanent=true").body["error_code"], 40405);
  EXPECT_EQ(call("DELETE", "/subjects/s").body, json::array({1, 2}));
  EXPECT_EQ(call("DELETE", "/subjects/s").body["error_code"], 40404);
  EXPECT_EQ(call("GET", "/subjects").body, json::array());
  EXPECT_EQ(call("GET", "/subjects?deleted=true").body, json::array({"s"}));
  EXPECT_EQ(call("GET", "/subjects?deletedOnly=true").body, json::array({"s"}));
  EXPECT_EQ(call("GET", "/subjects/s/versions").body["error_code"], 40401);
  EXPECT_EQ(call("GET", "/config/s").body["compatibilityLevel"], "NONE") << "config kept by a soft delete";

  // Re-registering a soft-deleted schema makes a new version with the old id.
  auto again = register_avro("s", kA);
  EXPECT_EQ(again.body["id"], 1);
  EXPECT_EQ(again.body["version"], 3);
  EXPECT_EQ(call("DELETE", "/subjects/s").body, json::array({3}));

  EXPECT_EQ(call("DELETE", "/subjects/s?permanent=true").body, json::array({2, 3}));
  EXPECT_EQ(call("GET", "/subjects?deleted=true").body, json::array());
  EXPECT_EQ(call("GET", "/config/s").body["error_code"], 40408) << "config goes with a permanent delete";
  EXPECT_EQ(call("DELETE", "/subjects/s").body["error_code"], 40401);
  EXPECT_EQ(register_avro("s", kB).body["version"], 1) << "numbering restarts after a permanent delete";
}

TEST_F(ApiTest, ReferencedVersionsCannotBeDeleted) {
  const auto money = R"({"type":"record","name":"Money","fields":[{"name":"units","type":"long"}]})";
  ASSERT_EQ(register_avro("money", money).status, 200);
  auto order = call("POST", "/subjects/orders/versions",
                    json{{"schema", R"({"type":"record","name":"Order","fields":[{"name":"m","type":"Money"}]})"},
                         {"references", json::array({{{"name", "Money"}, {"subject", "money"}, {"version", 1}}})}});
  ASSERT_EQ(order.status, 200) << order.text;
  EXPECT_EQ(call("DELETE", "/subjects/money/versions/1").body["error_code"], 42206);
  EXPECT_EQ(call("DELETE", "/subjects/money").body["error_code"], 42206);
  ASSERT_EQ(call("DELETE", "/subjects/orders").status, 200);
  EXPECT_EQ(call("DELETE", "/subjects/money").status, 200) << "a soft-deleted referrer no longer blocks a soft delete";
  EXPECT_EQ(call("DELETE", "/subjects/money?permanent=true").body["error_code"], 42206);
}

TEST_F(ApiTest, LegacyKeyBytesAreTombstonedToo) {
  // A record written by an old Karapace in another key byte order.
  log::Record legacy{R"({"subject":"s","version":1,"magic":1,"keytype":"SCHEMA"})",
                     R"({"subject":"s","version":1,"id":5,"schema":"\"int\"","deleted":true})", {}};
  auto offset = log_->append(std::span(&legacy, 1));
  ASSERT_TRUE(offset.ok());
  ASSERT_TRUE(store_->wait_applied(*offset, std::chrono::steady_clock::now() + std::chrono::seconds(5)));
  ASSERT_EQ(call("DELETE", "/subjects/s/versions/1?permanent=true").status, 200);
  auto tail = log_->read(*offset + 1, std::chrono::milliseconds(100), 10);
  ASSERT_TRUE(tail.ok());
  ASSERT_EQ(tail->size(), 1u);
  EXPECT_EQ(*tail->front().record.key, *legacy.key) << "the tombstone carries the exact bytes of the legacy key";
  EXPECT_FALSE(tail->front().record.value.has_value());
}

}  // namespace
}  // namespace accord::api::testing
