// The request pipeline: its stages run in their order (authentication, readiness,
// permission, limits, forward or handle, listing filter, metrics), each deciding from the
// route's descriptor. The API and the write path are stand-ins that record what reached them.
#include "accord/cli/request_pipeline.hpp"

#include <gtest/gtest.h>

#include <memory>

#include "accord/api/api.hpp"

namespace accord::cli {
namespace {

// "reader:rpass", "admin:apass" in base64.
const std::string kReader = "Basic cmVhZGVyOnJwYXNz";
const std::string kAdmin = "Basic YWRtaW46YXBhc3M=";

std::shared_ptr<auth::Authenticator> users() {
  const std::string text = R"({"users":[
    {"username":"reader","password_hash":")" + auth::hash_password("rpass", "s1", 1000) + R"(",
     "permissions":[{"operation":"read","resource":"orders-*"}]},
    {"username":"admin","password_hash":")" + auth::hash_password("apass", "s2", 1000) + R"(",
     "permissions":[{"operation":"admin","resource":"*"}]}]})";
  auto parsed = auth::Authenticator::parse(text);
  EXPECT_TRUE(parsed) << parsed.error().message;
  return *parsed;
}

api::Request make(const std::string& method, const std::string& target, const std::string& authorization = "",
                  const std::string& body = "") {
  api::Request request;
  request.method = method;
  EXPECT_TRUE(api::parse_target(target, request));
  if (!authorization.empty()) request.headers["authorization"] = authorization;
  request.body = body;
  return request;
}

class PipelineTest : public ::testing::Test {
 protected:
  PipelineTest() : auth_(users()) {}

  // A pipeline whose API answers `answer_` and whose write path answers 201.
  RequestPipeline pipeline(bool with_auth = true) {
    PipelineStages stages;
    stages.ready = [this] { return ready_; };
    stages.authenticator = with_auth ? auth_.get() : nullptr;
    stages.subjects_using_schema = [this](const api::Request& request) -> std::optional<std::vector<std::string>> {
      const std::string& id = request.segments.at(2);
      calls_.push_back("subjects-of-" + std::string(id));
      if (id == "7") return std::vector<std::string>{"payments-value", "orders-value"};
      if (id == "8") return std::vector<std::string>{"payments-value"};
      return std::nullopt;
    };
    stages.limits.body_depth = 4;
    stages.limits.schema_bytes = 1000;
    stages.limits.schema_depth = 10;
    stages.handle = [this](const api::RouteMatch& route, const api::Request& request) {
      calls_.push_back("handle " + route.label);
      saw_may_read_ = static_cast<bool>(request.may_read);
      return answer_;
    };
    stages.write = [this](const api::RouteMatch& route, const api::Request&) {
      calls_.push_back("write " + route.label);
      api::Response response;
      response.status = 201;
      return response;
    };
    stages.metrics = &metrics_;
    return RequestPipeline(api::routes(), std::move(stages));
  }

  std::shared_ptr<auth::Authenticator> auth_;
  http::Metrics metrics_;
  bool ready_ = true;
  api::Response answer_;
  std::vector<std::string> calls_;
  bool saw_may_read_ = false;
};

TEST_F(PipelineTest, AuthenticationComesFirst) {
  ready_ = false;
  EXPECT_EQ(pipeline()(make("GET", "/subjects")).status, 401);  // not 503: who asks is checked first
  EXPECT_TRUE(calls_.empty());
}

TEST_F(PipelineTest, ReadinessComesBeforePermission) {
  ready_ = false;
  const auto refused = pipeline()(make("GET", "/subjects/payments-value/versions", kReader));
  EXPECT_EQ(refused.status, 503);
  EXPECT_EQ(refused.body, R"({"error_code":50002,"message":"The node is catching up with the log; retry shortly"})");
  EXPECT_TRUE(calls_.empty());
  ready_ = true;
  EXPECT_EQ(pipeline()(make("GET", "/subjects/payments-value/versions", kReader)).status, 403);
  EXPECT_TRUE(calls_.empty());
}

TEST_F(PipelineTest, TheCatalogWaitsForTheStoreLikeEveryRead) {
  ready_ = false;
  auto run = pipeline(false);
  for (const auto& target : {"/accord/v1/catalog", "/accord/v1/map", "/subjects", "/schemas/ids/1", "/config"})
    EXPECT_EQ(run(make("GET", target)).status, 503) << target;
  EXPECT_TRUE(calls_.empty());
  for (const auto& target : {"/health/ready", "/", "/v1/metadata/id", "/accord/v1/cluster", "/metrics"})
    EXPECT_EQ(run(make("GET", target)).status, 200) << target;
  EXPECT_EQ(calls_.size(), 5u);
}

TEST_F(PipelineTest, OpenRoutesNeedNoCredentials) {
  EXPECT_EQ(pipeline()(make("GET", "/health/live")).status, 200);
  EXPECT_EQ(calls_, std::vector<std::string>{"handle /health/live"});
}

TEST_F(PipelineTest, PermissionComesBeforeLimitsAndLimitsBeforeTheEndpoint) {
  const std::string deep = R"({"schema":"x","a":[[[[[1]]]]]})";
  EXPECT_EQ(pipeline()(make("POST", "/subjects/payments-value/versions", kReader, deep)).status, 403);
  const auto over = pipeline()(make("POST", "/subjects/orders-value/versions", kAdmin, deep));
  EXPECT_EQ(over.status, 400);
  EXPECT_NE(over.body.find("nests deeper than the limit of 4 levels"), std::string::npos) << over.body;
  EXPECT_TRUE(calls_.empty());
}

TEST_F(PipelineTest, WritesGoToTheWritePathAndReadsToTheApi) {
  auto run = pipeline();
  EXPECT_EQ(run(make("POST", "/subjects/orders-value/versions", kAdmin, R"({"schema":"\"int\""})")).status, 201);
  EXPECT_EQ(run(make("POST", "/subjects/orders-value", kAdmin, R"({"schema":"\"int\""})")).status, 200);
  EXPECT_EQ(run(make("DELETE", "/config", kAdmin)).status, 201);
  EXPECT_EQ(calls_, (std::vector<std::string>{"write /subjects/{subject}/versions", "handle /subjects/{subject}",
                                              "write /config"}));
}

TEST_F(PipelineTest, ASchemaByIdIsReadableThroughOneOfItsSubjects) {
  auto run = pipeline();
  EXPECT_EQ(run(make("GET", "/schemas/ids/7", kReader)).status, 200);
  EXPECT_EQ(run(make("GET", "/schemas/ids/8", kReader)).status, 403);
  EXPECT_EQ(run(make("GET", "/schemas/ids/9", kReader)).status, 200);  // none such: the endpoint's 404
  EXPECT_EQ(calls_, (std::vector<std::string>{"subjects-of-7", "handle /schemas/ids/{id}", "subjects-of-8",
                                              "subjects-of-9", "handle /schemas/ids/{id}"}));
}

TEST_F(PipelineTest, ListingsAreFilteredAfterTheEndpointAndCatalogsScopedBefore) {
  answer_.body = R"(["orders-value","payments-value"])";
  EXPECT_EQ(pipeline()(make("GET", "/subjects", kReader)).body, R"(["orders-value"])");
  EXPECT_FALSE(saw_may_read_);
  pipeline()(make("GET", "/accord/v1/catalog", kReader));
  EXPECT_TRUE(saw_may_read_);
  // Without authentication every subject is visible.
  EXPECT_EQ(pipeline(false)(make("GET", "/subjects")).body, answer_.body);
}

TEST_F(PipelineTest, EveryAnswerIsCountedUnderItsRouteLabel) {
  auto run = pipeline();
  run(make("GET", "/subjects/orders-value/versions/3", kReader));
  run(make("GET", "/subjects/payments-value/versions/3", kReader));  // 403, counted too
  run(make("GET", "/nothing/here"));
  const std::string text = metrics_.render(http::NodeGauges{});
  EXPECT_NE(text.find(R"(route="/subjects/{subject}/versions/{version}",status="200"} 1)"), std::string::npos) << text;
  EXPECT_NE(text.find(R"(route="/subjects/{subject}/versions/{version}",status="403"} 1)"), std::string::npos) << text;
  EXPECT_NE(text.find(R"(route="/{other}",status="401"} 1)"), std::string::npos) << text;
}

}  // namespace
}  // namespace accord::cli
