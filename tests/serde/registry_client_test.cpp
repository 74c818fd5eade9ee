#include "accord/serde/registry_client.hpp"

#include <gtest/gtest.h>

#include "fake_registry.hpp"

namespace accord::serde {
namespace {

struct Harness {
  testing::FakeRegistry* fake = nullptr;
  std::vector<std::chrono::milliseconds> sleeps;
  std::chrono::steady_clock::time_point clock{};
  std::unique_ptr<RegistryClient> client;

  explicit Harness(std::vector<std::string> urls, int retries = 2) {
    auto transport = std::make_unique<testing::FakeRegistry>();
    fake = transport.get();
    RegistryClientConfig config;
    config.urls = std::move(urls);
    config.max_retries = retries;
    config.sleep = [this](std::chrono::milliseconds d) { sleeps.push_back(d); };
    config.now = [this] { return clock; };
    config.latest_ttl = std::chrono::seconds(10);
    client = std::make_unique<RegistryClient>(config, std::move(transport));
  }
};

const Schema kSchema{SchemaType::Avro, R"({"type":"string"})", {}, std::nullopt, std::nullopt};

TEST(RegistryClient, RegisterThenByIdComesFromCache) {
  Harness h({"http://a"});
  auto registered = h.client->register_schema("t-value", kSchema);
  ASSERT_TRUE(registered) << registered.error().message;
  EXPECT_EQ(registered->id, 1);
  auto again = h.client->register_schema("t-value", kSchema);
  ASSERT_TRUE(again);
  auto by_id = h.client->schema_by_id(SchemaId{1});
  ASSERT_TRUE(by_id);
  EXPECT_EQ(by_id->text, kSchema.text);
  EXPECT_EQ(h.fake->seen.size(), 1u) << "second register and the id lookup must be cached";
}

TEST(RegistryClient, UnknownIdIsTyped) {
  Harness h({"http://a"});
  auto schema = h.client->schema_by_id(SchemaId{99});
  ASSERT_FALSE(schema);
  EXPECT_EQ(schema.error().kind, ErrorKind::UnknownSchemaId);
  EXPECT_EQ(schema.error().error_code, 40403);
}

TEST(RegistryClient, LatestIsCachedForItsTtlOnly) {
  Harness h({"http://a"});
  ASSERT_TRUE(h.client->register_schema("t-value", kSchema));
  ASSERT_TRUE(h.client->latest("t-value"));
  ASSERT_TRUE(h.client->latest("t-value"));
  EXPECT_EQ(h.fake->seen.size(), 2u);
  h.clock += std::chrono::seconds(11);
  auto latest = h.client->latest("t-value");
  ASSERT_TRUE(latest);
  EXPECT_EQ(latest->version, 1);
  EXPECT_EQ(h.fake->seen.size(), 3u);
}

TEST(RegistryClient, FailsOverToTheNextNode) {
  Harness h({"http://a", "http://b"});
  h.fake->failing_urls = {"http://a"};
  auto registered = h.client->register_schema("t-value", kSchema);
  ASSERT_TRUE(registered) << registered.error().message;
  ASSERT_EQ(h.fake->seen.size(), 2u);
  EXPECT_EQ(h.fake->seen[1].rfind("http://b ", 0), 0u);
  EXPECT_TRUE(h.sleeps.empty()) << "fail-over within a round does not back off";
  // The node that answered is tried first next time.
  ASSERT_TRUE(h.client->latest("t-value"));
  EXPECT_EQ(h.fake->seen[2].rfind("http://b ", 0), 0u);
}

TEST(RegistryClient, RetriesServerErrorsWithGrowingBackoff) {
  Harness h({"http://a"}, 3);
  h.fake->scripted_statuses = {503, 500, 502};
  auto registered = h.client->register_schema("t-value", kSchema);
  ASSERT_TRUE(registered) << registered.error().message;
  ASSERT_EQ(h.sleeps.size(), 3u);
  EXPECT_LT(h.sleeps[0], h.sleeps[1]);
  EXPECT_LT(h.sleeps[1], h.sleeps[2]);
}

TEST(RegistryClient, GivesUpAfterTheLastRound) {
  Harness h({"http://a"}, 1);
  h.fake->scripted_statuses = {503, 503, 503};
  auto registered = h.client->register_schema("t-value", kSchema);
  ASSERT_FALSE(registered);
  EXPECT_EQ(registered.error().kind, ErrorKind::Registry);
  EXPECT_EQ(registered.error().http_status, 503);
  EXPECT_EQ(h.fake->seen.size(), 2u);
}

TEST(RegistryClient, ClientErrorsAreNotRetried) {
  Harness h({"http://a", "http://b"});
  auto latest = h.client->latest("missing");
  ASSERT_FALSE(latest);
  EXPECT_EQ(latest.error().error_code, 40401);
  EXPECT_EQ(latest.error().message, "Subject 'missing' not found.");
  EXPECT_EQ(h.fake->seen.size(), 1u);
}

TEST(RegistryClient, SendsAuthAndContentType) {
  auto transport = std::make_unique<testing::FakeRegistry>();
  auto* fake = transport.get();
  RegistryClientConfig config;
  config.urls = {"http://a"};
  config.basic_auth = "user:pass";
  RegistryClient client(config, std::move(transport));
  ASSERT_TRUE(client.register_schema("a b/c", kSchema));
  const auto& request = fake->requests.at(0);
  EXPECT_EQ(request.target, "/subjects/a%20b%2Fc/versions");
  bool auth = false, type = false;
  for (const auto& [name, value] : request.headers) {
    auth |= name == "Authorization" && value == "Basic dXNlcjpwYXNz";
    type |= name == "Content-Type" && value == "application/vnd.schemaregistry.v1+json";
  }
  EXPECT_TRUE(auth);
  EXPECT_TRUE(type);
}

TEST(RegistryClient, ResolvesReferencesDependenciesFirst) {
  Harness h({"http://a"});
  Schema money{SchemaType::Json, R"({"type":"number"})", {}, std::nullopt, std::nullopt};
  Schema amount{SchemaType::Json, R"({"$ref":"money.json"})", {{"money.json", "money", VersionNumber{1}}}, std::nullopt,
                std::nullopt};
  ASSERT_TRUE(h.client->register_schema("money", money));
  ASSERT_TRUE(h.client->register_schema("amount", amount));
  auto refs = h.client->resolve_references({{"amount.json", "amount", VersionNumber{1}}});
  ASSERT_TRUE(refs) << refs.error().message;
  ASSERT_EQ(refs->size(), 2u);
  EXPECT_EQ((*refs)[0].name, "money.json");
  EXPECT_EQ((*refs)[1].name, "amount.json");
}

}  // namespace
}  // namespace accord::serde
