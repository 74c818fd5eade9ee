#include "accord/ops/compare.hpp"

#include <gtest/gtest.h>

namespace accord::ops {
namespace {

RegistryState state_with(std::vector<VersionState> versions) {
  RegistryState state;
  for (auto& v : versions) state.subjects[v.subject][v.version] = v;
  state.global_config = nlohmann::ordered_json{{"compatibilityLevel", "BACKWARD"}};
  state.global_mode = "READWRITE";
  return state;
}

VersionState avro(const std::string& subject, int version, int id, const std::string& text,
                  std::vector<SchemaReference> refs = {}) {
  return VersionState{subject, VersionNumber{version}, SchemaId{id},
                      Schema{SchemaType::Avro, text, std::move(refs), {}, {}}, false};
}

const std::string kRecord = R"({"type":"record","name":"Order","fields":[{"name":"id","type":"long"}]})";
const std::string kRecordSpaced = R"({ "type": "record", "name": "Order", "fields": [ { "name": "id", "type": "long" } ] })";

TEST(Compare, EqualStatesAgree) {
  auto a = state_with({avro("s", 1, 1, kRecord), avro("s", 2, 2, "\"string\"")});
  auto c = compare_states(a, a);
  EXPECT_TRUE(c.equal());
  EXPECT_EQ(c.subjects, 1u);
  EXPECT_EQ(c.versions, 2u);
}

TEST(Compare, SchemasAreComparedByIdentityNotBytes) {
  auto a = state_with({avro("s", 1, 1, kRecord)});
  auto b = state_with({avro("s", 1, 1, kRecordSpaced)});
  EXPECT_TRUE(compare_states(a, b).equal());
  auto c = state_with({avro("s", 1, 1, R"({"type":"record","name":"Order","fields":[{"name":"id","type":"int"}]})")});
  auto differences = compare_states(a, c).differences;
  ASSERT_EQ(differences.size(), 1u);
  EXPECT_EQ(differences[0].kind, "schema");
  EXPECT_EQ(differences[0].where, "s version 1");
}

TEST(Compare, ReportsEveryKindOfDifference) {
  auto a = state_with({avro("s", 1, 1, kRecord), avro("s", 2, 2, "\"string\""), avro("gone", 1, 3, "\"int\""),
                       avro("r", 1, 4, "\"long\"", {{"Order", "s", VersionNumber{1}}})});
  auto b = state_with({avro("s", 1, 5, kRecord), avro("s", 3, 2, "\"string\""), avro("r", 1, 4, "\"long\"")});
  b.subjects["s"][VersionNumber{1}].deleted = true;
  a.subject_configs["s"] = {{"compatibilityLevel", "FULL"}};
  b.subject_modes["s"] = "READONLY";
  b.global_mode = "IMPORT";
  std::map<std::string, std::string> kinds;
  for (const auto& d : compare_states(a, b).differences) kinds[d.kind + " " + d.where] = d.left + " | " + d.right;
  EXPECT_EQ(kinds.at("id s version 1"), "1 | 5");
  EXPECT_EQ(kinds.at("deleted s version 1"), "live | soft-deleted");
  EXPECT_EQ(kinds.at("version s version 2"), "id 2 | (absent)");
  EXPECT_EQ(kinds.at("version s version 3"), "(absent) | id 2");
  EXPECT_EQ(kinds.at("subject gone"), "1 versions | (absent)");
  EXPECT_EQ(kinds.at("references r version 1"), "[Order -> s/1] | []");
  EXPECT_EQ(kinds.at("config config of s"), "{\"compatibilityLevel\":\"FULL\"} | (absent)");
  EXPECT_EQ(kinds.at("mode mode of s"), "(absent) | READONLY");
  EXPECT_EQ(kinds.at("mode global mode"), "READWRITE | IMPORT");
  EXPECT_EQ(kinds.size(), 9u);
}

TEST(Compare, WhatOneSideCannotShowIsANoteNotADifference) {
  auto a = state_with({avro("s", 1, 1, kRecord), avro("s", 2, 2, "\"string\"")});
  a.subjects["s"][VersionNumber{2}].deleted = true;
  auto b = state_with({avro("s", 1, 1, kRecord)});
  b.shows_deleted = false;
  b.has_modes = false;
  b.global_mode.reset();
  b.notes.push_back("b does not answer /mode");
  auto c = compare_states(a, b);
  EXPECT_TRUE(c.equal()) << c.differences.size();
  EXPECT_EQ(c.notes.size(), 2u);
}

TEST(Compare, ConfigMemberOrderDoesNotMatter) {
  auto a = state_with({});
  auto b = state_with({});
  a.global_config = nlohmann::ordered_json{{"normalize", true}, {"compatibilityLevel", "FULL"}};
  b.global_config = nlohmann::ordered_json{{"compatibilityLevel", "FULL"}, {"normalize", true}};
  EXPECT_TRUE(compare_states(a, b).equal());
}

}  // namespace
}  // namespace accord::ops
