#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <iterator>
#include <sstream>

#include "accord/cli/config.hpp"

namespace accord::cli {
namespace {

Config parse(const std::string& text) {
  auto config = Config::parse_properties(text);
  EXPECT_TRUE(config.ok()) << (config.ok() ? "" : config.error().message);
  return config.ok() ? *config : Config{};
}

TEST(Properties, SeparatorsEqualsColonAndWhitespace) {
  Config c = parse("a=1\nb: 2\nc 3\nd\t=\t4\ne:=5\n");
  EXPECT_EQ(c.get("a"), "1");
  EXPECT_EQ(c.get("b"), "2");
  EXPECT_EQ(c.get("c"), "3");
  EXPECT_EQ(c.get("d"), "4");
  EXPECT_EQ(c.get("e"), "=5");  // only one separator is consumed, as in Java
}

TEST(Properties, CommentsAndBlankLinesAreSkipped) {
  Config c = parse("# a comment\n! another\n\n   # indented comment\nkey=value # not a comment\n");
  EXPECT_EQ(c.values().size(), 1u);
  EXPECT_EQ(c.get("key"), "value # not a comment");
}

TEST(Properties, KeysAndValuesAreTrimmed) {
  Config c = parse("   listeners   =   http://0.0.0.0:8081   \r\n");
  EXPECT_EQ(c.get("listeners"), "http://0.0.0.0:8081");
}

TEST(Properties, EmptyValueAndKeyWithoutValue) {
  Config c = parse("empty=\nalone\n");
  EXPECT_EQ(c.get("empty"), "");
  EXPECT_EQ(c.get("alone"), "");
}

TEST(Properties, BackslashContinuationJoinsLinesWithoutLeadingWhitespace) {
  Config c = parse("servers=a:9092,\\\n        b:9092,\\\n        c:9092\nnext=1\n");
  EXPECT_EQ(c.get("servers"), "a:9092,b:9092,c:9092");
  EXPECT_EQ(c.get("next"), "1");
}

TEST(Properties, EvenNumberOfBackslashesDoesNotContinue) {
  Config c = parse("path=C:\\\\\nnext=1\n");
  EXPECT_EQ(c.get("path"), "C:\\");
  EXPECT_EQ(c.get("next"), "1");
}

TEST(Properties, ContinuationAtEndOfText) {
  Config c = parse("k=a\\");
  EXPECT_EQ(c.get("k"), "a");
}

TEST(Properties, EscapesInKeysAndValues) {
  Config c = parse("a\\=b=c\\td\nkey\\:x : \\u0041\\u00e9\n");
  EXPECT_EQ(c.get("a=b"), "c\td");
  EXPECT_EQ(c.get("key:x"), "A\xc3\xa9");
}

TEST(Properties, LaterValueWins) {
  Config c = parse("k=1\nk=2\n");
  EXPECT_EQ(c.get("k"), "2");
}

TEST(Properties, MalformedUnicodeEscapeIsAnErrorNamingTheLine) {
  auto c = Config::parse_properties("ok=1\nbad=\\u12x4\n");
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.error().message.find("line 2"), std::string::npos) << c.error().message;
}

TEST(Properties, LoadFileReadsAFile) {
  std::string path = testing::TempDir() + "/accord_config_test.properties";
  {
    std::ofstream out(path);
    out << "kafkastore.topic=_other\n";
  }
  auto c = Config::load_file(path);
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->get("kafkastore.topic"), "_other");
  std::remove(path.c_str());
}

TEST(Properties, LoadFileOfMissingFileIsAnErrorNamingThePath) {
  auto c = Config::load_file("/nonexistent/dir/accord.properties");
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.error().message.find("/nonexistent/dir/accord.properties"), std::string::npos);
}

}  // namespace
}  // namespace accord::cli

namespace accord::cli {
namespace {

TEST(ExampleConfig, DocumentsEveryKnownKeyWithItsDefault) {
  std::ifstream file(std::string(ACCORD_SOURCE_DIR) + "/config/accord.properties");
  ASSERT_TRUE(file.good());
  std::string text((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  for (const auto& doc : known_keys()) {
    EXPECT_NE(text.find("#" + doc.key + "=" + doc.default_value + "\n"), std::string::npos) << doc.key;
  }
  // Uncommented, the example is a valid file with exactly the defaults.
  std::string uncommented;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("#", 0) == 0 && line.find('=') != std::string::npos && line.find(' ') == std::string::npos) {
      line.erase(0, 1);
    }
    uncommented += line + "\n";
  }
  auto parsed = Config::parse_properties(uncommented);
  ASSERT_TRUE(parsed.ok());
  for (const auto& doc : known_keys()) EXPECT_EQ(parsed->get(doc.key), doc.default_value) << doc.key;
}

}  // namespace
}  // namespace accord::cli
