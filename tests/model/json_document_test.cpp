// read_json_document: the Avro parser reads schema JSON with RapidJSON; what it keeps of it
// must be what nlohmann's parse (parse_json, which the rest of the registry uses) gives: the
// same values, number kinds, key order and repeated-key rule, and the same message when the
// text is not JSON.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "accord/model/json_document.hpp"
#include "accord/model/json_parse.hpp"

namespace accord {

using Json = nlohmann::ordered_json;

namespace {

// Schema-shaped texts where the two readings could part.
const std::vector<std::string>& json_texts() {
  static const std::vector<std::string> texts{
      R"({"type":"record","name":"R","fields":[{"name":"a","type":"int","default":7}]})",
      R"({"type":"fixed","name":"F","size":16,"x-note":{"b":1,"a":[1.5,-2,"s",null,true]}})",
      R"({"type":"record","name":"R","name":"S","fields":[]})",            // a repeated key
      R"({"k":{"x":1},"j":[1],"k":[false]})",                             // ... holding a container
      R"({"n":[0,0.0,-0.0,1e2,-1,9223372036854775807,-9223372036854775808]})",
      R"({"n":[18446744073709551615,18446744073709551616,-9223372036854775809]})",
      R"({"d":[0.1,3.141592653589793,2.2250738585072014e-308,1.7976931348623157e308]})",
      R"({"d":[1e-400,4.9e-324,1E-330,2.4703282292062328e-324,123456789012345678901234567890]})",
      // A zero significand with a large exponent (RapidJSON 1.1.0's exact conversion fails on
      // these: fuzz_json_parse found "0e041").
      R"({"z":[0e041,0e308,-0E+400,0.0e-400,0.000000000000000000000000000000,10e5]})",
      R"({"doc":"\u00e9\u4e2d\ud83d\ude00 \"\\\/\b\f\n\r\t \u0001"})",        // escapes
      R"({"doc":"é中😀","k\u0000ey":"v\u0000alue"})",                       // UTF-8, escaped NULs
      "\t{ \"type\" :\n\"string\" }\r\n",
      std::string(30, '[') + std::string(30, ']'),
      std::string("{\"a\":1}\0", 8),  // nlohmann stops at a NUL byte after the value
      "\xef\xbb\xbf{\"type\":\"int\"}",   // ... and skips a byte order mark
      R"("string")", "[]", "{}", "0", "null",
  };
  return texts;
}

const std::vector<std::string>& not_json_texts() {
  static const std::vector<std::string> texts{
      "", "{", R"({"type":"record",})", "{'type':'int'}", "01", "1.", "NaN", "[1] [2]",
      R"({"size":1e400})", "\"\xff\"", "\"\xed\xa0\x80\"", R"("\udc00")", R"("\ud800\u0041")",
      "\"tab\tinside\"",
  };
  return texts;
}

// Every value's kind, in document order: `==` and dump() do not tell 7 from 7u.
std::string kinds(const Json& value) {
  std::string out(1, static_cast<char>('a' + static_cast<int>(value.type())));
  if (value.is_structured())
    for (const auto& item : value) out += kinds(item);
  return out;
}

TEST(JsonDocument, HoldsWhatNlohmannReads) {
  for (const auto& text : json_texts()) {
    SCOPED_TRACE(text);
    const Json expected = parse_json<Json>(text);
    rapidjson::Document document;
    ASSERT_EQ(read_json_document(text, document), std::nullopt);
    const Json read = to_ordered_json(document);
    EXPECT_EQ(read, expected);
    EXPECT_EQ(read.dump(), expected.dump());  // key order and number spelling too
    EXPECT_EQ(kinds(read), kinds(expected));
  }
}

TEST(JsonDocument, MinusZeroIsTheIntegerZero) {
  // The one difference: RapidJSON keeps no sign on an integer zero, so -0 reads as 0u where
  // nlohmann reads 0. Equal, printed alike ("0", as Jackson prints it), and valid alike.
  rapidjson::Document document;
  ASSERT_EQ(read_json_document("[-0]", document), std::nullopt);
  const Json read = to_ordered_json(document);
  EXPECT_EQ(read, parse_json<Json>("[-0]"));
  EXPECT_EQ(read.dump(), "[0]");
}

TEST(JsonDocument, ARepeatedKeyIsReadOnceAtItsFirstPositionWithItsLastValue) {
  // The parser looks members up in the document itself: it must not see the first value.
  rapidjson::Document document;
  ASSERT_EQ(read_json_document(R"({"name":"R","type":"record","name":"S","fields":[]})", document), std::nullopt);
  ASSERT_EQ(document.MemberCount(), 3u);
  EXPECT_EQ(std::string(document.MemberBegin()->name.GetString()), "name");
  EXPECT_EQ(std::string(document.MemberBegin()->value.GetString()), "S");
}

TEST(JsonDocument, RefusesWithNlohmannsMessage) {
  for (const auto& text : not_json_texts()) {
    SCOPED_TRACE(text);
    std::string expected;
    try {
      parse_json<Json>(text);
    } catch (const Json::exception& e) {
      expected = e.what();
    }
    ASSERT_FALSE(expected.empty());
    rapidjson::Document document;
    EXPECT_EQ(read_json_document(text, document), expected);
  }
}

TEST(JsonDocument, ConvertsDeepValuesWithoutRecursion) {
  // A custom property is the sender's to nest: converting it must not use the stack per level.
  const std::string text = "{\"x\":" + std::string(200000, '[') + std::string(200000, ']') + "}";
  rapidjson::Document document;
  ASSERT_EQ(read_json_document(text, document), std::nullopt);
  const Json converted = to_ordered_json(document);
  const Json* inner = &converted["x"];
  int depth = 0;
  while (inner->is_array() && !inner->empty()) inner = &(*inner)[0], ++depth;
  EXPECT_EQ(depth, 199999);
}

}  // namespace
}  // namespace accord
