// parse_json gives what nlohmann's own parse gives, for every text: the same document (values,
// number kinds, key order, repeated keys) when the text is JSON, the same exception and
// message when it is not.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "accord/model/json_parse.hpp"

namespace accord {
namespace {

using Json = nlohmann::json;
using Ordered = nlohmann::ordered_json;

// Texts that are JSON, chosen where two parsers could differ.
const std::vector<std::string>& valid_texts() {
  static const std::vector<std::string> texts{
      R"({"type":"record","name":"Event","fields":[{"name":"id","type":"string"},{"name":"n","type":["null","long"],"default":null}]})",
      R"(  {"b": 1, "a": 2, "c": {"z": [], "y": {}}}  )",
      R"({"a":1,"b":2,"a":3})",                             // a repeated key
      R"({"a":{"x":1},"b":[1,2],"a":[true,false,null]})",   // a repeated key holding a container
      R"("just a string")", "true", "false", "null", "0", "-0", "0.0", "-0.0",
      "9223372036854775807", "-9223372036854775808",        // int64's ends
      "18446744073709551615",                               // uint64's end
      "18446744073709551616", "-9223372036854775809",       // beyond them: doubles
      "1e10", "1E+2", "-1.5e-3", "3.141592653589793", "0.1", "123456789012345678901234567890",
      "2.2250738585072014e-308", "1.7976931348623157e308",
      R"(["\u00e9\u4e2d\ud83d\ude00", "\"\\\/\b\f\n\r\t", "é中😀", "\u0001"])",
      R"({"":"", "k\u0000ey": "v\u0000alue"})",             // escaped NULs are characters
      std::string(40, '[') + std::string(40, ']'),
      "[1,\n\t2\r ,3]", "{}", "[]",
  };
  return texts;
}

// Texts that are not JSON, or that nlohmann reads differently from a plain lexer.
const std::vector<std::string>& invalid_texts() {
  static const std::vector<std::string> texts{
      "", " ", "{", "}", "[1,]", R"({"a":1,})", "{'a':1}", R"({"a" 1})", "01", "1.", ".5", "-", "+1",
      "1e", "NaN", "Infinity", "tru", "nul", R"("unterminated)", R"("bad \x escape")", "[1] [2]",
      "{} x", "1e400", "-1e400",
      "\"tab\tinside\"",                                    // an unescaped control character
      "\"\xff\"", "\"\xc0\xaf\"", "\"\xed\xa0\x80\"",       // invalid and overlong UTF-8, a raw surrogate
      R"("\ud800")", R"("\udc00")", R"("\ud800\u0041")",   // lone and broken surrogate escapes
      std::string("{\"a\":1}\0", 8), std::string("[1,\0 2]", 7),  // a NUL byte
      "// comment\n{}", "\xef\xbb\xbf{}",                  // a comment; a byte order mark
  };
  return texts;
}

template <class J>
void expect_same_document(const std::string& text) {
  SCOPED_TRACE(text);
  const J expected = J::parse(text);
  const J parsed = parse_json<J>(text);
  EXPECT_EQ(parsed, expected);
  EXPECT_EQ(parsed.dump(), expected.dump());  // key order and number spelling too
  EXPECT_EQ(parsed.type(), expected.type());
  EXPECT_EQ(parse_json_or_discarded<J>(text), expected);
}

template <class J>
void expect_same_refusal(const std::string& text) {
  SCOPED_TRACE(text);
  std::string expected;
  try {
    const J ignored = J::parse(text);
  } catch (const typename J::exception& e) {
    expected = e.what();
  }
  std::string refused;
  try {
    const J ignored = parse_json<J>(text);
  } catch (const typename J::exception& e) {
    refused = e.what();
  }
  EXPECT_EQ(refused, expected);
  EXPECT_EQ(parse_json_or_discarded<J>(text).is_discarded(), J::parse(text, nullptr, false).is_discarded());
}

TEST(JsonParse, GivesNlohmannsDocumentForEveryJsonText) {
  for (const auto& text : valid_texts()) {
    expect_same_document<Json>(text);
    expect_same_document<Ordered>(text);
  }
}

TEST(JsonParse, NumbersKeepNlohmannsKinds) {
  EXPECT_TRUE(parse_json<Json>("5").is_number_unsigned());
  EXPECT_TRUE(parse_json<Json>("-5").is_number_integer());
  EXPECT_FALSE(parse_json<Json>("-5").is_number_unsigned());
  EXPECT_TRUE(parse_json<Json>("5.0").is_number_float());
  EXPECT_TRUE(parse_json<Json>("18446744073709551616").is_number_float());
  EXPECT_EQ(parse_json<Ordered>(R"({"b":1,"a":2,"b":3})").dump(), R"({"b":3,"a":2})");
}

TEST(JsonParse, RefusesWhatNlohmannRefusesWithItsMessage) {
  for (const auto& text : invalid_texts()) {
    expect_same_refusal<Json>(text);
    expect_same_refusal<Ordered>(text);
  }
}

TEST(JsonParse, ADeepDocumentDoesNotExhaustTheStack) {
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  EXPECT_EQ(parse_json<Json>(deep), Json::parse(deep));
}

}  // namespace
}  // namespace accord
