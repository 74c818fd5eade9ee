// The pieces of the security work that live in the HTTP layer: the nesting scan run before
// any body is parsed, and the route templates that label the metrics.
#include <gtest/gtest.h>

#include "accord/http/limits.hpp"
#include "accord/http/metrics.hpp"

namespace accord::http {
namespace {

std::string route(const std::string& method, const std::string& target) {
  api::Request request;
  request.method = method;
  EXPECT_TRUE(api::parse_target(target, request));
  return Metrics::route_template(request);
}

TEST(NestingDepth, CountsBracketsOutsideStrings) {
  EXPECT_EQ(nesting_depth(""), 0u);
  EXPECT_EQ(nesting_depth("{}"), 1u);
  EXPECT_EQ(nesting_depth(R"({"a":[1,{"b":[]}]})"), 4u);
  EXPECT_EQ(nesting_depth(R"({"schema":"[[[[[[{{{{"})"), 1u);
  EXPECT_EQ(nesting_depth(R"({"s":"a\"[[[["})"), 1u);
  EXPECT_EQ(nesting_depth(std::string(10000, '[')), 10000u);
  EXPECT_EQ(nesting_depth("]]]]{"), 1u);
}

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

TEST(RouteTemplate, ContextsAndQualifiedSubjects) {
  EXPECT_EQ(route("GET", "/contexts"), "/contexts");
  EXPECT_EQ(route("DELETE", "/contexts/.team-a"), "/contexts/{context}");
  EXPECT_EQ(route("DELETE", "/contexts/versions"), "/contexts/{context}") << "a context named like a literal";
  EXPECT_EQ(route("POST", "/subjects/:.team-a:orders/versions"), "/subjects/{subject}/versions");
  EXPECT_EQ(route("PUT", "/config/:.team-a:"), "/config/{subject}");
  EXPECT_EQ(route("GET", "/mode/%3A.__GLOBAL%3A"), "/mode/{subject}");
}

TEST(RouteTemplate, UnknownPathsStayBounded) {
  EXPECT_EQ(route("GET", "/random-thing/123"), "/{other}");
  EXPECT_EQ(route("GET", "/subjects/s/anything-else"), "/subjects/{subject}/{param}");
}

TEST(Metrics, RenderIsTextExposition) {
  Metrics metrics;
  api::Request request;
  request.method = "POST";
  ASSERT_TRUE(api::parse_target("/subjects/s/versions", request));
  api::Response response;
  metrics.observe(request, response, 0.002);
  NodeGauges gauges;
  gauges.role = "writer";
  const std::string text = metrics.render(gauges);
  EXPECT_NE(text.find("# TYPE accord_http_requests_total counter"), std::string::npos) << text;
  EXPECT_NE(text.find("accord_http_requests_total{method=\"POST\",route=\"/subjects/{subject}/versions\",status=\"200\"} 1"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("accord_schema_registrations_total 1"), std::string::npos) << text;
  EXPECT_NE(text.find("accord_node_info{role=\"writer\"} 1"), std::string::npos) << text;
}

}  // namespace
}  // namespace accord::http
