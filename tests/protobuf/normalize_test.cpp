#include <gtest/gtest.h>

#include "proto_test_support.hpp"

namespace accord::formats {
namespace {

using testing::parse_ok;

void expect_same_normalized(const std::string& a, const std::string& b) {
  auto x = parse_ok(a);
  auto y = parse_ok(b);
  ASSERT_TRUE(x && y);
  EXPECT_EQ(x->normalized(), y->normalized());
  // The normalized text is itself a valid schema that normalizes to itself.
  auto again = parse_ok(x->normalized());
  ASSERT_TRUE(again);
  EXPECT_EQ(again->normalized(), x->normalized());
}

TEST(ProtobufNormalize, FieldOrderDoesNotMatter) {
  const std::string a = "syntax = \"proto3\";\nmessage A { int32 a = 1; string b = 2; }\n";
  const std::string b = "syntax = \"proto3\";\nmessage A { string b = 2; int32 a = 1; }\n";
  EXPECT_NE(parse_ok(a)->canonical(), parse_ok(b)->canonical());
  expect_same_normalized(a, b);
}

TEST(ProtobufNormalize, ImportOrderDoesNotMatter) {
  expect_same_normalized(
      "syntax = \"proto3\";\nimport \"google/protobuf/timestamp.proto\";\nimport \"google/protobuf/duration.proto\";\n"
      "message A { google.protobuf.Timestamp t = 1; google.protobuf.Duration d = 2; }\n",
      "syntax = \"proto3\";\nimport \"google/protobuf/duration.proto\";\nimport \"google/protobuf/timestamp.proto\";\n"
      "message A { google.protobuf.Timestamp t = 1; google.protobuf.Duration d = 2; }\n");
}

TEST(ProtobufNormalize, OptionOrderDoesNotMatter) {
  expect_same_normalized(
      "syntax = \"proto3\";\noption java_package = \"x\";\noption go_package = \"y\";\n"
      "message A { int32 a = 1 [deprecated = true, json_name = \"z\"]; }\n",
      "syntax = \"proto3\";\noption go_package = \"y\";\noption java_package = \"x\";\n"
      "message A { int32 a = 1 [json_name = \"z\", deprecated = true]; }\n");
}

TEST(ProtobufNormalize, EnumValuesAndReservedAreSorted) {
  expect_same_normalized("syntax = \"proto3\";\nenum E { A = 0; C = 2; B = 1; }\nmessage M { reserved 9, 3; E e = 1; }\n",
                         "syntax = \"proto3\";\nenum E { A = 0; B = 1; C = 2; }\nmessage M { E e = 1; reserved 3, 9; }\n");
}

TEST(ProtobufNormalize, OneofsKeepTheirMembersTogether) {
  // Member numbers interleave with plain fields; the oneof must stay contiguous.
  expect_same_normalized(
      "syntax = \"proto3\";\nmessage A { oneof o { int32 a = 1; int32 c = 3; } int32 b = 2; optional int32 d = 4; }\n",
      "syntax = \"proto3\";\nmessage A { optional int32 d = 4; int32 b = 2; oneof o { int32 c = 3; int32 a = 1; } }\n");
}

TEST(ProtobufNormalize, MessageOrderIsKeptBecauseIndexesDependOnIt) {
  auto a = parse_ok("syntax = \"proto3\";\nmessage A {}\nmessage B {}\n");
  auto b = parse_ok("syntax = \"proto3\";\nmessage B {}\nmessage A {}\n");
  ASSERT_TRUE(a && b);
  EXPECT_NE(a->normalized(), b->normalized());
}

}  // namespace
}  // namespace accord::formats
