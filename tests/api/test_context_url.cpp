// Confluent's context URL prefix: /contexts/{ctx}/... addresses that context's subjects.
#include <gtest/gtest.h>

#include "accord/api/context_url.hpp"
#include "request_for.hpp"

namespace accord::api {
namespace {

Request rewritten(const std::string& method, const std::string& target) {
  auto request = request_for(method, target);
  EXPECT_TRUE(apply_context_url(request)) << target;
  return request;
}

std::vector<std::string> segments(const std::string& target) { return rewritten("GET", target).segments; }

using Segments = std::vector<std::string>;

TEST(ContextUrl, QualifiesTheSubjectOfEverySubjectPath) {
  EXPECT_EQ(segments("/contexts/.team-a/subjects/orders-value/versions"),
            (Segments{"subjects", ":.team-a:orders-value", "versions"}));
  EXPECT_EQ(segments("/contexts/.team-a/subjects/orders-value/versions/latest/schema"),
            (Segments{"subjects", ":.team-a:orders-value", "versions", "latest", "schema"}));
  EXPECT_EQ(segments("/contexts/.team-a/compatibility/subjects/orders-value/versions/1"),
            (Segments{"compatibility", "subjects", ":.team-a:orders-value", "versions", "1"}));
  EXPECT_EQ(segments("/contexts/.team-a/subjects/orders-value/"), (Segments{"subjects", ":.team-a:orders-value"}));
  // The name may come without its dot, or qualified.
  EXPECT_EQ(segments("/contexts/team-a/subjects/x"), (Segments{"subjects", ":.team-a:x"}));
  EXPECT_EQ(segments("/contexts/:.team-a:/subjects/x"), (Segments{"subjects", ":.team-a:x"}));
}

TEST(ContextUrl, AnAlreadyQualifiedSubjectKeepsItsContext) {
  EXPECT_EQ(segments("/contexts/.team-a/subjects/:.other:x/versions"), (Segments{"subjects", ":.other:x", "versions"}));
  EXPECT_EQ(segments("/contexts/.team-a/subjects/%3A.other%3Ax"), (Segments{"subjects", ":.other:x"}));
}

TEST(ContextUrl, ConfigAndModeOfTheContextAndOfItsSubjects) {
  EXPECT_EQ(segments("/contexts/.team-a/config"), (Segments{"config", ":.team-a:"}));
  EXPECT_EQ(segments("/contexts/.team-a/mode"), (Segments{"mode", ":.team-a:"}));
  EXPECT_EQ(segments("/contexts/.team-a/config/orders-value"), (Segments{"config", ":.team-a:orders-value"}));
  EXPECT_EQ(rewritten("PUT", "/contexts/.team-a/mode/orders-value").segments,
            (Segments{"mode", ":.team-a:orders-value"}));
}

TEST(ContextUrl, TheDefaultContextChangesNothing) {
  EXPECT_EQ(segments("/contexts/./subjects/x/versions"), (Segments{"subjects", "x", "versions"}));
  EXPECT_EQ(segments("/contexts/./config"), (Segments{"config"}));
  EXPECT_TRUE(rewritten("GET", "/contexts/./subjects").query.empty());
}

TEST(ContextUrl, QueryParametersNamingSubjects) {
  auto by_id = rewritten("GET", "/contexts/.team-a/schemas/ids/7");
  EXPECT_EQ(by_id.segments, (Segments{"schemas", "ids", "7"}));
  EXPECT_EQ(by_id.param("subject"), ":.team-a:");
  EXPECT_EQ(rewritten("GET", "/contexts/.team-a/schemas/ids/7/versions?subject=orders").param("subject"),
            ":.team-a:orders");
  EXPECT_EQ(rewritten("GET", "/contexts/.team-a/subjects").param("subjectPrefix"), ":.team-a:");
  EXPECT_EQ(rewritten("GET", "/contexts/.team-a/schemas?subjectPrefix=ord").param("subjectPrefix"), ":.team-a:ord");
  EXPECT_EQ(rewritten("GET", "/contexts/.team-a/subjects?subjectPrefix=:*:").param("subjectPrefix"), ":*:");
}

TEST(ContextUrl, OtherPathsAreLeftAlone) {
  EXPECT_EQ(segments("/subjects/x/versions"), (Segments{"subjects", "x", "versions"}));
  EXPECT_EQ(segments("/contexts"), (Segments{"contexts"}));
  EXPECT_EQ(rewritten("DELETE", "/contexts/.team-a").segments, (Segments{"contexts", ".team-a"}));
  EXPECT_EQ(segments("/accord/v1/contexts/x/y"), (Segments{"accord", "v1", "contexts", "x", "y"}));
}

TEST(ContextUrl, AContextNameWithAColonIsABadRequest) {
  Request request;
  ASSERT_TRUE(parse_target("/contexts/a:b/subjects/x", request));
  auto status = apply_context_url(request);
  ASSERT_FALSE(status);
  EXPECT_EQ(static_cast<int>(status.error().code), 400);
  EXPECT_EQ(status.error().message, "Context name 'a:b' cannot contain a colon");
}

}  // namespace
}  // namespace accord::api
