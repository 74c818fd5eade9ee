#include "accord/serde/protobuf.hpp"

#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>

#include "test_client.hpp"

namespace accord::serde {
namespace {

const char* kProto = R"(syntax = "proto3";
package com.acme;
import "google/protobuf/timestamp.proto";
message Order {
  int64 id = 1;
  string customer = 2;
  repeated Line lines = 3;
  google.protobuf.Timestamp at = 4;
  message Line { string sku = 1; int32 quantity = 2; }
}
message Refund { int64 order_id = 1; }
)";

TEST(ProtobufSerde, ParsesSourceAndFindsMessagesByPath) {
  auto schema = ProtobufSchema::parse(kProto);
  ASSERT_TRUE(schema) << schema.error().message;
  EXPECT_EQ((*(*schema)->message_at({0}))->full_name(), "com.acme.Order");
  EXPECT_EQ((*(*schema)->message_at({1}))->full_name(), "com.acme.Refund");
  EXPECT_EQ((*(*schema)->message_at({0, 0}))->full_name(), "com.acme.Order.Line");
  EXPECT_EQ((*schema)->message_at({2}).error().kind, ErrorKind::MalformedMessageIndex);
  EXPECT_EQ((*schema)->message_at({0, 1}).error().kind, ErrorKind::MalformedMessageIndex);
  EXPECT_EQ(message_path_of((*schema)->message_named("com.acme.Order.Line")), (MessagePath{0, 0}));
}

TEST(ProtobufSerde, SyntaxErrorsAreInvalidSchema) {
  auto schema = ProtobufSchema::parse("syntax = \"proto3\"; message { }");
  ASSERT_FALSE(schema);
  EXPECT_EQ(schema.error().kind, ErrorKind::InvalidSchema);
}

TEST(ProtobufSerde, DynamicMessagesRoundTripWithTheirPath) {
  auto client = testing::fake_client();
  auto schema = ProtobufSchema::parse(kProto);
  ASSERT_TRUE(schema);
  for (const std::string name : {"com.acme.Order", "com.acme.Refund", "com.acme.Order.Line"}) {
    auto message = (*schema)->new_message((*schema)->message_named(name));
    const std::string json = name == "com.acme.Order"    ? R"({"id":"5","customer":"ada","lines":[{"sku":"x","quantity":2}],"at":"2024-01-01T00:00:00Z"})"
                             : name == "com.acme.Refund" ? R"({"orderId":"5"})"
                                                         : R"({"sku":"y","quantity":1})";
    ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(json, message.get()).ok()) << name;
    auto bytes = ProtobufSerializer(client).serialize("orders", *message);
    ASSERT_TRUE(bytes) << bytes.error().message;
    auto decoded = ProtobufDeserializer(client).deserialize(*bytes);
    ASSERT_TRUE(decoded) << decoded.error().message;
    EXPECT_EQ(decoded->message->GetDescriptor()->full_name(), name);
    // The decoded type lives in the deserializer's own pool: compare through JSON.
    std::string expected, actual;
    ASSERT_TRUE(google::protobuf::util::MessageToJsonString(*message, &expected).ok());
    ASSERT_TRUE(google::protobuf::util::MessageToJsonString(*decoded->message, &actual).ok());
    EXPECT_EQ(actual, expected) << name;
  }
}

TEST(ProtobufSerde, FirstMessageUsesTheSingleZeroShortcut) {
  auto client = testing::fake_client();
  auto schema = ProtobufSchema::parse(kProto);
  auto message = (*schema)->new_message((*schema)->message_named("com.acme.Refund"));
  auto bytes = ProtobufSerializer(client).serialize("refunds", *message);
  ASSERT_TRUE(bytes);
  EXPECT_EQ(Bytes(bytes->begin() + 5, bytes->end()), (Bytes{0x02, 0x02}));  // path [1], empty message
  auto order = (*schema)->new_message((*schema)->message_named("com.acme.Order"));
  bytes = ProtobufSerializer(client).serialize("orders", *order);
  ASSERT_TRUE(bytes);
  EXPECT_EQ(Bytes(bytes->begin() + 5, bytes->end()), (Bytes{0x00}));
}

TEST(ProtobufSerde, ImportedFilesBecomeReferences) {
  testing::FakeRegistry* fake = nullptr;
  auto client = testing::fake_client(&fake);
  // Build a two-file pool the way generated code would have it.
  auto money = ProtobufSchema::parse("syntax = \"proto3\"; package m; message Money { int64 cents = 1; }");
  ASSERT_TRUE(money);
  const std::vector<FetchedReference> refs = {
      {"money.proto", "money.proto", VersionNumber{1}, "syntax = \"proto3\"; package m; message Money { int64 cents = 1; }"}};
  auto order = ProtobufSchema::parse(
      "syntax = \"proto3\"; import \"money.proto\"; message Payment { m.Money amount = 1; }", refs);
  ASSERT_TRUE(order) << order.error().message;
  auto message = (*order)->new_message((*order)->message_at({0}).value());
  auto bytes = ProtobufSerializer(client).serialize("payments", *message);
  ASSERT_TRUE(bytes) << bytes.error().message;
  EXPECT_EQ(fake->subjects.count("money.proto"), 1u);
  const auto& stored = fake->subjects.at("payments-value").at(0).request;
  EXPECT_EQ(stored["references"][0]["name"], "money.proto");
  auto decoded = ProtobufDeserializer(client).deserialize(*bytes);
  ASSERT_TRUE(decoded) << decoded.error().message;
  EXPECT_EQ(decoded->message->GetDescriptor()->full_name(), "Payment");
}

TEST(ProtobufSerde, MalformedMessagesGiveTypedErrors) {
  auto client = testing::fake_client();
  auto schema = ProtobufSchema::parse(kProto);
  auto message = (*schema)->new_message((*schema)->message_named("com.acme.Order"));
  auto bytes = ProtobufSerializer(client).serialize("orders", *message);
  ASSERT_TRUE(bytes);
  ProtobufDeserializer deserializer(client);
  Bytes bad_path = *bytes;
  bad_path.resize(5);
  bad_path.insert(bad_path.end(), {0x02, 0x0A});  // path [5]: no such message
  EXPECT_EQ(deserializer.deserialize(bad_path).error().kind, ErrorKind::MalformedMessageIndex);
  Bytes bad_payload = *bytes;
  bad_payload.insert(bad_payload.end(), {0x0A, 0xFF});  // field 1 length-delimited past the end
  EXPECT_EQ(deserializer.deserialize(bad_payload).error().kind, ErrorKind::InvalidPayload);
  EXPECT_EQ(deserializer.deserialize(Bytes{0, 0, 0}).error().kind, ErrorKind::ShortBuffer);
}

}  // namespace
}  // namespace accord::serde
