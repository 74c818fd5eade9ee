// Subject aliases as Confluent's AliasFilter applies them: before routing, reads and writes.
#include <gtest/gtest.h>

#include <map>

#include "accord/api/subject_alias.hpp"
#include "request_for.hpp"

namespace accord::api {
namespace {

const std::map<std::string, std::string> kAliases = {
    {"short", "orders-value"}, {":.team-a:short", "orders-value"}, {"cross", ":.team-b:orders-value"},
    {"orders-value", "second-hop"}, {"empty", ""}};

std::optional<std::string> lookup(const std::string& subject) {
  auto it = kAliases.find(subject);
  return it == kAliases.end() ? std::nullopt : std::optional(it->second);
}

Request rewritten(const std::string& method, const std::string& target) {
  auto request = request_for(method, target);
  apply_subject_alias(request, lookup);
  return request;
}

using Segments = std::vector<std::string>;

TEST(SubjectAlias, EverySubjectPathFollowsTheAliasOneHop) {
  EXPECT_EQ(rewritten("GET", "/subjects/short/versions/latest").segments,
            (Segments{"subjects", "orders-value", "versions", "latest"}));
  // Writes too: registering under the alias registers under the target.
  EXPECT_EQ(rewritten("POST", "/subjects/short/versions").segments, (Segments{"subjects", "orders-value", "versions"}));
  EXPECT_EQ(rewritten("DELETE", "/subjects/short").segments, (Segments{"subjects", "orders-value"}));
  EXPECT_EQ(rewritten("POST", "/compatibility/subjects/short/versions/latest").segments,
            (Segments{"compatibility", "subjects", "orders-value", "versions", "latest"}));
  // The target's own alias is not followed.
  EXPECT_EQ(rewritten("GET", "/subjects/orders-value/versions").segments,
            (Segments{"subjects", "second-hop", "versions"}));
}

TEST(SubjectAlias, ConfigAndModeStayOnTheAlias) {
  EXPECT_EQ(rewritten("PUT", "/config/short").segments, (Segments{"config", "short"}));
  EXPECT_EQ(rewritten("DELETE", "/mode/short").segments, (Segments{"mode", "short"}));
  EXPECT_EQ(rewritten("GET", "/subjects/empty/versions").segments, (Segments{"subjects", "empty", "versions"}));
  EXPECT_EQ(rewritten("GET", "/subjects/other/versions").segments, (Segments{"subjects", "other", "versions"}));
}

TEST(SubjectAlias, ContextsOfAliasAndTarget) {
  EXPECT_EQ(alias_target(":.team-a:short", "orders-value"), ":.team-a:orders-value");
  EXPECT_EQ(alias_target("short", ":.team-b:orders-value"), ":.team-b:orders-value");
  EXPECT_EQ(alias_target(":.:short", "orders-value"), "orders-value");
  EXPECT_EQ(rewritten("GET", "/subjects/:.team-a:short/versions").segments,
            (Segments{"subjects", ":.team-a:orders-value", "versions"}));
  EXPECT_EQ(rewritten("GET", "/subjects/cross").segments, (Segments{"subjects", ":.team-b:orders-value"}));
}

TEST(SubjectAlias, TheSubjectParameterOfSchemaIds) {
  EXPECT_EQ(rewritten("GET", "/schemas/ids/3?subject=short").param("subject"), "orders-value");
  EXPECT_EQ(rewritten("GET", "/schemas/ids/3/versions?subject=other").param("subject"), "other");
  EXPECT_FALSE(rewritten("GET", "/schemas/ids/3").param("subject"));
  EXPECT_EQ(rewritten("GET", "/schemas?subject=short").param("subject"), "short");
}

}  // namespace
}  // namespace accord::api
