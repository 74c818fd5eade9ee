#include <gtest/gtest.h>
#include <google/protobuf/descriptor.h>
#include <google/protobuf/dynamic_message.h>

#include "proto_test_support.hpp"

namespace accord::formats {
namespace {

using testing::parse_ok;

const char* kSchema = R"(syntax = "proto3";
package shop;
message Order {
  map<string, int32> counts = 1;
  message Line { string sku = 1; }
  message Note { string text = 1; }
  repeated Line lines = 2;
}
message Refund { int64 amount = 1; }
)";

std::vector<int> indexes_of(const ParsedSchema& schema, std::string_view name) {
  auto indexes = protobuf_message_indexes(schema, name);
  EXPECT_TRUE(indexes.ok()) << name;
  return indexes.ok() ? *indexes : std::vector<int>{};
}

TEST(ProtobufMessageIndexes, PathsSkipMapEntries) {
  auto schema = parse_ok(kSchema);
  ASSERT_TRUE(schema);
  EXPECT_EQ(indexes_of(*schema, "shop.Order"), (std::vector<int>{0}));
  EXPECT_EQ(indexes_of(*schema, "shop.Refund"), (std::vector<int>{1}));
  EXPECT_EQ(indexes_of(*schema, ".shop.Order.Line"), (std::vector<int>{0, 0}));
  EXPECT_EQ(indexes_of(*schema, "shop.Order.Note"), (std::vector<int>{0, 1}));
}

TEST(ProtobufMessageIndexes, NamesFromPaths) {
  auto schema = parse_ok(kSchema);
  ASSERT_TRUE(schema);
  const std::vector<int> nested = {0, 1};
  EXPECT_EQ(*protobuf_message_name(*schema, nested), "shop.Order.Note");
  EXPECT_EQ(*protobuf_message_name(*schema, std::vector<int>{}), "shop.Order");  // empty means [0]
  EXPECT_EQ(*protobuf_message_name(*schema, std::vector<int>{1}), "shop.Refund");
  EXPECT_FALSE(protobuf_message_name(*schema, std::vector<int>{2}).ok());
  EXPECT_FALSE(protobuf_message_indexes(*schema, "shop.Missing").ok());
}

TEST(ProtobufMessageIndexes, DescriptorBuildsDynamicMessages) {
  std::shared_ptr<const google::protobuf::FileDescriptor> file;
  {
    auto schema = parse_ok(kSchema);
    ASSERT_TRUE(schema);
    file = protobuf_file_descriptor(schema);
  }
  // The shared descriptor keeps the schema's pool alive after the schema handle is gone.
  ASSERT_TRUE(file);
  const auto* refund = file->FindMessageTypeByName("Refund");
  ASSERT_NE(refund, nullptr);
  google::protobuf::DynamicMessageFactory factory(file->pool());
  std::unique_ptr<google::protobuf::Message> message(factory.GetPrototype(refund)->New());
  message->GetReflection()->SetInt64(message.get(), refund->FindFieldByName("amount"), 42);
  EXPECT_EQ(message->SerializeAsString(), std::string("\x08\x2a", 2));
}

}  // namespace
}  // namespace accord::formats
