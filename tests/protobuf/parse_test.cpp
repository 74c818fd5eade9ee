#include <gtest/gtest.h>
#include <google/protobuf/descriptor.h>
#include <google/protobuf/descriptor.pb.h>
#include <openssl/evp.h>

#include "proto_test_support.hpp"

namespace accord::formats {
namespace {

using testing::parse_ok;
using testing::protobuf;

const char* kCaseEscalated = R"(syntax = "proto3";

package com.example.caseevents.v1;

message CaseEscalated {
  string event_id = 1;
  string case_id = 2;
  string occurred_at = 3;
  EscalationLevel escalation_level = 4;
  string reason = 5;
}

enum EscalationLevel {
  ESCALATION_LEVEL_UNSPECIFIED = 0;
  SUPERVISOR = 1;
  ENFORCEMENT = 2;
  LEGAL = 3;
}
)";

std::string error_of(const std::string& text, std::vector<ResolvedReference> refs = {}) {
  auto parsed = protobuf().parse(text, refs);
  EXPECT_FALSE(parsed.ok()) << text;
  if (parsed.ok()) return {};
  EXPECT_EQ(parsed.error().code, ErrorCode::InvalidSchema);
  return parsed.error().message;
}

std::string base64(const std::string& bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
  const int n = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<int>(bytes.size()));
  out.resize(static_cast<size_t>(n));
  return out;
}

TEST(ProtobufParse, SeedCaseEscalatedWithItsEnumParses) {
  auto schema = parse_ok(kCaseEscalated);
  ASSERT_TRUE(schema);
  EXPECT_EQ(schema->type(), SchemaType::Protobuf);
  const auto* file = protobuf_file_descriptor(*schema);
  ASSERT_NE(file, nullptr);
  const auto* message = file->FindMessageTypeByName("CaseEscalated");
  ASSERT_NE(message, nullptr);
  EXPECT_EQ(message->FindFieldByNumber(4)->enum_type()->full_name(), "com.example.caseevents.v1.EscalationLevel");
  EXPECT_NE(schema->canonical().find("message CaseEscalated"), std::string::npos);
  EXPECT_NE(schema->canonical().find("enum EscalationLevel"), std::string::npos);
}

TEST(ProtobufParse, Proto2WithRequiredAndGroupsParses) {
  auto schema = parse_ok("syntax = \"proto2\";\nmessage A { required int32 id = 1; optional string s = 2 [default = \"x\"]; }\n");
  ASSERT_TRUE(schema);
  EXPECT_NE(schema->canonical().find("required int32 id = 1"), std::string::npos);
}

TEST(ProtobufParse, CanonicalTextParsesBackToItself) {
  auto schema = parse_ok(kCaseEscalated);
  ASSERT_TRUE(schema);
  auto again = parse_ok(schema->canonical());
  ASSERT_TRUE(again);
  EXPECT_EQ(again->canonical(), schema->canonical());
}

TEST(ProtobufParse, SyntaxErrorGivesLineAndColumn) {
  const auto message = error_of("syntax = \"proto3\";\nmessage A {\n  int32 a = 1\n}\n");
  EXPECT_NE(message.find("Invalid schema of type PROTOBUF"), std::string::npos) << message;
  EXPECT_NE(message.find("line 4:1"), std::string::npos) << message;
}

TEST(ProtobufParse, UnresolvedTypeIsRefusedWithItsLocation) {
  const auto message = error_of("syntax = \"proto3\";\nmessage A {\n  Missing m = 1;\n}\n");
  EXPECT_NE(message.find("\"Missing\" is not defined"), std::string::npos) << message;
  EXPECT_NE(message.find("line 3:3"), std::string::npos) << message;
}

TEST(ProtobufParse, DuplicateFieldNumberIsRefused) {
  const auto message = error_of("syntax = \"proto3\";\nmessage A {\n  int32 a = 1;\n  string b = 1;\n}\n");
  EXPECT_NE(message.find("Field number 1 has already been used"), std::string::npos) << message;
  EXPECT_NE(message.find("line 4:"), std::string::npos) << message;
}

TEST(ProtobufParse, ReservedNumberUsedIsRefused) {
  const auto message = error_of("syntax = \"proto3\";\nmessage A {\n  reserved 5;\n  int32 a = 5;\n}\n");
  EXPECT_NE(message.find("reserved number 5"), std::string::npos) << message;
}

TEST(ProtobufParse, EditionsAreRejectedClearly) {
  const auto message = error_of("edition = \"2023\";\nmessage A { int32 a = 1; }\n");
  EXPECT_NE(message.find("editions are not supported"), std::string::npos) << message;
}

TEST(ProtobufParse, ImportWithoutReferenceIsRefused) {
  const auto message = error_of("syntax = \"proto3\";\nimport \"money.proto\";\nmessage A { Money m = 1; }\n");
  EXPECT_NE(message.find("\"money.proto\" was not found"), std::string::npos) << message;
  EXPECT_NE(message.find("line 2:"), std::string::npos) << message;
}

TEST(ProtobufParse, ImportResolvesThroughReference) {
  ResolvedReference money{"money.proto", "money", VersionNumber{1}, "syntax = \"proto3\";\npackage m;\nmessage Money { int64 units = 1; }\n"};
  auto schema = parse_ok("syntax = \"proto3\";\nimport \"money.proto\";\nmessage Order { int64 id = 1; m.Money total = 2; }\n",
                         {money});
  ASSERT_TRUE(schema);
  const auto* order = protobuf_file_descriptor(*schema)->FindMessageTypeByName("Order");
  EXPECT_EQ(order->FindFieldByName("total")->message_type()->full_name(), "m.Money");
}

TEST(ProtobufParse, NestedReferencesResolveDependenciesFirst) {
  ResolvedReference base{"base.proto", "base", VersionNumber{1}, "syntax = \"proto3\";\nmessage Base { int32 x = 1; }\n"};
  ResolvedReference mid{"mid.proto", "mid", VersionNumber{2}, "syntax = \"proto3\";\nimport \"base.proto\";\nmessage Mid { Base b = 1; }\n"};
  EXPECT_TRUE(parse_ok("syntax = \"proto3\";\nimport \"mid.proto\";\nmessage Top { Mid m = 1; }\n", {base, mid}));
}

TEST(ProtobufParse, WellKnownAndCommonTypesNeedNoReference) {
  EXPECT_TRUE(parse_ok(R"(syntax = "proto3";
import "google/protobuf/timestamp.proto";
import "google/protobuf/wrappers.proto";
import "google/type/postal_address.proto";
import "google/type/money.proto";
message A {
  google.protobuf.Timestamp at = 1;
  google.protobuf.StringValue note = 2;
  google.type.PostalAddress address = 3;
  google.type.Money price = 4;
}
)"));
}

TEST(ProtobufParse, SerializedDescriptorGetsTheSameCanonicalTextAsItsSource) {
  auto text = parse_ok(kCaseEscalated);
  ASSERT_TRUE(text);
  auto serialized = protobuf_serialized(*text);
  ASSERT_TRUE(serialized.ok());
  auto from_descriptor = parse_ok(*serialized);
  ASSERT_TRUE(from_descriptor);
  EXPECT_EQ(from_descriptor->canonical(), text->canonical());
  EXPECT_EQ(from_descriptor->normalized(), text->normalized());
}

TEST(ProtobufParse, SerializedDescriptorWithExplicitJsonNamesMatchesText) {
  auto text = parse_ok(kCaseEscalated);
  ASSERT_TRUE(text);
  // protoc-generated descriptors spell out every field's json_name.
  google::protobuf::FileDescriptorProto proto;
  const auto* file = protobuf_file_descriptor(*text);
  file->CopyTo(&proto);
  file->CopyJsonNameTo(&proto);
  proto.set_name("case_escalated.proto");
  ASSERT_EQ(proto.message_type(0).field(0).json_name(), "eventId");
  auto from_descriptor = parse_ok(base64(proto.SerializeAsString()));
  ASSERT_TRUE(from_descriptor);
  EXPECT_EQ(from_descriptor->canonical(), text->canonical());
}

TEST(ProtobufParse, GarbageThatIsNeitherTextNorDescriptorIsRefused) {
  const auto message = error_of("this is not a schema");
  EXPECT_NE(message.find("line 1:1"), std::string::npos) << message;
}

}  // namespace
}  // namespace accord::formats
