// The persisted entry format: both formats decode, a SCHEMA entry's decoded form round
// trips, and damaged bytes are an error, never a crash.
#include <gtest/gtest.h>

#include "store_keys.hpp"

namespace accord::store::keys {
namespace {

void put_u64(std::string& out, uint64_t v) {
  for (int i = 7; i >= 0; --i) out.push_back(static_cast<char>(v >> (i * 8)));
}

PersistedRecord schema_record() {
  DecodedSchema decoded;
  decoded.value.subject = "orders-value";
  decoded.value.version = 3;
  decoded.value.id = 42;
  decoded.value.deleted = true;
  decoded.value.schema.type = SchemaType::Protobuf;
  decoded.value.schema.text = "syntax = \"proto3\"; message A { B b = 1; }";
  decoded.value.schema.references = {{"b.proto", "b-value", 2}};
  decoded.value.schema.metadata = R"({"properties":{"owner":"team-a"}})";
  decoded.identity = std::string("\x01\x02\x00\xff", 4);
  decoded.guid = std::string("\x09\x5d\x71\xcf\x12\x55\x6b\x9d\x5e\x33\x0a\xd5\x75\xb3\xdf\x5d", 16);
  return PersistedRecord{{"key-a", "key-b"}, 1700000000000, R"({"subject":"orders-value"})", decoded};
}

TEST(StoreKeys, SchemaEntryRoundTrips) {
  const auto record = schema_record();
  auto decoded = decode_persisted(encode_persisted(record));
  ASSERT_TRUE(decoded.ok()) << decoded.error().message;
  EXPECT_EQ(decoded->key_variants, record.key_variants);
  EXPECT_EQ(decoded->timestamp_ms, record.timestamp_ms);
  EXPECT_EQ(decoded->value, record.value);
  ASSERT_TRUE(decoded->schema.has_value());
  EXPECT_EQ(decoded->schema->value, record.schema->value);
  EXPECT_EQ(decoded->schema->identity, record.schema->identity);
  EXPECT_EQ(decoded->schema->guid, record.schema->guid);
}

TEST(StoreKeys, SchemaEntryWrittenBeforeGuidsDecodesWithoutOne) {
  auto record = schema_record();
  record.schema->guid.clear();
  auto bytes = encode_persisted(record);
  bytes.resize(bytes.size() - 8);  // the entry as written before GUIDs: no trailing GUID field
  auto decoded = decode_persisted(bytes);
  ASSERT_TRUE(decoded.ok()) << decoded.error().message;
  ASSERT_TRUE(decoded->schema.has_value());
  EXPECT_EQ(decoded->schema->identity, record.schema->identity);
  EXPECT_TRUE(decoded->schema->guid.empty());
}

TEST(StoreKeys, EntryWithoutDecodedSchemaRoundTrips) {
  PersistedRecord record{{"k"}, 5, "{\"compatibilityLevel\":\"FULL\"}", std::nullopt};
  auto decoded = decode_persisted(encode_persisted(record));
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(decoded->value, record.value);
  EXPECT_FALSE(decoded->schema.has_value());
}

TEST(StoreKeys, FirstFormatEntriesStillDecode) {
  // Key count, (length, key)*, timestamp, then the value up to the end; no marker byte.
  std::string bytes;
  put_u64(bytes, 1);
  put_u64(bytes, 3);
  bytes += "key";
  put_u64(bytes, 77);
  bytes += "{\"v\":1}";
  auto decoded = decode_persisted(bytes);
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(decoded->key_variants, std::vector<std::string>{"key"});
  EXPECT_EQ(decoded->timestamp_ms, 77);
  EXPECT_EQ(decoded->value, "{\"v\":1}");
  EXPECT_FALSE(decoded->schema.has_value());
}

TEST(StoreKeys, EveryTruncationIsAnErrorOrAShorterValidEntry) {
  const auto record = schema_record();
  const std::string bytes = encode_persisted(record);
  // Cut right before the GUID field: the entry as written before GUIDs, valid and shorter.
  const std::size_t without_guid = bytes.size() - 8 - record.schema->guid.size();
  for (std::size_t size = 0; size < bytes.size(); ++size) {
    auto decoded = decode_persisted(std::string_view(bytes).substr(0, size));
    if (size == without_guid) {
      ASSERT_TRUE(decoded.ok()) << decoded.error().message;
      EXPECT_EQ(decoded->schema->value, record.schema->value);
      EXPECT_TRUE(decoded->schema->guid.empty());
      continue;
    }
    EXPECT_FALSE(decoded.ok()) << "a truncation to " << size << " bytes decoded";
  }
}

TEST(StoreKeys, AnUnknownSchemaTypeIsAnError) {
  std::string bytes = encode_persisted(schema_record());
  const auto type_at = bytes.find("syntax") - 8 - 1;  // type byte precedes the text's length
  ASSERT_EQ(bytes[type_at], static_cast<char>(SchemaType::Protobuf));
  bytes[type_at] = 9;
  EXPECT_FALSE(decode_persisted(bytes).ok());
}

}  // namespace
}  // namespace accord::store::keys
