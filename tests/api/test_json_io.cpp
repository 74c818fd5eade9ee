// Every JSON answer is written by append_json: its own writing of ASCII strings must give
// nlohmann's bytes exactly, and everything else is nlohmann's.
#include <gtest/gtest.h>

#include <string>

#include "json_io.hpp"

namespace accord::api {
namespace {

std::string nlohmanns(const Json& value) { return value.dump(-1, ' ', false, Json::error_handler_t::replace); }

std::string written(const Json& value) {
  std::string out = "prefix:";
  append_json(out, value);
  return out.substr(7);
}

TEST(AppendJson, WritesWhatNlohmannWrites) {
  std::string every_ascii_byte;
  for (int c = 0; c < 0x80; ++c) every_ascii_byte.push_back(static_cast<char>(c));
  const Json values[] = {
      nullptr,
      true,
      false,
      0,
      -1,
      Json(static_cast<uint64_t>(18446744073709551615ull)),
      Json(static_cast<int64_t>(-9223372036854775807ll - 1)),
      0.1,
      -0.0,
      1e300,
      "",
      every_ascii_byte,
      R"({"type":"record","name":"R","fields":[{"name":"a\"b","type":"string","doc":"tab\there"}]})",
      "caf\xc3\xa9 \xe2\x82\xac",  // UTF-8
      "bad \xff\xfe bytes \xc3",   // not UTF-8: replaced
      std::string("nul\0inside", 10),
      Json::array(),
      Json::object(),
      Json::array({1, "two", Json::array({Json::object()}), nullptr}),
      Json{{"schema", "{\"type\":\"string\"}"}, {"guid", "1-2"}, {"schemaType", "AVRO"}, {"ke\x01y", 1}},
      Json{{"z", 1}, {"a", Json{{"nested", Json::array({0.5, "\x7f"})}}}, {"\xc3\xa9", "\xff"}},
      Json::binary({1, 2, 3}),
  };
  for (const auto& value : values) EXPECT_EQ(written(value), nlohmanns(value)) << nlohmanns(value);
}

TEST(AppendJson, KeepsTheOrderMembersWereAdded) {
  Json ordered;
  ordered["schema"] = "s";
  ordered["guid"] = "g";
  ordered["schemaType"] = "AVRO";
  EXPECT_EQ(written(ordered), R"({"schema":"s","guid":"g","schemaType":"AVRO"})");
}

}  // namespace
}  // namespace accord::api
