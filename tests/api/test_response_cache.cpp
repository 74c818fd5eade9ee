// The response cache never serves a body the store has moved past: deletes, re-registering
// an id with another schema, alias changes and concurrent reads all see the current state,
// and the cache stays within its byte bound.
#include <atomic>
#include <thread>

#include "api_fixture.hpp"
#include "response_cache.hpp"
#include "request_for.hpp"

namespace accord::api::testing {
namespace {

using json = nlohmann::json;

class ResponseCacheTest : public ApiTest {
 protected:
  Reply register_with(const std::string& subject, const json& body) {
    return call("POST", "/subjects/" + subject + "/versions", body);
  }
};

TEST_F(ResponseCacheTest, DeletesAndReRegistrationsAreSeenAtOnce) {
  const auto a = record("A", {R"({"name":"x","type":"int"})"});
  const auto b = record("B", {R"({"name":"y","type":"string"})"});
  ASSERT_EQ(register_avro("s", a).status, 200);
  for (int round = 0; round < 2; ++round) {  // the second round answers from the cache
    EXPECT_EQ(call("GET", "/schemas/ids/1").body["schema"], a);
    EXPECT_EQ(call("GET", "/schemas/ids/1/schema").text, a);
    EXPECT_EQ(call("GET", "/subjects/s/versions/latest").body["id"], 1);
    EXPECT_EQ(call("GET", "/subjects/s/versions/1/schema").text, a);
  }
  ASSERT_EQ(call("DELETE", "/subjects/s/versions/1").status, 200);
  EXPECT_EQ(call("GET", "/subjects/s/versions/latest").body["error_code"], 40401) << "no live version left";
  EXPECT_EQ(call("GET", "/subjects/s/versions/1?deleted=true").body["id"], 1);
  EXPECT_EQ(call("GET", "/schemas/ids/1").body["schema"], a) << "a soft-deleted version's id still resolves";
  ASSERT_EQ(call("DELETE", "/subjects/s/versions/1?permanent=true").status, 200);
  EXPECT_EQ(call("GET", "/schemas/ids/1").body["error_code"], 40403);
  EXPECT_EQ(call("GET", "/schemas/ids/1/schema").body["error_code"], 40403);

  // The same id and version, now another schema (IMPORT).
  ASSERT_EQ(call("PUT", "/mode/s", json{{"mode", "IMPORT"}}).status, 200);
  auto imported = register_with("s", {{"schema", b}, {"id", 1}, {"version", 1}});
  ASSERT_EQ(imported.status, 200) << imported.text;
  EXPECT_EQ(call("GET", "/schemas/ids/1").body["schema"], b);
  EXPECT_EQ(call("GET", "/schemas/ids/1/schema").text, b);
  EXPECT_EQ(call("GET", "/subjects/s/versions/1/schema").text, b);
  EXPECT_EQ(call("GET", "/subjects/s/versions/latest").body["id"], 1);
}

TEST_F(ResponseCacheTest, AnAliasChangeRedirectsCachedReads) {
  ASSERT_EQ(register_avro("one", record("One", {R"({"name":"x","type":"int"})"})).status, 200);
  ASSERT_EQ(register_avro("two", record("Two", {R"({"name":"x","type":"int"})"})).status, 200);
  ASSERT_EQ(call("PUT", "/config/al", json{{"alias", "one"}}).status, 200);
  EXPECT_EQ(call("GET", "/subjects/al/versions/latest").body["subject"], "one");
  EXPECT_EQ(call("GET", "/subjects/al/versions/latest").body["subject"], "one");
  ASSERT_EQ(call("PUT", "/config/al", json{{"alias", "two"}}).status, 200);
  EXPECT_EQ(call("GET", "/subjects/al/versions/latest").body["subject"], "two");
  ASSERT_EQ(call("DELETE", "/config/al").status, 200);
  EXPECT_EQ(call("GET", "/subjects/al/versions/latest").body["error_code"], 40401);
}

TEST_F(ResponseCacheTest, ReadersRacingWritesNeverSeeAStateOlderThanTheWrite) {
  ASSERT_EQ(register_avro("s", record("R", {R"({"name":"f0","type":"int"})"})).status, 200);
  std::atomic<bool> stop{false};
  std::atomic<int> reads{0}, malformed{0};
  std::vector<std::thread> readers;
  for (int t = 0; t < 2; ++t)
    readers.emplace_back([&] {
      while (!stop) {
        auto response = api_->handle(request_for("GET", "/subjects/s/versions/latest"));
        if (response.status != 200 && response.status != 404) ++malformed;
        ++reads;
      }
    });
  std::vector<std::string> fields{R"({"name":"f0","type":"int"})"};
  for (int version = 2; version <= 25; ++version) {
    fields.push_back(R"({"name":"f)" + std::to_string(version) + R"(","type":["null","int"],"default":null})");
    auto registered = register_avro("s", record("R", fields));
    ASSERT_EQ(registered.status, 200) << registered.text;
    auto latest = call("GET", "/subjects/s/versions/latest");
    EXPECT_EQ(latest.body["version"], version) << "read after its own write";
    EXPECT_EQ(call("GET", "/schemas/ids/" + std::to_string(registered.body["id"].get<int>())).status, 200);
    if (version % 5 == 0) {
      ASSERT_EQ(call("DELETE", "/subjects/s/versions/" + std::to_string(version)).status, 200);
      EXPECT_EQ(call("GET", "/subjects/s/versions/latest").body["version"], version - 1);
      fields.pop_back();
    }
  }
  stop = true;
  for (auto& r : readers) r.join();
  EXPECT_GT(reads.load(), 0);
  EXPECT_EQ(malformed.load(), 0);
}

TEST(ResponseCacheKey, SegmentsHoldingSeparatorsDoNotCollide) {
  Request a, b;
  ASSERT_TRUE(parse_target("/subjects/x%00versions%00y/versions/1", a));
  ASSERT_TRUE(parse_target("/subjects/x/versions/y%00versions%001", b));
  a.method = b.method = "GET";
  EXPECT_NE(ResponseCache::key_of(a), ResponseCache::key_of(b));
  Request c, d;
  ASSERT_TRUE(parse_target("/schemas/ids/1?a=b%00c", c));
  ASSERT_TRUE(parse_target("/schemas/ids/1?a=b&c", d));
  c.method = d.method = "GET";
  EXPECT_NE(ResponseCache::key_of(c), ResponseCache::key_of(d));
}

TEST(ResponseCacheBound, StaysWithinItsBytesAndDropsStaleEntries) {
  ResponseCache cache(64 * 1024);
  Response response;
  response.body = std::string(1000, 'x');
  for (int i = 0; i < 1000; ++i) cache.put("key-" + std::to_string(i), Offset{7}, response);
  EXPECT_LE(cache.bytes(), 64u * 1024);
  EXPECT_GT(cache.bytes(), 32u * 1024) << "the bound is used, not just respected";
  EXPECT_TRUE(cache.find("key-999", Offset{7}).has_value()) << "the most recent entry stays";
  EXPECT_FALSE(cache.find("key-0", Offset{7}).has_value()) << "the least recently used went first";
  EXPECT_FALSE(cache.find("key-999", Offset{8}).has_value()) << "the store moved on: a miss";
  EXPECT_FALSE(cache.find("key-999", Offset{7}).has_value()) << "and the stale entry is gone";
}

TEST(ResponseCacheAdmission, KeepsAnAnswerTheSecondTimeItIsOffered) {
  ResponseCache cache(1 << 20);
  Response response;
  response.body = "{}";
  EXPECT_FALSE(cache.offer("key", Offset{3}, response)) << "asked for once: not kept";
  EXPECT_FALSE(cache.find("key", Offset{3}).has_value());
  EXPECT_EQ(cache.bytes(), 0u);
  EXPECT_TRUE(cache.offer("key", Offset{3}, response)) << "asked for again: kept";
  ASSERT_TRUE(cache.find("key", Offset{3}).has_value());
  EXPECT_EQ(cache.find("key", Offset{3})->body, "{}");
}

TEST(ResponseCacheAdmission, KeysAskedForOnceDoNotEvictTheHotOnes) {
  ResponseCache cache(64 * 1024);
  Response response;
  response.body = std::string(1000, 'x');
  for (int round = 0; round < 2; ++round)
    for (int hot = 0; hot < 8; ++hot) cache.offer("hot-" + std::to_string(hot), Offset{1}, response);
  const auto hot_bytes = cache.bytes();
  ASSERT_GT(hot_bytes, 8u * 1000);
  // A walk over many more keys than the cache holds, each asked for once.
  for (int i = 0; i < 10000; ++i) EXPECT_FALSE(cache.offer("walk-" + std::to_string(i), Offset{1}, response));
  EXPECT_EQ(cache.bytes(), hot_bytes);
  for (int hot = 0; hot < 8; ++hot) EXPECT_TRUE(cache.find("hot-" + std::to_string(hot), Offset{1}).has_value()) << hot;
}

TEST_F(ResponseCacheTest, AnAnswerIsKeptOnceItsReadIsAskedForAgain) {
  ASSERT_EQ(register_avro("s", record("A", {R"({"name":"x","type":"int"})"})).status, 200);
  EXPECT_EQ(call("GET", "/schemas/ids/1").status, 200);
  EXPECT_EQ(call("GET", "/accord/v1/cluster").body["response_cache_bytes"], 0) << "asked for once: not kept";
  for (int i = 0; i < 3; ++i) EXPECT_EQ(call("GET", "/schemas/ids/1").status, 200);
  EXPECT_GT(call("GET", "/accord/v1/cluster").body["response_cache_bytes"].get<std::size_t>(), 0u);
}

}  // namespace
}  // namespace accord::api::testing
