// Registration, IMPORT, lookup and the compatibility check as typed operations: the ids and
// versions they allocate and the records they append.
#include "registry_fixture.hpp"

namespace accord::registry::testing {
namespace {

const std::string kA = RegistryTest::record("A");
const std::string kAWithDefault = RegistryTest::record("A", {R"({"name":"f","type":"int","default":0})"});
const std::string kAWithRequired = RegistryTest::record("A", {R"({"name":"g","type":"string"})"});

TEST_F(RegistryTest, ANewSchemaGetsTheNextIdAndVersionAndOneSchemaRecord) {
  const auto before = end_offset();
  auto first = register_avro("s", kA);
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(first->id, 1);
  EXPECT_EQ(first->version, 1);
  EXPECT_EQ(first->schema.text, kA);

  const auto records = appended_since(before);
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].key, log::schema_key("s", VersionNumber{1}));
  auto value = records[0].schema_value();
  ASSERT_TRUE(value);
  EXPECT_EQ(value->id, 1);
  EXPECT_EQ(value->version, 1);
  EXPECT_FALSE(value->deleted);

  auto second = register_avro("s", kAWithDefault);
  ASSERT_TRUE(second.ok()) << second.error().message;
  EXPECT_EQ(second->id, 2);
  EXPECT_EQ(second->version, 2);
}

TEST_F(RegistryTest, RegisteringAgainAnswersTheVersionAndAppendsNothing) {
  ASSERT_TRUE(register_avro("s", kA).ok());
  const auto before = end_offset();
  // Another spelling of the same schema: the identity decides, not the bytes.
  auto again = register_avro("s", R"({ "name": "A", "type": "record", "fields": [] })");
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_EQ(again->id, 1);
  EXPECT_EQ(again->version, 1);
  EXPECT_EQ(again->schema.text, kA) << "the stored text is answered";
  EXPECT_EQ(end_offset(), before);

  auto existing = registry_->existing_registration({"s", avro(kA), false});
  ASSERT_TRUE(existing);
  EXPECT_EQ(existing->version, 1);
  EXPECT_FALSE(registry_->existing_registration({"s", avro(kAWithDefault), false}));
  EXPECT_FALSE(registry_->existing_registration({"other", avro(kA), false}));
}

TEST_F(RegistryTest, TheSameSchemaInAnotherSubjectKeepsItsId) {
  ASSERT_TRUE(register_avro("s", kA).ok());
  auto other = register_avro("t", kA);
  ASSERT_TRUE(other.ok());
  EXPECT_EQ(other->id, 1);
  EXPECT_EQ(other->version, 1);
}

TEST_F(RegistryTest, AnIncompatibleSchemaIsRefusedAndAppendsNothing) {
  ASSERT_TRUE(register_avro("s", kA).ok());
  const auto before = end_offset();
  auto refused = register_avro("s", kAWithRequired);  // BACKWARD: old data has no g
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::IncompatibleSchema);
  EXPECT_NE(refused.error().message.find("{validateFields: 'false', compatibility: 'BACKWARD'}]"), std::string::npos)
      << refused.error().message;
  EXPECT_EQ(end_offset(), before);

  auto verdict = registry_->check_compatibility({"s", avro(kAWithRequired), std::nullopt, false, true});
  ASSERT_TRUE(verdict.ok());
  EXPECT_FALSE(verdict->compatible);
  ASSERT_FALSE(verdict->messages.empty());
  EXPECT_EQ(verdict->messages.back(), "{validateFields: 'false', compatibility: 'BACKWARD'}");
  auto fine = registry_->check_compatibility({"s", avro(kAWithDefault), std::nullopt, false, false});
  ASSERT_TRUE(fine.ok());
  EXPECT_TRUE(fine->compatible);
}

TEST_F(RegistryTest, TheCompatibilityCheckNamesVersionsAndReportsAnInvalidSchemaWhenVerbose) {
  auto empty = registry_->check_compatibility({"s", avro(kA), std::optional<VersionNumber>{}, false, false});
  ASSERT_TRUE(empty.ok()) << "latest of a subject without versions: compatible";
  EXPECT_TRUE(empty->compatible);
  ASSERT_TRUE(register_avro("s", kA).ok());
  auto missing = registry_->check_compatibility({"s", avro(kA), std::optional<VersionNumber>(7), false, false});
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code, ErrorCode::VersionNotFound);

  auto invalid = registry_->check_compatibility({"s", avro("{not avro"), std::nullopt, false, false});
  ASSERT_FALSE(invalid.ok());
  EXPECT_EQ(invalid.error().code, ErrorCode::InvalidSchema);
  auto verbose = registry_->check_compatibility({"s", avro("{not avro"), std::nullopt, false, true});
  ASSERT_TRUE(verbose.ok());
  EXPECT_FALSE(verbose->compatible);
  ASSERT_EQ(verbose->messages.size(), 1u);
  EXPECT_EQ(verbose->messages[0], invalid.error().message);
}

TEST_F(RegistryTest, AVersionMustBeTheNextOne) {
  ASSERT_TRUE(register_avro("s", kA).ok());
  auto request = avro(kAWithDefault);
  request.version = 5;
  auto refused = registry_->register_schema({"s", request, false});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::InvalidSchema);
  request.version = 2;
  auto accepted = registry_->register_schema({"s", request, false});
  ASSERT_TRUE(accepted.ok()) << accepted.error().message;
  EXPECT_EQ(accepted->version, 2);
}

TEST_F(RegistryTest, AnIdOutsideImportModeIsRefused) {
  auto request = avro(kA);
  request.id = 7;
  auto refused = registry_->register_schema({"s", request, false});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::OperationNotPermitted);
}

TEST_F(RegistryTest, ImportTakesTheIdAndVersionItIsGiven) {
  ASSERT_TRUE(registry_->set_mode(std::nullopt, Mode::Import, false).ok()) << "an empty registry may import";
  auto without_id = register_avro("copied", kA);
  ASSERT_FALSE(without_id.ok());
  EXPECT_EQ(without_id.error().code, ErrorCode::OperationNotPermitted);

  auto request = avro(kA);
  request.id = 100;
  request.version = 3;
  const auto before = end_offset();
  auto imported = registry_->register_schema({"copied", request, false});
  ASSERT_TRUE(imported.ok()) << imported.error().message;
  EXPECT_EQ(imported->id, 100);
  EXPECT_EQ(imported->version, 3);
  const auto records = appended_since(before);
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].key, log::schema_key("copied", VersionNumber{3}));

  auto conflict = avro(kAWithDefault);
  conflict.id = 100;  // bound to another schema
  auto refused = registry_->register_schema({"other", conflict, false});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::OperationNotPermitted);
  auto taken = avro(kAWithDefault);
  taken.id = 101;
  taken.version = 3;  // (copied, 3) is bound to id 100
  refused = registry_->register_schema({"copied", taken, false});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::OperationNotPermitted);

  ASSERT_TRUE(registry_->set_mode(std::nullopt, Mode::ReadWrite, false).ok());
  auto after = register_avro("after", kAWithRequired);
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->id, 101) << "imported ids raise the high-water mark";
}

TEST_F(RegistryTest, TheFirstRegistrationInANamedContextRecordsTheContext) {
  const auto before = end_offset();
  auto registered = register_avro(":.team:s", kA);
  ASSERT_TRUE(registered.ok()) << registered.error().message;
  EXPECT_EQ(registered->id, 1) << "ids are numbered per context";
  const auto records = appended_since(before);
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].key, log::context_key(".team"));
  EXPECT_EQ(records[1].key, log::schema_key(":.team:s", VersionNumber{1}));
  EXPECT_EQ(register_avro("s", kA)->id, 1) << "the default context numbers its own";
}

TEST_F(RegistryTest, LookupFindsTheVersionHoldingTheSchema) {
  ASSERT_TRUE(register_avro("s", kA).ok());
  ASSERT_TRUE(register_avro("s", kAWithDefault).ok());
  auto found = registry_->lookup({"s", avro(kA), false, false});
  ASSERT_TRUE(found.ok()) << found.error().message;
  EXPECT_EQ(found->version.version, 1);
  EXPECT_EQ(found->version.id, 1);
  EXPECT_EQ(found->schema.text, kA);

  auto absent = registry_->lookup({"s", avro(kAWithRequired), false, false});
  ASSERT_FALSE(absent.ok());
  EXPECT_EQ(absent.error().code, ErrorCode::SchemaNotFound);
  auto no_subject = registry_->lookup({"none", avro(kA), false, false});
  ASSERT_FALSE(no_subject.ok());
  EXPECT_EQ(no_subject.error().code, ErrorCode::SubjectNotFound);

  ASSERT_TRUE(registry_->delete_version("s", VersionNumber{1}, false).ok());
  EXPECT_FALSE(registry_->lookup({"s", avro(kA), false, false}).ok());
  auto deleted = registry_->lookup({"s", avro(kA), false, true});
  ASSERT_TRUE(deleted.ok());
  EXPECT_TRUE(deleted->version.deleted);
}

}  // namespace
}  // namespace accord::registry::testing
