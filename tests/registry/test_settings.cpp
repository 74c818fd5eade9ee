// Config and mode records as typed operations.
#include "registry_fixture.hpp"

namespace accord::registry::testing {
namespace {

TEST_F(RegistryTest, AConfigUpdateMergesIntoTheStoredRecord) {
  auto first = registry_->set_config(std::string("s"), {.compatibility_level = CompatibilityLevel::Full,
                                                        .normalize = true});
  ASSERT_TRUE(first.ok()) << first.error().message;
  EXPECT_EQ(first->subject, "s");
  EXPECT_EQ(first->compatibility_level, CompatibilityLevel::Full);
  EXPECT_EQ(first->normalize, true);

  // Absent fields keep their value, an empty one clears it.
  auto second = registry_->set_config(std::string("s"), {.alias = std::optional<std::string>("t"),
                                                         .normalize = std::optional<bool>()});
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second->compatibility_level, CompatibilityLevel::Full);
  EXPECT_EQ(second->alias, "t");
  EXPECT_FALSE(second->normalize);
  EXPECT_EQ(node_.store->config(std::string("s")), *second);
  EXPECT_EQ(effective_compatibility(*node_.store, std::string("s"), CompatibilityLevel::Backward),
            CompatibilityLevel::Full);
}

TEST_F(RegistryTest, DeletingAConfigAnswersWhatItRemoved) {
  auto none = registry_->delete_config(std::string("s"));
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.error().code, ErrorCode::SubjectNotFound);
  auto top = registry_->delete_config(std::nullopt);
  ASSERT_TRUE(top.ok()) << "the top level without a record answers an empty one";
  EXPECT_EQ(*top, log::ConfigValue{});

  ASSERT_TRUE(registry_->set_config(std::string("s"), {.compatibility_level = CompatibilityLevel::None}).ok());
  const auto before = end_offset();
  auto removed = registry_->delete_config(std::string("s"));
  ASSERT_TRUE(removed.ok());
  EXPECT_EQ(removed->compatibility_level, CompatibilityLevel::None);
  const auto records = appended_since(before);
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].key, log::config_key(std::string("s")));
  EXPECT_FALSE(records[0].value);
  EXPECT_FALSE(node_.store->config(std::string("s")));
}

TEST_F(RegistryTest, ModesAreSetAndDeletedPerScope) {
  const auto before = end_offset();
  ASSERT_TRUE(registry_->set_mode(std::string("s"), Mode::ReadOnly, false).ok());
  auto records = appended_since(before);
  ASSERT_EQ(records.size(), 1u);
  EXPECT_EQ(records[0].key, log::mode_key(std::string("s")));
  EXPECT_EQ(effective_mode(*node_.store, std::string("s")), Mode::ReadOnly);
  EXPECT_EQ(effective_mode(*node_.store, std::string("t")), Mode::ReadWrite);

  auto forward = registry_->set_mode(std::string("s"), Mode::Forward, false);
  ASSERT_FALSE(forward.ok());
  EXPECT_EQ(forward.error().code, ErrorCode::InvalidMode) << "FORWARD is global only";

  auto removed = registry_->delete_mode(std::string("s"));
  ASSERT_TRUE(removed.ok());
  EXPECT_EQ(*removed, Mode::ReadOnly);
  auto again = registry_->delete_mode(std::string("s"));
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code, ErrorCode::SubjectNotFound);
  auto top = registry_->delete_mode(std::nullopt);
  ASSERT_TRUE(top.ok());
  EXPECT_EQ(*top, Mode::ReadWrite);
}

TEST_F(RegistryTest, ImportOverLiveSubjectsNeedsForce) {
  ASSERT_TRUE(register_avro("live", record("A")).ok());
  const auto before = end_offset();
  auto refused = registry_->set_mode(std::nullopt, Mode::Import, false);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::OperationNotPermitted);
  EXPECT_EQ(end_offset(), before);
  EXPECT_TRUE(registry_->set_mode(std::string("other"), Mode::Import, false).ok()) << "another scope is empty";
  EXPECT_TRUE(registry_->set_mode(std::nullopt, Mode::Import, true).ok());
}

TEST_F(RegistryTest, ModesAreImmutableWhenConfiguredSo) {
  RegistryOptions options;
  options.mode_mutability = false;
  open(options);
  auto refused = registry_->set_mode(std::nullopt, Mode::ReadOnly, false);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, ErrorCode::OperationNotPermitted);
}

}  // namespace
}  // namespace accord::registry::testing
