#include "accord/serde/wire_format.hpp"

#include <gtest/gtest.h>

#include <random>

namespace accord::serde {
namespace {

TEST(WireFormat, HeaderIsMagicThenBigEndianId) {
  Bytes out;
  append_header(out, SchemaId{42});
  EXPECT_EQ(out, (Bytes{0, 0, 0, 0, 0x2A}));
  out.clear();
  append_header(out, SchemaId{0x01020304});
  EXPECT_EQ(out, (Bytes{0, 1, 2, 3, 4}));
}

TEST(WireFormat, GuidHeaderIsMagicOneThenTheSixteenBytes) {
  auto guid = guid_from_string("095d71cf-1255-6b9d-5e33-0ad575b3df5d");
  ASSERT_TRUE(guid);
  EXPECT_EQ(guid_to_string(*guid), "095d71cf-1255-6b9d-5e33-0ad575b3df5d");
  EXPECT_EQ(guid_from_string("095D71CF-1255-6B9D-5E33-0AD575B3DF5D"), guid);
  for (const char* bad : {"", "095d71cf12556b9d5e330ad575b3df5d", "095d71cf-1255-6b9d-5e33-0ad575b3df5g",
                          "095d71cf-1255-6b9d-5e33_0ad575b3df5d"})
    EXPECT_FALSE(guid_from_string(bad)) << bad;
  Bytes out;
  append_guid_header(out, *guid);
  ASSERT_EQ(out.size(), kGuidHeaderSize);
  EXPECT_EQ(out[0], 1);
  EXPECT_EQ(out[1], 0x09);
  EXPECT_EQ(out[16], 0x5d);
  out.push_back(0xAB);
  auto framed = read_header(out);
  ASSERT_TRUE(framed) << framed.error().message;
  EXPECT_EQ(framed->guid, guid);
  EXPECT_EQ(framed->schema_id, 0);
  EXPECT_EQ(framed->rest.size(), 1u);
  EXPECT_EQ(framed->rest[0], 0xAB);
  // An id header reads back without a GUID.
  Bytes by_id;
  append_header(by_id, SchemaRef{SchemaId{9}, std::nullopt});
  EXPECT_FALSE(read_header(by_id)->guid);
}

TEST(WireFormat, ShortGuidHeaderIsRefused) {
  Bytes message{1, 2, 3, 4, 5, 6};
  auto framed = read_header(message);
  ASSERT_FALSE(framed);
  EXPECT_EQ(framed.error().kind, ErrorKind::ShortBuffer);
}

TEST(WireFormat, MessagePathsMatchTheReferenceTable) {
  Bytes out;
  append_message_path(out, {0});
  EXPECT_EQ(out, (Bytes{0x00}));
  out.clear();
  append_message_path(out, {1});
  EXPECT_EQ(out, (Bytes{0x02, 0x02}));
  out.clear();
  append_message_path(out, {1, 0});
  EXPECT_EQ(out, (Bytes{0x04, 0x02, 0x00}));
}

TEST(WireFormat, ReadsBackHeaderAndPath) {
  Bytes message;
  append_header(message, SchemaId{7});
  append_message_path(message, {3, 200, 1});
  message.push_back(0xAB);
  auto framed = read_header(message);
  ASSERT_TRUE(framed) << framed.error().message;
  EXPECT_EQ(framed->schema_id, 7);
  auto path = read_message_path(framed->rest);
  ASSERT_TRUE(path) << path.error().message;
  EXPECT_EQ(path->path, (MessagePath{3, 200, 1}));
  ASSERT_EQ(path->payload.size(), 1u);
  EXPECT_EQ(path->payload[0], 0xAB);
}

TEST(WireFormat, CountZeroMeansFirstMessage) {
  const Bytes rest{0x00, 0x08, 0x01};
  auto path = read_message_path(rest);
  ASSERT_TRUE(path);
  EXPECT_EQ(path->path, (MessagePath{0}));
  EXPECT_EQ(path->payload.size(), 2u);
}

TEST(WireFormat, LargestIdSurvivesRoundTrip) {
  Bytes message;
  append_header(message, SchemaId{0x7FFFFFFF});
  auto framed = read_header(message);
  ASSERT_TRUE(framed);
  EXPECT_EQ(framed->schema_id, 0x7FFFFFFF);
  EXPECT_TRUE(framed->rest.empty());
}

TEST(WireFormat, WrongMagicByteIsNamed) {
  // 0 frames an id, 1 a GUID [8.0+]; anything else is not a serializer's.
  const Bytes message{2, 0, 0, 0, 1, 9};
  auto framed = read_header(message);
  ASSERT_FALSE(framed);
  EXPECT_EQ(framed.error().kind, ErrorKind::BadMagicByte);
  EXPECT_NE(framed.error().message.find("magic byte 2"), std::string::npos);
}

TEST(WireFormat, ShortBuffersAreNamed) {
  for (size_t size = 0; size < kHeaderSize; ++size) {
    const Bytes message(size, 0);
    auto framed = read_header(message);
    ASSERT_FALSE(framed) << size;
    EXPECT_EQ(framed.error().kind, ErrorKind::ShortBuffer) << size;
  }
}

TEST(WireFormat, TruncatedOrImpossiblePathsAreNamed) {
  const std::vector<Bytes> broken = {
      {},                  // nothing at all
      {0x80},              // varint continues past the end
      {0x04, 0x02},        // two indexes announced, one present
      {0x01},              // negative count (zig-zag 1 = -1)
      {0xFE, 0xFF, 0x03},  // count far larger than the buffer
      {0x02, 0x01},        // negative index
  };
  for (const auto& rest : broken) {
    auto path = read_message_path(rest);
    ASSERT_FALSE(path) << rest.size();
    EXPECT_EQ(path.error().kind, ErrorKind::MalformedMessageIndex);
  }
}

// Random buffers: every outcome is either a value whose views stay inside the input, or a
// typed error; sanitizers would flag anything else.
TEST(WireFormat, RandomInputsNeverEscapeTheBuffer) {
  std::mt19937 random(12345);
  for (int round = 0; round < 20000; ++round) {
    Bytes message(random() % 24);
    for (auto& byte : message) byte = static_cast<uint8_t>(random());
    if (round % 2 == 0 && !message.empty()) message[0] = 0;
    auto framed = read_header(message);
    if (!framed) {
      EXPECT_TRUE(framed.error().kind == ErrorKind::BadMagicByte || framed.error().kind == ErrorKind::ShortBuffer);
      continue;
    }
    EXPECT_EQ(framed->rest.data(), message.data() + (framed->guid ? kGuidHeaderSize : kHeaderSize));
    auto path = read_message_path(framed->rest);
    if (!path) {
      EXPECT_EQ(path.error().kind, ErrorKind::MalformedMessageIndex);
      continue;
    }
    EXPECT_FALSE(path->path.empty());
    EXPECT_GE(path->payload.data(), framed->rest.data());
    EXPECT_LE(path->payload.data() + path->payload.size(), framed->rest.data() + framed->rest.size());
  }
}

}  // namespace
}  // namespace accord::serde
