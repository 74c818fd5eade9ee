#include <gtest/gtest.h>

#include "accord/api/request.hpp"

namespace accord::api {
namespace {

using Segments = std::vector<std::string>;

Request parsed(std::string_view target) {
  Request r;
  EXPECT_TRUE(parse_target(target, r)) << target;
  return r;
}

TEST(ParseTarget, SplitsAndDecodesSegments) {
  EXPECT_EQ(parsed("/").segments, Segments{});
  EXPECT_EQ(parsed("/subjects").segments, Segments{"subjects"});
  EXPECT_EQ(parsed("/subjects/").segments, Segments{"subjects"});
  EXPECT_EQ(parsed("/subjects/a%2Fb/versions").segments, (Segments{"subjects", "a/b", "versions"}));
  EXPECT_EQ(parsed("/subjects/a+b%20c").segments, (Segments{"subjects", "a+b c"}));
  EXPECT_EQ(parsed("/subjects//versions").segments, (Segments{"subjects", "", "versions"}));
  EXPECT_EQ(parsed("/subjects/:.ctx:name").segments, (Segments{"subjects", ":.ctx:name"}));
  EXPECT_EQ(parsed("/subjects/a%2Fb/versions?x=1").path, "/subjects/a%2Fb/versions");
}

TEST(ParseTarget, DecodesQuery) {
  Request r = parsed("/subjects?deleted=true&subjectPrefix=a%2Fb+c&flag&empty=&&x=1&x=2");
  EXPECT_EQ(r.param("deleted"), "true");
  EXPECT_EQ(r.param("subjectPrefix"), "a/b c");
  EXPECT_EQ(r.param("flag"), "");
  EXPECT_EQ(r.param("empty"), "");
  EXPECT_EQ(r.param("x"), "2");
  EXPECT_EQ(r.query.count("x"), 2u);
  EXPECT_EQ(r.param("missing"), std::nullopt);
}

TEST(ParseTarget, RejectsMalformedTargets) {
  for (const char* target : {"", "subjects", "*", "http://h/subjects", "/a%2", "/a%zz", "/a?x=%", "/a?%g1=1"}) {
    Request r;
    EXPECT_FALSE(parse_target(target, r)) << target;
  }
}

TEST(RequestAccessors, FlagIsTrueOnlyForTrue) {
  Request r = parsed("/x?a=true&b=TRUE&c=1&d=yes&e=truex");
  EXPECT_TRUE(r.flag("a"));
  EXPECT_TRUE(r.flag("b"));
  EXPECT_FALSE(r.flag("c"));
  EXPECT_FALSE(r.flag("d"));
  EXPECT_FALSE(r.flag("e"));
  EXPECT_FALSE(r.flag("missing"));
}

TEST(RequestAccessors, HeaderByLowerCaseName) {
  Request r;
  r.headers["content-type"] = "application/json";
  EXPECT_EQ(r.header("content-type"), "application/json");
  EXPECT_EQ(r.header("accept"), std::nullopt);
}

}  // namespace
}  // namespace accord::api
