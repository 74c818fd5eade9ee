// One test per Confluent Protobuf rule, a compatible and an incompatible case each.
// check(reader, writer): the reader plays Confluent's "update", the writer its "original".
#include <gtest/gtest.h>

#include "accord/compat/checker.hpp"
#include "proto_test_support.hpp"

namespace accord::formats {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using testing::breaks;
using testing::kinds;
using testing::parse_ok;

std::string p3(const std::string& body) { return "syntax = \"proto3\";\n" + body; }
std::string p2(const std::string& body) { return "syntax = \"proto2\";\n" + body; }

TEST(ProtobufCompat, ReusingFieldNumberForAnotherTypeIsRefusedNamingTheNumber) {
  const std::string v1 = p3("package c;\nmessage CaseEscalated { string event_id = 1; string reason = 5; }\n");
  const std::string v2 = p3("package c;\nmessage CaseEscalated { string event_id = 1; int32 priority = 5; }\n");
  const auto found = breaks(v2, v1);
  ASSERT_THAT(kinds(found), ElementsAre("FIELD_SCALAR_KIND_CHANGED"));
  EXPECT_EQ(found[0].path, "#/CaseEscalated/5");
  EXPECT_NE(found[0].message.find("number 5"), std::string::npos) << found[0].message;
  EXPECT_NE(found[0].message.find("c.CaseEscalated"), std::string::npos) << found[0].message;
  EXPECT_NE(found[0].message.find("'reason' string"), std::string::npos) << found[0].message;
}

TEST(ProtobufCompat, ReusingFieldNumberWithSameTypeAndNewNameIsCompatible) {
  EXPECT_THAT(breaks(p3("message A { string note = 5; }\n"), p3("message A { string reason = 5; }\n")), IsEmpty());
}

TEST(ProtobufCompat, WireCompatibleScalarGroups) {
  const std::vector<std::pair<std::string, std::string>> same = {
      {"int32", "int64"}, {"uint32", "bool"}, {"uint64", "int32"}, {"sint32", "sint64"},
      {"fixed32", "sfixed32"}, {"fixed64", "sfixed64"}, {"string", "bytes"}};
  for (const auto& [a, b] : same) {
    EXPECT_THAT(breaks(p3("message A { " + a + " f = 1; }\n"), p3("message A { " + b + " f = 1; }\n")), IsEmpty())
        << a << " <- " << b;
  }
  const std::vector<std::pair<std::string, std::string>> different = {
      {"int32", "sint32"}, {"fixed32", "fixed64"}, {"float", "double"}, {"int64", "string"}, {"fixed32", "int32"}};
  for (const auto& [a, b] : different) {
    EXPECT_THAT(kinds(breaks(p3("message A { " + a + " f = 1; }\n"), p3("message A { " + b + " f = 1; }\n"))),
                ElementsAre("FIELD_SCALAR_KIND_CHANGED"))
        << a << " <- " << b;
  }
}

TEST(ProtobufCompat, EnumReadsAsGeneralNumber) {
  const std::string with_enum = p3("message A { E f = 1; }\nenum E { Z = 0; }\n");
  EXPECT_THAT(breaks(with_enum, p3("message A { int32 f = 1; }\n")), IsEmpty());
  EXPECT_THAT(kinds(breaks(p3("message A { string f = 1; }\n"), with_enum)), ElementsAre("FIELD_SCALAR_KIND_CHANGED"));
}

TEST(ProtobufCompat, ScalarToMessageIsAKindChange) {
  EXPECT_THAT(kinds(breaks(p3("message A { B f = 1; }\nmessage B {}\n"), p3("message A { int32 f = 1; }\nmessage B {}\n"))),
              ElementsAre("FIELD_KIND_CHANGED"));
}

TEST(ProtobufCompat, FieldMessageTypeChange) {
  const std::string v1 = p3("message A { B f = 1; }\nmessage B {}\nmessage C {}\n");
  EXPECT_THAT(kinds(breaks(p3("message A { C f = 1; }\nmessage B {}\nmessage C {}\n"), v1)),
              ElementsAre("FIELD_NAMED_TYPE_CHANGED"));
  // Qualifying a name differently is the same type.
  EXPECT_THAT(breaks(p3("package p;\nmessage A { .p.B f = 1; }\nmessage B {}\nmessage C {}\n"),
                     p3("package p;\nmessage A { B f = 1; }\nmessage B {}\nmessage C {}\n")),
              IsEmpty());
}

TEST(ProtobufCompat, FieldRemovalAndReserved) {
  const std::string v1 = p2("message A { optional int32 a = 1; optional int32 b = 2; }\n");
  EXPECT_THAT(breaks(p2("message A { optional int32 a = 1; reserved 2; }\n"), v1), IsEmpty());
  const std::string required = p2("message A { optional int32 a = 1; required int32 b = 2; }\n");
  EXPECT_THAT(kinds(breaks(p2("message A { optional int32 a = 1; reserved 2; }\n"), required)),
              ElementsAre("REQUIRED_FIELD_REMOVED"));
}

TEST(ProtobufCompat, FieldAddition) {
  const std::string v1 = p2("message A { optional int32 a = 1; }\n");
  EXPECT_THAT(breaks(p2("message A { optional int32 a = 1; optional int32 b = 2; }\n"), v1), IsEmpty());
  const auto found = breaks(p2("message A { optional int32 a = 1; required int32 b = 2; }\n"), v1);
  ASSERT_THAT(kinds(found), ElementsAre("REQUIRED_FIELD_ADDED"));
  EXPECT_EQ(found[0].path, "#/A/2");
}

TEST(ProtobufCompat, LabelChanges) {
  EXPECT_THAT(kinds(breaks(p2("message A { repeated int32 a = 1; }\n"), p2("message A { optional int32 a = 1; }\n"))),
              ElementsAre("FIELD_NUMERIC_LABEL_CHANGED"));
  EXPECT_THAT(breaks(p2("message A { repeated string a = 1; }\n"), p2("message A { optional string a = 1; }\n")),
              IsEmpty());
  // A proto3 field without a label matches any label, as in Confluent's text comparison.
  EXPECT_THAT(breaks(p3("message A { repeated int32 a = 1; }\n"), p3("message A { int32 a = 1; }\n")), IsEmpty());
}

TEST(ProtobufCompat, MovingFieldsIntoOneof) {
  const std::string v1 = p3("message A { int32 a = 1; int32 b = 2; }\n");
  EXPECT_THAT(breaks(p3("message A { oneof o { int32 a = 1; } int32 b = 2; }\n"), v1), IsEmpty());
  EXPECT_THAT(kinds(breaks(p3("message A { oneof o { int32 a = 1; int32 b = 2; } }\n"), v1)),
              ElementsAre("MULTIPLE_FIELDS_MOVED_TO_ONEOF"));
  EXPECT_THAT(kinds(breaks(p3("message A { oneof o { int32 a = 1; int32 b = 2; } }\n"),
                           p3("message A { oneof o { int32 a = 1; } int32 b = 2; }\n"))),
              ElementsAre("FIELD_MOVED_TO_EXISTING_ONEOF"));
}

TEST(ProtobufCompat, OneofMembersAndRemoval) {
  const std::string v1 = p3("message A { int32 x = 3; oneof o { int32 a = 1; string b = 2; } }\n");
  EXPECT_THAT(breaks(p3("message A { int32 x = 3; oneof o { int32 a = 1; string b = 2; bool c = 4; } }\n"), v1),
              IsEmpty());
  const auto found = breaks(p3("message A { int32 x = 3; oneof o { int32 a = 1; } }\n"), v1);
  ASSERT_THAT(kinds(found), ElementsAre("ONEOF_FIELD_REMOVED"));
  EXPECT_EQ(found[0].path, "#/A/o/2");
  // Removing the whole oneof loses no data a reader relied on.
  EXPECT_THAT(breaks(p3("message A { int32 x = 3; }\n"), v1), IsEmpty());
  // Moving members out of the oneof only relaxes exclusivity.
  EXPECT_THAT(breaks(p3("message A { int32 x = 3; int32 a = 1; string b = 2; }\n"), v1), IsEmpty());
}

TEST(ProtobufCompat, Proto3OptionalIsNotAOneof) {
  EXPECT_THAT(breaks(p3("message A { optional int32 a = 1; optional int32 b = 2; }\n"),
                     p3("message A { int32 a = 1; int32 b = 2; }\n")),
              IsEmpty());
}

TEST(ProtobufCompat, MessageRemovalAndRename) {
  const std::string v1 = p3("message Person { string name = 1; }\nmessage Other {}\n");
  EXPECT_THAT(breaks(p3("message Person { string name = 1; }\nmessage Other {}\nmessage Added {}\n"), v1), IsEmpty());
  const auto removed = breaks(p3("message Person { string name = 1; }\n"), v1);
  ASSERT_THAT(kinds(removed), ElementsAre("MESSAGE_REMOVED"));
  EXPECT_EQ(removed[0].path, "#/Other");
  EXPECT_THAT(kinds(breaks(p3("message Human { string name = 1; }\nmessage Other {}\n"), v1)),
              ElementsAre("MESSAGE_REMOVED"));
  // Reordering messages is compatible (message indexes follow the schema id).
  EXPECT_THAT(breaks(p3("message Other {}\nmessage Person { string name = 1; }\n"), v1), IsEmpty());
}

TEST(ProtobufCompat, NestedMessageRemovalIsFound) {
  EXPECT_THAT(kinds(breaks(p3("message A { }\n"), p3("message A { message B {} }\n"))), ElementsAre("MESSAGE_REMOVED"));
}

TEST(ProtobufCompat, EnumValueChangesAreCompatible) {
  const std::string v1 = p3("message M { E e = 1; }\nenum E { A = 0; B = 1; }\n");
  EXPECT_THAT(breaks(p3("message M { E e = 1; }\nenum E { A = 0; B = 1; C = 2; }\n"), v1), IsEmpty());
  EXPECT_THAT(breaks(p3("message M { E e = 1; }\nenum E { A = 0; RENAMED = 1; }\n"), v1), IsEmpty());
  EXPECT_THAT(breaks(p3("message M { E e = 1; }\nenum E { A = 0; }\n"), v1), IsEmpty());
}

TEST(ProtobufCompat, PackageChange) {
  EXPECT_THAT(kinds(breaks(p3("package b;\nmessage A {}\n"), p3("package a;\nmessage A {}\n"))),
              ElementsAre("PACKAGE_CHANGED"));
  EXPECT_THAT(breaks(p3("package a;\nmessage A {}\n"), p3("package a;\nmessage A {}\n")), IsEmpty());
}

TEST(ProtobufCompat, SyntaxChangeAloneIsCompatibleAsInConfluent) {
  EXPECT_THAT(breaks(p3("message A { int32 a = 1; }\n"), p2("message A { optional int32 a = 1; }\n")), IsEmpty());
  EXPECT_THAT(breaks(p2("message A { optional int32 a = 1; }\n"), p3("message A { int32 a = 1; }\n")), IsEmpty());
  // What the move changes for a reader is still judged field by field.
  EXPECT_THAT(kinds(breaks(p2("message A { optional int32 a = 1; required int32 b = 2; }\n"),
                           p3("message A { int32 a = 1; }\n"))),
              ElementsAre("REQUIRED_FIELD_ADDED"));
}

TEST(ProtobufCompat, MapValueTypesAreCompared) {
  EXPECT_THAT(breaks(p3("message A { map<string, int64> m = 1; }\n"), p3("message A { map<string, int32> m = 1; }\n")),
              IsEmpty());
  EXPECT_THAT(kinds(breaks(p3("message A { map<string, string> m = 1; }\n"), p3("message A { map<string, int32> m = 1; }\n"))),
              ElementsAre("FIELD_SCALAR_KIND_CHANGED"));
}

TEST(ProtobufCompat, ReferencedTypeIsComparedWhenItsVersionChanges) {
  ResolvedReference v1{"dep.proto", "dep", VersionNumber{1}, p3("package d;\nmessage Dep { string s = 1; }\n")};
  ResolvedReference v2{"dep.proto", "dep", VersionNumber{2}, p3("package d;\nmessage Dep { int32 s = 1; }\n")};
  ResolvedReference v3{"dep.proto", "dep", VersionNumber{3}, p3("package d;\nmessage Dep { bytes s = 1; }\n")};
  const std::string user = p3("import \"dep.proto\";\nmessage U { d.Dep dep = 1; }\n");
  auto writer = parse_ok(user, {v1});
  auto breaking = parse_ok(user, {v2});
  auto compatible = parse_ok(user, {v3});
  ASSERT_TRUE(writer && breaking && compatible);
  EXPECT_THAT(kinds(testing::protobuf().check(*breaking, *writer)),
              ElementsAre("FIELD_SCALAR_KIND_CHANGED", "FIELD_NAMED_TYPE_CHANGED"));
  EXPECT_THAT(testing::protobuf().check(*compatible, *writer), IsEmpty());
}

TEST(ProtobufCompat, BackwardAndForwardUseOppositeDirections) {
  const auto old_version = parse_ok(p2("message A { optional int32 a = 1; }\n"));
  const auto with_required = parse_ok(p2("message A { optional int32 a = 1; required int32 b = 2; }\n"));
  ASSERT_TRUE(old_version && with_required);
  const std::vector<compat::PreviousVersion> previous = {{VersionNumber{1}, old_version}};
  const auto backward = compat::check(CompatibilityLevel::Backward, testing::protobuf(), *with_required, previous);
  EXPECT_FALSE(backward.compatible);
  ASSERT_EQ(backward.messages.size(), 1u);
  EXPECT_NE(backward.messages[0].find("REQUIRED_FIELD_ADDED"), std::string::npos) << backward.messages[0];
  const auto forward = compat::check(CompatibilityLevel::Forward, testing::protobuf(), *with_required, previous);
  EXPECT_FALSE(forward.compatible);
  ASSERT_EQ(forward.messages.size(), 1u);
  EXPECT_NE(forward.messages[0].find("REQUIRED_FIELD_REMOVED"), std::string::npos) << forward.messages[0];
}

TEST(ProtobufCompat, RecursiveMessagesTerminate) {
  const std::string tree = p3("message Node { repeated Node children = 1; Leaf leaf = 2; }\nmessage Leaf { Node up = 1; }\n");
  EXPECT_THAT(breaks(tree, tree), IsEmpty());
}

}  // namespace
}  // namespace accord::formats
