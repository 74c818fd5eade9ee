// The incident the product exists for: `user.updated` v2 renamed `user_name` to `username`
// without alias or default. Both directions must refuse it and name the fields.
#include "accord/compat/checker.hpp"
#include "avro_test_support.hpp"

namespace accord::formats::avro_test {
namespace {

using ::testing::HasSubstr;

const char* kV1 = R"({"type":"record","name":"updated","namespace":"user","fields":[
    {"name":"id","type":"long"},{"name":"user_name","type":"string"}]})";
const char* kV2 = R"({"type":"record","name":"updated","namespace":"user","fields":[
    {"name":"id","type":"long"},{"name":"username","type":"string"}]})";

compat::Verdict verdict(CompatibilityLevel level, const char* candidate) {
  std::vector<compat::PreviousVersion> previous = {{VersionNumber{1}, schema(kV1)}};
  return compat::check(level, avro(), *schema(candidate), previous);
}

TEST(AvroIncident, RenamedFieldBreaksBackward) {
  auto v = verdict(CompatibilityLevel::Backward, kV2);
  EXPECT_FALSE(v.compatible);
  ASSERT_EQ(v.messages.size(), 1u);
  EXPECT_THAT(v.messages[0], HasSubstr("READER_FIELD_MISSING_DEFAULT_VALUE"));
  EXPECT_THAT(v.messages[0], HasSubstr("The field 'username' at path '/fields/1' in the new schema has no default value"));
}

TEST(AvroIncident, RenamedFieldBreaksForward) {
  auto v = verdict(CompatibilityLevel::Forward, kV2);
  EXPECT_FALSE(v.compatible);
  ASSERT_EQ(v.messages.size(), 1u);
  EXPECT_THAT(v.messages[0], HasSubstr("The field 'user_name' at path '/fields/1'"));
}

TEST(AvroIncident, FullNamesBothFields) {
  auto v = verdict(CompatibilityLevel::Full, kV2);
  EXPECT_FALSE(v.compatible);
  ASSERT_EQ(v.messages.size(), 2u);
  EXPECT_THAT(v.messages[0], HasSubstr("'username'"));
  EXPECT_THAT(v.messages[1], HasSubstr("'user_name'"));
}

TEST(AvroIncident, AliasFixesBackwardAndDefaultFixesBoth) {
  const char* aliased = R"({"type":"record","name":"updated","namespace":"user","fields":[
      {"name":"id","type":"long"},{"name":"username","type":"string","aliases":["user_name"]}]})";
  EXPECT_TRUE(verdict(CompatibilityLevel::Backward, aliased).compatible);
  const char* both = R"({"type":"record","name":"updated","namespace":"user","fields":[
      {"name":"id","type":"long"},{"name":"user_name","type":"string","default":""},
      {"name":"username","type":"string","default":""}]})";
  EXPECT_TRUE(verdict(CompatibilityLevel::Full, both).compatible);
}

}  // namespace
}  // namespace accord::formats::avro_test
