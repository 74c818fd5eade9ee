// The pieces of the security work that live in the HTTP layer: the nesting scan run before
// any body is parsed, and the metrics labelled by route (the labels are tested with the
// route table, tests/api/test_routes.cpp).
#include <gtest/gtest.h>

#include "accord/api/api.hpp"
#include "accord/http/limits.hpp"
#include "accord/http/metrics.hpp"

namespace accord::http {
namespace {

TEST(NestingDepth, CountsBracketsOutsideStrings) {
  EXPECT_EQ(nesting_depth(""), 0u);
  EXPECT_EQ(nesting_depth("{}"), 1u);
  EXPECT_EQ(nesting_depth(R"({"a":[1,{"b":[]}]})"), 4u);
  EXPECT_EQ(nesting_depth(R"({"schema":"[[[[[[{{{{"})"), 1u);
  EXPECT_EQ(nesting_depth(R"({"s":"a\"[[[["})"), 1u);
  EXPECT_EQ(nesting_depth(std::string(10000, '[')), 10000u);
  EXPECT_EQ(nesting_depth("]]]]{"), 1u);
}

TEST(Metrics, RenderIsTextExposition) {
  Metrics metrics;
  api::Request request;
  request.method = "POST";
  ASSERT_TRUE(api::parse_target("/subjects/s/versions", request));
  api::Response response;
  metrics.observe(request.method, api::routes().match(request), response, 0.002);
  NodeGauges gauges;
  gauges.role = "writer";
  gauges.compacting = true;
  const std::string text = metrics.render(gauges);
  EXPECT_NE(text.find("# TYPE accord_http_requests_total counter"), std::string::npos) << text;
  EXPECT_NE(text.find("accord_http_requests_total{method=\"POST\",route=\"/subjects/{subject}/versions\",status=\"200\"} 1"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("accord_schema_registrations_total 1"), std::string::npos) << text;
  EXPECT_NE(text.find("accord_node_info{role=\"writer\"} 1"), std::string::npos) << text;
  EXPECT_NE(text.find("accord_store_compacting 1"), std::string::npos) << text;
}

}  // namespace
}  // namespace accord::http
