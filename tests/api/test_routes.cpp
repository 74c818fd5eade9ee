// The route table: every route says what the layers in front of its endpoint need (who may
// call it, whether it writes, whether it answers before the store is ready, its metrics
// label), and those layers read nothing but that.
#include <gtest/gtest.h>

#include <set>

#include "accord/api/api.hpp"
#include "request_for.hpp"

namespace accord::api {
namespace {

Request make(const std::string& method, const std::string& target) { return request_for(method, target); }

Request make(const std::string& method, const std::vector<std::string>& segments) {
  Request request;
  request.method = method;
  request.segments = segments;
  return request;
}

std::string route(const std::string& method, const std::string& target) {
  return routes().match(make(method, target)).label;
}

bool is_write_request(const std::string& method, const std::vector<std::string>& segments) {
  return routes().match(make(method, segments)).writes();
}

TEST(RouteTable, EveryRouteSaysWhoMayCallItWhetherItWritesAndItsLabel) {
  std::set<std::pair<std::string_view, std::string_view>> seen;
  for (const auto& r : routes().descriptors()) {
    SCOPED_TRACE(std::string(r.method) + " " + std::string(r.pattern));
    EXPECT_NE(r.permission, Permission::Unset);
    EXPECT_NE(r.change, Change::Unset);
    EXPECT_NE(r.endpoint, nullptr);
    EXPECT_TRUE(r.method == "GET" || r.method == "POST" || r.method == "PUT" || r.method == "DELETE");
    ASSERT_FALSE(r.pattern.empty());
    EXPECT_EQ(r.pattern.front(), '/');  // the metrics label
    EXPECT_TRUE(seen.emplace(r.method, r.pattern).second) << "a route listed twice";
    // A permission on a subject needs the segment that names it.
    if (r.permission == Permission::ReadSubject || r.permission == Permission::WriteSubject) {
      EXPECT_NE(r.pattern.find("{subject}"), std::string_view::npos);
    }
    if (r.permission == Permission::ReadSchema) {
      EXPECT_NE(r.pattern.find("{id}"), std::string_view::npos);
    }
    // Only reads are answered before the store is ready, and GETs never change anything.
    if (r.readiness == Readiness::AnswersBeforeReady) {
      EXPECT_EQ(r.change, Change::Reads);
    }
    if (r.method == "GET") {
      EXPECT_EQ(r.change, Change::Reads);
    }
  }
}

TEST(RouteTable, AnUnsetDescriptorIsCaught) {
  // What the test above guards against: a line added without its permission or change.
  const RouteDescriptor incomplete{"GET", "/new"};
  EXPECT_EQ(incomplete.permission, Permission::Unset);
  EXPECT_EQ(incomplete.change, Change::Unset);
}

TEST(RouteTable, SubjectSegmentPassesThroughUnchanged) {
  const auto match = routes().match(make("POST", "/subjects/:.ctx:orders-value/versions"));
  ASSERT_NE(match.route, nullptr);
  EXPECT_EQ(match.subject, ":.ctx:orders-value");
  EXPECT_EQ(match.permission, Permission::WriteSubject);
  EXPECT_EQ(routes().match(make("GET", "/subjects/a%2Fb/versions/1")).subject, "a/b");
  EXPECT_EQ(routes().match(make("GET", "/accord/v1/subjects/s1/diff")).subject, "s1");
  EXPECT_FALSE(routes().match(make("PUT", "/config")).subject);
}

TEST(RouteTable, TheMatchSaysWhichSegmentIsTheSubject) {
  // Api::prepare rewrites that segment (`:.:s` is `s`, aliases): no other layer knows path shapes.
  EXPECT_EQ(routes().match(make("POST", "/subjects/s/versions")).subject_segment, 1u);
  EXPECT_EQ(routes().match(make("PUT", "/config/s")).subject_segment, 1u);
  EXPECT_EQ(routes().match(make("DELETE", "/mode/s")).subject_segment, 1u);
  EXPECT_EQ(routes().match(make("POST", "/compatibility/subjects/s/versions/1")).subject_segment, 2u);
  EXPECT_EQ(routes().match(make("GET", "/accord/v1/subjects/s/versions/1/outline")).subject_segment, 3u);
  EXPECT_EQ(routes().match(make("GET", "/subjects/s/nothing/here")).subject_segment, 1u)
      << "an unknown path under a subject still names it";
  EXPECT_FALSE(routes().match(make("GET", "/schemas/ids/1")).subject_segment);
  EXPECT_FALSE(routes().match(make("PUT", "/config")).subject_segment);
}

TEST(RouteTable, OnlyLivenessAndStatusAnswerBeforeTheStoreIsReady) {
  for (const auto& target : {"/", "/health/live", "/health/ready", "/v1/metadata/id", "/metrics", "/ui/index.html",
                             "/accord/v1/cluster"})
    EXPECT_TRUE(routes().match(make("GET", target)).answers_before_ready()) << target;
  for (const auto& target : {"/accord/v1/catalog", "/accord/v1/map", "/subjects", "/schemas/ids/1", "/config",
                             "/nothing-here", "/v1/nothing"})
    EXPECT_FALSE(routes().match(make("GET", target)).answers_before_ready()) << target;
}

TEST(RouteTable, UnknownMethodsAndPaths) {
  auto wrong_method = routes().match(make("PUT", "/subjects/s/versions"));
  EXPECT_EQ(wrong_method.route, nullptr);
  EXPECT_TRUE(wrong_method.path_known);  // 405
  EXPECT_EQ(wrong_method.permission, Permission::WriteSubject);
  auto unknown = routes().match(make("GET", "/subjects/s/nothing"));
  EXPECT_FALSE(unknown.path_known);  // 404
  EXPECT_EQ(unknown.subject, "s");
  EXPECT_EQ(unknown.permission, Permission::ReadSubject);
  EXPECT_EQ(routes().match(make("POST", "/nothing")).permission, Permission::Admin);
  EXPECT_EQ(routes().match(make("GET", "/nothing")).permission, Permission::Authenticated);
}

// Moved from tests/cluster/write_requests_test.cpp with the knowledge it tests.
TEST(WriteRequests, RegisterDeleteConfigAndModeAreWrites) {
  EXPECT_TRUE(is_write_request("POST", {"subjects", "s", "versions"}));
  EXPECT_TRUE(is_write_request("DELETE", {"subjects", "s"}));
  EXPECT_TRUE(is_write_request("DELETE", {"subjects", "s", "versions", "1"}));
  EXPECT_TRUE(is_write_request("PUT", {"config"}));
  EXPECT_TRUE(is_write_request("PUT", {"config", "s"}));
  EXPECT_TRUE(is_write_request("DELETE", {"config", "s"}));
  EXPECT_TRUE(is_write_request("PUT", {"mode", "s"}));
  EXPECT_TRUE(is_write_request("DELETE", {"mode"}));
}

TEST(WriteRequests, LookupsChecksAndReadsAreNot) {
  EXPECT_FALSE(is_write_request("POST", {"subjects", "s"}));  // lookup
  EXPECT_FALSE(is_write_request("POST", {"compatibility", "subjects", "s", "versions", "latest"}));
  EXPECT_FALSE(is_write_request("POST", {"compatibility", "subjects", "s", "versions"}));
  EXPECT_FALSE(is_write_request("POST", {}));  // POST / answers like GET /
  EXPECT_FALSE(is_write_request("GET", {"subjects"}));
  EXPECT_FALSE(is_write_request("HEAD", {"schemas", "ids", "1"}));
}

// Moved from tests/http/security_test.cpp: the metrics labels come from the route table.
TEST(RouteTemplate, ParametersBecomePlaceholders) {
  EXPECT_EQ(route("GET", "/subjects"), "/subjects");
  EXPECT_EQ(route("POST", "/subjects/orders-value/versions"), "/subjects/{subject}/versions");
  EXPECT_EQ(route("GET", "/subjects/versions/versions/latest/schema"), "/subjects/{subject}/versions/{version}/schema");
  EXPECT_EQ(route("GET", "/schemas/ids/42/versions"), "/schemas/ids/{id}/versions");
  EXPECT_EQ(route("PUT", "/config/a%2Fb"), "/config/{subject}");
  EXPECT_EQ(route("POST", "/compatibility/subjects/x/versions/3"), "/compatibility/subjects/{subject}/versions/{version}");
  EXPECT_EQ(route("GET", "/health/ready"), "/health/ready");
  EXPECT_EQ(route("GET", "/"), "/");
}

// From the contexts branch's tests of the route shapes it added.
TEST(RouteTemplate, ContextsAndQualifiedSubjects) {
  EXPECT_EQ(route("GET", "/contexts"), "/contexts");
  EXPECT_EQ(route("DELETE", "/contexts/.team-a"), "/contexts/{context}");
  EXPECT_EQ(route("DELETE", "/contexts/versions"), "/contexts/{context}") << "a context named like a literal";
  EXPECT_EQ(route("POST", "/subjects/:.team-a:orders/versions"), "/subjects/{subject}/versions");
  EXPECT_EQ(route("PUT", "/config/:.team-a:"), "/config/{subject}");
  EXPECT_EQ(route("GET", "/mode/%3A.__GLOBAL%3A"), "/mode/{subject}");
  EXPECT_TRUE(is_write_request("DELETE", {"contexts", ".team-a"}));  // forwarded to the writer
  EXPECT_FALSE(is_write_request("GET", {"contexts"}));
  EXPECT_EQ(routes().match(make("DELETE", "/contexts/.team-a")).permission, Permission::Admin);
}

TEST(RouteTemplate, UnknownPathsStayBounded) {
  EXPECT_EQ(route("GET", "/random-thing/123"), "/{other}");
  EXPECT_EQ(route("GET", "/subjects/s/anything-else"), "/subjects/{subject}/{param}");
}

TEST(RouteTemplate, TheCatalogAndTheUiHaveLabelsOfTheirOwn) {
  EXPECT_EQ(route("GET", "/accord/v1/catalog"), "/accord/v1/catalog");
  EXPECT_EQ(route("GET", "/accord/v1/subjects/s/versions/2/outline"),
            "/accord/v1/subjects/{subject}/versions/{version}/outline");
  EXPECT_EQ(route("GET", "/ui/js/app.js"), "/ui/{param}/{param}");
  EXPECT_EQ(route("GET", "/a/b/c/d/e/f/g/h/i/j"), "/{other}");
}

}  // namespace
}  // namespace accord::api
