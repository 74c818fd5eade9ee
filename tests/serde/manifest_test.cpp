// The accord.json contract manifest (docs/check.md): fields, path resolution, governance
// mapping onto metadata.properties, and an error naming the entry for every bad input.
#include <gtest/gtest.h>

#include "accord/serde/contract/manifest.hpp"

namespace accord::serde::contract {
namespace {

constexpr const char* kManifest = R"({
  "registry": "http://127.0.0.1:8081",
  "subjects": [
    {"subject": "user.updated-value", "type": "AVRO", "schema": "schemas/user.avsc",
     "fixtures": "fixtures/user", "owner": "identity-team", "description": "a user changed",
     "producers": ["user-service"], "consumers": "analytics, email", "key.schema": "user.updated-key",
     "classification": "internal", "pii": true, "properties": {"retention": "P7Y"},
     "references": [{"name": "com.acme.Address", "subject": "address", "version": 1, "schema": "schemas/address.avsc"}]},
    {"subject": "orders-value", "type": "json", "schema": "/abs/orders.json"}
  ]})";

TEST(Manifest, ParsesSubjectsPathsAndGovernance) {
  auto manifest = parse_manifest(kManifest, "/repo");
  ASSERT_TRUE(manifest.ok()) << manifest.error().message;
  EXPECT_EQ(manifest->registry, "http://127.0.0.1:8081");
  ASSERT_EQ(manifest->subjects.size(), 2u);
  const auto& user = manifest->subjects[0];
  EXPECT_EQ(user.type, SchemaType::Avro);
  EXPECT_EQ(user.schema_file, std::filesystem::path("/repo/schemas/user.avsc"));
  EXPECT_EQ(user.fixtures, std::filesystem::path("/repo/fixtures/user"));
  ASSERT_EQ(user.references.size(), 1u);
  EXPECT_EQ(user.references[0].subject, "address");
  EXPECT_EQ(user.references[0].schema_file, std::filesystem::path("/repo/schemas/address.avsc"));
  EXPECT_EQ(manifest->subjects[1].type, SchemaType::Json);
  EXPECT_EQ(manifest->subjects[1].schema_file, std::filesystem::path("/abs/orders.json"));

  auto properties = governance_properties(user.governance);
  EXPECT_EQ(properties["owner"], "identity-team");
  EXPECT_EQ(properties["producers"], "user-service");
  EXPECT_EQ(properties["consumers"], "analytics,email");
  EXPECT_EQ(properties["key.schema"], "user.updated-key");
  EXPECT_EQ(properties["pii"], "true");
  EXPECT_EQ(properties["retention"], "P7Y");
  EXPECT_TRUE(governance_metadata(user.governance).has_value());
  EXPECT_FALSE(governance_metadata(manifest->subjects[1].governance).has_value());
}

TEST(Manifest, EveryBadEntryIsAnErrorNamingIt) {
  const char* bad[] = {
      "not json",
      "[]",
      R"({"registry": 5, "subjects": []})",
      R"({})",
      R"({"subjects": [{"type": "AVRO", "schema": "a"}]})",
      R"({"subjects": [{"subject": "s", "type": "AVRO"}]})",
      R"({"subjects": [{"subject": "s", "type": "XML", "schema": "a"}]})",
      R"({"subjects": [{"subject": "s", "schema": "a", "pii": "yes"}]})",
      R"({"subjects": [{"subject": "s", "schema": "a", "references": [{"name": "n"}]}]})",
      R"({"subjects": [{"subject": "s", "schema": "a"}, {"subject": "s", "schema": "b"}]})",
      R"({"subjects": [{"subject": "__GLOBAL", "schema": "a"}]})",
  };
  for (const char* text : bad) {
    auto manifest = parse_manifest(text, "/repo");
    EXPECT_FALSE(manifest.ok()) << text;
    if (!manifest.ok()) {
      EXPECT_FALSE(manifest.error().message.empty()) << text;
    }
  }
}

}  // namespace
}  // namespace accord::serde::contract
