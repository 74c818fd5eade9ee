// Deleting versions, subjects and contexts as typed operations: soft deletes rewrite the
// record, permanent ones append a tombstone for every key byte string seen.
#include "registry_fixture.hpp"

namespace accord::registry::testing {
namespace {

const std::string kA = RegistryTest::record("A");
const std::string kB = RegistryTest::record("B");

class Deletes : public RegistryTest {
 protected:
  void SetUp() override {
    RegistryTest::SetUp();
    ASSERT_TRUE(registry_->set_config(std::string("s"), {.compatibility_level = CompatibilityLevel::None}).ok());
    ASSERT_TRUE(register_avro("s", kA).ok());
    ASSERT_TRUE(register_avro("s", kB).ok());
  }
};

TEST_F(Deletes, ASoftDeleteRewritesTheVersionAsDeleted) {
  const auto before = end_offset();
  auto deleted = registry_->delete_version("s", std::nullopt, false);
  ASSERT_TRUE(deleted.ok()) << deleted.error().message;
  EXPECT_EQ(*deleted, 2) << "nullopt: the latest live version";
  const auto records = appended_since(before);
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].key, log::schema_key("s", VersionNumber{2}));
  auto value = records[0].schema_value();
  ASSERT_TRUE(value);
  EXPECT_TRUE(value->deleted);
  EXPECT_EQ(value->id, 2);

  auto twice = registry_->delete_version("s", VersionNumber{2}, false);
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.error().code, ErrorCode::VersionSoftDeleted);
  auto missing = registry_->delete_version("s", VersionNumber{9}, false);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::VersionNotFound);
  auto no_subject = registry_->delete_version("none", VersionNumber{1}, false);
  ASSERT_FALSE(no_subject.ok());
  EXPECT_EQ(no_subject.error().code, ErrorCode::SubjectNotFound);
}

TEST_F(Deletes, APermanentDeleteNeedsASoftOneAndTombstonesTheVersion) {
  auto refused = registry_->delete_version("s", VersionNumber{2}, true);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::VersionNotSoftDeleted);
  ASSERT_TRUE(registry_->delete_version("s", VersionNumber{2}, false).ok());
  const auto before = end_offset();
  auto deleted = registry_->delete_version("s", VersionNumber{2}, true);
  ASSERT_TRUE(deleted.ok()) << deleted.error().message;
  EXPECT_EQ(*deleted, 2);
  const auto records = appended_since(before);
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].key, log::schema_key("s", VersionNumber{2}));
  EXPECT_FALSE(records[0].value) << "a tombstone";
  EXPECT_FALSE(node_.store->version("s", VersionNumber{2}));
}

TEST_F(Deletes, EveryKeyByteStringSeenIsTombstoned) {
  // The same logical key as another writer spelled it.
  append_foreign({{R"({"subject":"s","version":1,"magic":1,"keytype":"SCHEMA"})",
                   log::encode_schema_value({"s", VersionNumber{1}, SchemaId{1}, node_.store->schema_by_id(SchemaId{1}, ".").value(), true}), {}}});
  const auto before = end_offset();
  ASSERT_TRUE(registry_->delete_version("s", VersionNumber{1}, true).ok());
  const auto records = appended_since(before);
  ASSERT_EQ(records.size(), 2u);
  std::set<std::string> keys;
  for (const auto& r : records) {
    EXPECT_EQ(r.key, log::schema_key("s", VersionNumber{1}));
    EXPECT_FALSE(r.value);
    keys.insert(r.key_bytes);
  }
  EXPECT_EQ(keys.size(), 2u) << "both byte strings";
  EXPECT_TRUE(keys.count(R"({"subject":"s","version":1,"magic":1,"keytype":"SCHEMA"})"));
}

TEST_F(Deletes, ASubjectGoesSoftThenPermanentlyWithItsSettings) {
  ASSERT_TRUE(registry_->set_mode(std::string("s"), Mode::ReadWrite, false).ok());
  auto permanent_first = registry_->delete_subject("s", true);
  ASSERT_FALSE(permanent_first.ok());
  EXPECT_EQ(permanent_first.error().code, ErrorCode::SubjectNotSoftDeleted);

  auto before = end_offset();
  auto soft = registry_->delete_subject("s", false);
  ASSERT_TRUE(soft.ok()) << soft.error().message;
  EXPECT_EQ(*soft, (std::vector<VersionNumber>{VersionNumber{1}, VersionNumber{2}}));
  auto records = appended_since(before);
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].key, log::delete_subject_key("s"));
  auto again = registry_->delete_subject("s", false);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::SubjectSoftDeleted);
  EXPECT_TRUE(node_.store->config(std::string("s"))) << "a soft delete keeps the config";

  before = end_offset();
  auto permanent = registry_->delete_subject("s", true);
  ASSERT_TRUE(permanent.ok()) << permanent.error().message;
  EXPECT_EQ(*permanent, (std::vector<VersionNumber>{VersionNumber{1}, VersionNumber{2}}));
  records = appended_since(before);
  ASSERT_EQ(records.size(), 4u);
  EXPECT_EQ(records[0].key, log::schema_key("s", VersionNumber{2})) << "highest version first";
  EXPECT_EQ(records[1].key, log::schema_key("s", VersionNumber{1}));
  EXPECT_EQ(records[2].key, log::mode_key(std::string("s")));
  EXPECT_EQ(records[3].key, log::config_key(std::string("s")));
  for (const auto& r : records) EXPECT_FALSE(r.value);
  EXPECT_FALSE(node_.store->config(std::string("s")));
  EXPECT_FALSE(node_.store->mode(std::string("s")));
}

TEST_F(Deletes, AReadOnlySubjectKeepsItsVersions) {
  ASSERT_TRUE(registry_->set_mode(std::string("s"), Mode::ReadOnly, false).ok());
  const auto before = end_offset();
  auto refused = registry_->delete_subject("s", false);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::OperationNotPermitted);
  EXPECT_FALSE(registry_->delete_version("s", VersionNumber{1}, false).ok());
  EXPECT_EQ(end_offset(), before);
}

TEST_F(Deletes, AReferencedVersionStays) {
  SchemaRequest order = avro(R"({"type":"record","name":"Order","fields":[{"name":"a","type":"A"}]})");
  order.references = {{"A", "s", VersionNumber{1}}};
  ASSERT_TRUE(registry_->register_schema({"orders", order, false}).ok());
  auto refused = registry_->delete_version("s", VersionNumber{1}, false);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::ReferenceExists);
}

TEST_F(RegistryTest, OnlyAnEmptyContextIsDeleted) {
  ASSERT_TRUE(register_avro(":.team:s", kA).ok());
  auto refused = registry_->delete_context(".team");
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::ContextNotEmpty);
  ASSERT_TRUE(registry_->delete_subject(":.team:s", false).ok());
  ASSERT_TRUE(registry_->delete_subject(":.team:s", true).ok());
  const auto before = end_offset();
  ASSERT_TRUE(registry_->delete_context(".team").ok());
  const auto records = appended_since(before);
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].key, log::context_key(".team"));
  EXPECT_FALSE(records[0].value);
  EXPECT_FALSE(node_.store->has_context(".team"));
  EXPECT_TRUE(registry_->delete_context(".never").ok()) << "a context never recorded is fine";
}

}  // namespace
}  // namespace accord::registry::testing
