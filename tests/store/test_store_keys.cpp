// The store's key layout and entry codecs: keys sort like the names and numbers they
// hold, a prefix never matches a longer name, entries round trip, and damaged bytes are
// an error, never a crash.
#include <gtest/gtest.h>

#include "store_keys.hpp"

namespace accord::store::keys {
namespace {

SchemaEntry schema_entry() {
  SchemaEntry entry;
  entry.schema.type = SchemaType::Protobuf;
  entry.schema.text = "syntax = \"proto3\"; message A { B b = 1; }";
  entry.schema.references = {{"b.proto", "b-value", VersionNumber{2}}};
  entry.schema.metadata = R"({"properties":{"owner":"team-a"}})";
  entry.identity = std::string("\x01\x02\x00\xff", 4);
  entry.guid = std::string("\x09\x5d\x71\xcf\x12\x55\x6b\x9d\x5e\x33\x0a\xd5\x75\xb3\xdf\x5d", 16);
  return entry;
}

TEST(StoreKeys, SchemaEntryRoundTrips) {
  const auto entry = schema_entry();
  auto decoded = decode_schema(encode_schema(entry));
  ASSERT_TRUE(decoded.has_value());
  EXPECT_EQ(decoded->schema, entry.schema);
  EXPECT_EQ(decoded->identity, entry.identity);
  EXPECT_EQ(decoded->guid, entry.guid);
}

TEST(StoreKeys, VersionEntryAndVariantsRoundTrip) {
  const VersionEntry version{SchemaId{42}, true, 1700000000000};
  auto decoded = decode_version(encode_version(version));
  ASSERT_TRUE(decoded.has_value());
  EXPECT_EQ(decoded->id, 42);
  EXPECT_TRUE(decoded->deleted);
  EXPECT_EQ(decoded->timestamp_ms, 1700000000000);
  const std::vector<std::string> variants{"key-a", std::string("k\0b", 3)};
  EXPECT_EQ(decode_variants(encode_variants(variants)), variants);
}

TEST(StoreKeys, DamagedEntriesAreRefused) {
  const auto bytes = encode_schema(schema_entry());
  for (std::size_t cut = 0; cut < bytes.size(); ++cut)
    EXPECT_FALSE(decode_schema(bytes.substr(0, cut)).has_value()) << "cut at " << cut;
  EXPECT_FALSE(decode_schema(bytes + "x").has_value());
  EXPECT_FALSE(decode_version("short").has_value());
  EXPECT_FALSE(decode_variants(std::string(8, '\xff')).has_value());
}

TEST(StoreKeys, VersionKeysSortByVersionWithinTheirSubject) {
  EXPECT_LT(version_key("a", VersionNumber{2}), version_key("a", VersionNumber{10}));
  EXPECT_LT(version_key("a", VersionNumber{255}), version_key("a", VersionNumber{256}));
  EXPECT_LT(version_key("a", VersionNumber{99}), version_key("ab", VersionNumber{1})) << "subjects in name order, each one's versions together";
  EXPECT_FALSE(version_key("ab", VersionNumber{1}).starts_with(version_prefix("a")));
  EXPECT_TRUE(version_key("a", VersionNumber{1}).starts_with(version_prefix("a")));
}

TEST(StoreKeys, NamesWithZeroBytesStayApart) {
  const std::string zero("a\0b", 3);
  EXPECT_FALSE(version_key(zero, VersionNumber{1}).starts_with(version_prefix("a")));
  EXPECT_LT(version_prefix("a"), version_prefix(zero));
  KeyReader reader(user_key(".ctx", SchemaId{7}, zero, VersionNumber{3}).substr(user_prefix(".ctx", SchemaId{7}).size()));
  EXPECT_EQ(reader.text(), zero);
  EXPECT_EQ(reader.number(), 3);
}

TEST(StoreKeys, ReaderStopsAtTruncatedKeys) {
  KeyReader reader(std::string("abc"));
  EXPECT_FALSE(reader.text().has_value());
  KeyReader number(std::string("\x01\x02", 2));
  EXPECT_FALSE(number.number().has_value());
}

}  // namespace
}  // namespace accord::store::keys
