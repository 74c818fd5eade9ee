#include "accord/ops/registry_state.hpp"

#include <gtest/gtest.h>

namespace accord::ops {
namespace {

TEST(RegistryUrl, CredentialsInTheUrlBecomeBasicAuthAndAreNeverShown) {
  auto config = client_config_for("http://alice:s3cret@registry:8081/apis/ccompat/v7/", std::nullopt, std::nullopt);
  ASSERT_EQ(config.urls.size(), 1u);
  EXPECT_EQ(config.urls[0], "http://registry:8081/apis/ccompat/v7");
  EXPECT_EQ(config.basic_auth, "alice:s3cret");
  EXPECT_EQ(redact_url("http://alice:s3cret@registry:8081/x"), "http://***@registry:8081/x");
  EXPECT_EQ(redact_url("http://registry:8081/a@b"), "http://registry:8081/a@b");
}

TEST(RegistryUrl, ExplicitCredentialsWin) {
  auto config = client_config_for("http://alice:s3cret@registry:8081", std::nullopt, std::string("token"));
  EXPECT_EQ(config.urls[0], "http://registry:8081");
  EXPECT_FALSE(config.basic_auth);
  EXPECT_EQ(config.bearer_token, "token");
}

TEST(VersionAnswer, ParsesEveryField) {
  auto body = nlohmann::ordered_json::parse(R"({"subject":"s","version":2,"id":7,"schemaType":"PROTOBUF",
      "schema":"syntax = \"proto3\";","references":[{"name":"a.proto","subject":"a","version":1}],
      "metadata":{"properties":{"owner":"x"}},"ruleSet":{"domainRules":[]}})");
  auto v = version_from_json(body);
  ASSERT_TRUE(v.ok()) << v.error().message;
  EXPECT_EQ(v->subject, "s");
  EXPECT_EQ(v->version, 2);
  EXPECT_EQ(v->id, 7);
  EXPECT_EQ(v->schema.type, SchemaType::Protobuf);
  ASSERT_EQ(v->schema.references.size(), 1u);
  EXPECT_EQ(v->schema.references[0].subject, "a");
  EXPECT_EQ(v->schema.metadata, R"({"properties":{"owner":"x"}})");
  EXPECT_EQ(v->schema.rule_set, R"({"domainRules":[]})");
}

TEST(VersionAnswer, AbsentTypeIsAvroAndMissingFieldsAreErrors) {
  auto v = version_from_json(nlohmann::ordered_json::parse(R"({"subject":"s","version":1,"id":1,"schema":"\"int\""})"));
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(v->schema.type, SchemaType::Avro);
  EXPECT_FALSE(version_from_json(nlohmann::ordered_json::parse(R"({"subject":"s","version":1})")).ok());
  EXPECT_FALSE(version_from_json(nlohmann::ordered_json::parse(R"([1])")).ok());
  EXPECT_FALSE(
      version_from_json(nlohmann::ordered_json::parse(R"({"subject":"s","version":1,"id":1,"schema":"x","schemaType":"XML"})")).ok());
}

}  // namespace
}  // namespace accord::ops
