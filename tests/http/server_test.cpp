#include <gtest/gtest.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <regex>
#include <stdexcept>

#include <nlohmann/json.hpp>

#include "server_fixture.hpp"
#include "test_client.hpp"

namespace accord::http::testkit {
namespace {

namespace bhttp = boost::beast::http;

ServerOptions small_options() {
  ServerOptions options;
  options.threads = 2;
  options.handler_threads = 2;
  return options;
}

// Echoes what the framework handed to the handler, as JSON.
api::Response echo(const api::Request& request) {
  nlohmann::json segments = request.segments;
  nlohmann::json query = nlohmann::json::object();
  for (const auto& [k, v] : request.query) query[k] = v;
  api::Response response;
  response.body = nlohmann::json{{"method", request.method}, {"path", request.path},   {"segments", segments},
                                 {"query", query},           {"body", request.body},   {"headers", request.headers}}
                      .dump();
  return response;
}

void expect_error_body(const Response& response, int status) {
  EXPECT_EQ(response.result_int(), static_cast<unsigned>(status));
  EXPECT_EQ(response[bhttp::field::content_type], "application/vnd.schemaregistry.v1+json");
  auto body = nlohmann::json::parse(response.body(), nullptr, false);
  ASSERT_TRUE(body.is_object()) << response.body();
  EXPECT_EQ(body["error_code"], status) << response.body();
  EXPECT_TRUE(body["message"].is_string()) << response.body();
}

TEST(Server, HandsTheParsedRequestToTheHandler) {
  RunningServer server(small_options(), echo);
  TestClient client(server.port());
  auto request = TestClient::post("/subjects/a%2Fb/versions?normalize=true&x=a+b", R"({"schema":"\"int\""})");
  request.set("X-Custom-Header", "Value");
  auto response = client.send(request);
  ASSERT_EQ(response.result_int(), 200u) << response.body();
  auto seen = nlohmann::json::parse(response.body());
  EXPECT_EQ(seen["method"], "POST");
  EXPECT_EQ(seen["path"], "/subjects/a%2Fb/versions");
  EXPECT_EQ(seen["segments"], nlohmann::json({"subjects", "a/b", "versions"}));
  EXPECT_EQ(seen["query"]["normalize"], "true");
  EXPECT_EQ(seen["query"]["x"], "a b");
  EXPECT_EQ(seen["body"], R"({"schema":"\"int\""})");
  EXPECT_EQ(seen["headers"]["x-custom-header"], "Value");
  EXPECT_EQ(response[bhttp::field::content_length], std::to_string(response.body().size()));
}

TEST(Server, GeneratesAnXRequestIdOrEchoesTheClients) {
  RunningServer server(small_options(), echo);
  TestClient client(server.port());
  auto generated = client.send(TestClient::get("/"));
  std::regex uuid_v4("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
  EXPECT_TRUE(std::regex_match(std::string(generated["X-Request-ID"]), uuid_v4)) << generated["X-Request-ID"];
  auto again = client.send(TestClient::get("/"));
  EXPECT_NE(again["X-Request-ID"], generated["X-Request-ID"]);

  auto request = TestClient::get("/");
  request.set("X-Request-ID", "trace-123");
  EXPECT_EQ(client.send(request)["X-Request-ID"], "trace-123");
}

struct WireNegotiation {
  const char* accept;  // nullptr = no Accept header
  unsigned status;
  const char* content_type;
};

class ServerNegotiation : public testing::TestWithParam<WireNegotiation> {};

TEST_P(ServerNegotiation, AnswersWithTheNegotiatedType) {
  std::atomic<int> calls{0};
  RunningServer server(small_options(), [&](const api::Request& r) {
    ++calls;
    return echo(r);
  });
  TestClient client(server.port());
  auto request = TestClient::get("/subjects");
  if (GetParam().accept != nullptr) request.set(bhttp::field::accept, GetParam().accept);
  auto response = client.send(request);
  EXPECT_EQ(response.result_int(), GetParam().status) << response.body();
  EXPECT_EQ(response[bhttp::field::content_type], GetParam().content_type);
  if (GetParam().status == 406) {
    expect_error_body(response, 406);
    EXPECT_EQ(calls.load(), 0);
  }
}

INSTANTIATE_TEST_SUITE_P(
    Table, ServerNegotiation,
    testing::Values(WireNegotiation{nullptr, 200, "application/vnd.schemaregistry.v1+json"},
                    WireNegotiation{"*/*", 200, "application/vnd.schemaregistry.v1+json"},
                    WireNegotiation{"text/html, image/gif, image/jpeg, *; q=.2, */*; q=.2", 200,
                                    "application/vnd.schemaregistry.v1+json"},
                    WireNegotiation{"application/vnd.schemaregistry+json", 200, "application/vnd.schemaregistry+json"},
                    WireNegotiation{"application/json", 200, "application/json"},
                    WireNegotiation{"application/json;q=0.9, application/vnd.schemaregistry+json;q=0.5", 200,
                                    "application/json"},
                    WireNegotiation{"text/plain", 406, "application/vnd.schemaregistry.v1+json"},
                    WireNegotiation{"application/xml", 406, "application/vnd.schemaregistry.v1+json"}));

TEST(Server, RawTextResponsesCarryTheNegotiatedType) {
  RunningServer server(small_options(), [](const api::Request&) {
    api::Response response;
    response.raw_text = true;
    response.body = "syntax = \"proto3\";\nmessage M {}\n";
    return response;
  });
  TestClient client(server.port());
  auto request = TestClient::get("/schemas/ids/1/schema");
  request.set(bhttp::field::accept, "application/json");
  auto response = client.send(request);
  EXPECT_EQ(response[bhttp::field::content_type], "application/json");
  EXPECT_EQ(response.body(), "syntax = \"proto3\";\nmessage M {}\n");
}

TEST(Server, HandlerHeadersAndStatusArePassedThrough) {
  RunningServer server(small_options(), [](const api::Request&) {
    api::Response response;
    response.status = 401;
    response.body = R"({"error_code":401,"message":"Unauthorized"})";
    response.headers["WWW-Authenticate"] = "Basic realm=\"accord\"";
    return response;
  });
  TestClient client(server.port());
  auto response = client.send(TestClient::get("/subjects"));
  EXPECT_EQ(response.result_int(), 401u);
  EXPECT_EQ(response["WWW-Authenticate"], "Basic realm=\"accord\"");
  EXPECT_EQ(response.body(), R"({"error_code":401,"message":"Unauthorized"})");
}

TEST(Server, UnsupportedRequestContentTypeIs415) {
  std::atomic<int> calls{0};
  RunningServer server(small_options(), [&](const api::Request& r) {
    ++calls;
    return echo(r);
  });
  TestClient client(server.port());
  expect_error_body(client.send(TestClient::post("/subjects/s/versions", "{}", "text/plain")), 415);
  EXPECT_EQ(calls.load(), 0);
  for (const char* type : {"application/vnd.schemaregistry.v1+json", "application/vnd.schemaregistry+json",
                           "application/json; charset=utf-8", "application/octet-stream", ""}) {
    EXPECT_EQ(client.send(TestClient::post("/subjects/s/versions", "{}", type)).result_int(), 200u) << type;
  }
  // No body: the Content-Type does not matter (the Java client sends one on GET).
  auto get = TestClient::get("/subjects");
  get.set(bhttp::field::content_type, "text/plain");
  EXPECT_EQ(client.send(get).result_int(), 200u);
}

TEST(Server, MalformedTargetIs400) {
  RunningServer server(small_options(), echo);
  TestClient client(server.port());
  expect_error_body(client.send(TestClient::get("/subjects/a%zz")), 400);
  expect_error_body(client.send(TestClient::get("/subjects?x=%4")), 400);
}

TEST(Server, MalformedHttpIs400AndCloses) {
  RunningServer server(small_options(), echo);
  TestClient client(server.port());
  client.write_raw("THIS IS NOT HTTP\r\n\r\n");
  expect_error_body(client.read(), 400);
  EXPECT_TRUE(client.closed_by_server());
}

TEST(Server, KeepAliveServesManyRequestsOnOneConnection) {
  std::atomic<int> calls{0};
  RunningServer server(small_options(), [&](const api::Request& r) {
    ++calls;
    return echo(r);
  });
  TestClient client(server.port());
  for (int i = 0; i < 5; ++i) {
    auto response = client.send(i % 2 ? TestClient::get("/n/" + std::to_string(i))
                                      : TestClient::post("/n/" + std::to_string(i), "{}"));
    ASSERT_EQ(response.result_int(), 200u);
    EXPECT_TRUE(response.keep_alive());
    EXPECT_EQ(nlohmann::json::parse(response.body())["segments"][1], std::to_string(i));
  }
  EXPECT_EQ(calls.load(), 5);
}

TEST(Server, PipelinedRequestsAreAnsweredInOrder) {
  RunningServer server(small_options(), echo);
  TestClient client(server.port());
  std::string pipeline;
  for (int i = 0; i < 3; ++i) {
    pipeline += "GET /p/" + std::to_string(i) + " HTTP/1.1\r\nHost: x\r\n\r\n";
    pipeline += "POST /q/" + std::to_string(i) + " HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}";
  }
  client.write_raw(pipeline);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(nlohmann::json::parse(client.read().body())["path"], "/p/" + std::to_string(i));
    EXPECT_EQ(nlohmann::json::parse(client.read().body())["path"], "/q/" + std::to_string(i));
  }
}

TEST(Server, ConnectionCloseIsHonoured) {
  RunningServer server(small_options(), echo);
  TestClient client(server.port());
  auto request = TestClient::get("/");
  request.keep_alive(false);
  auto response = client.send(request);
  EXPECT_EQ(response.result_int(), 200u);
  EXPECT_FALSE(response.keep_alive());
  EXPECT_TRUE(client.closed_by_server());
}

TEST(Server, Http10WithoutKeepAliveCloses) {
  RunningServer server(small_options(), echo);
  TestClient client(server.port());
  client.write_raw("GET /x HTTP/1.0\r\n\r\n");
  auto response = client.read();
  EXPECT_EQ(response.result_int(), 200u);
  EXPECT_TRUE(client.closed_by_server());
}

TEST(Server, HandlerExceptionIs500AndTheConnectionSurvives) {
  RunningServer server(small_options(), [](const api::Request& r) -> api::Response {
    if (r.segments.size() == 1 && r.segments[0] == "boom") throw std::runtime_error("kaput");
    if (r.segments.size() == 1 && r.segments[0] == "int") throw 42;
    return echo(r);
  });
  TestClient client(server.port());
  for (const char* target : {"/boom", "/int"}) {
    for (auto request : {TestClient::get(target), TestClient::post(target, "{}")}) {
      auto response = client.send(request);
      expect_error_body(response, 500);
      EXPECT_EQ(nlohmann::json::parse(response.body()),
                nlohmann::json::parse(R"({"error_code":500,"message":"Internal Server Error"})"));
    }
  }
  EXPECT_EQ(client.send(TestClient::get("/fine")).result_int(), 200u);
}

TEST(Server, HeadAnswersTheGetHeadersWithoutBody) {
  RunningServer server(small_options(), [](const api::Request& r) {
    api::Response response;
    response.body = r.method == "GET" ? R"({"ok":true})" : "wrong";
    return response;
  });
  TestClient client(server.port());
  client.write_raw("HEAD / HTTP/1.1\r\nHost: x\r\n\r\nGET / HTTP/1.1\r\nHost: x\r\n\r\n");
  auto head = client.read_head_response();
  EXPECT_EQ(head.result_int(), 200u);
  EXPECT_EQ(head[bhttp::field::content_length], "11");
  // The next response follows directly: the HEAD answer carried no body bytes.
  auto get = client.read();
  EXPECT_EQ(get.body(), R"({"ok":true})");
}

}  // namespace
}  // namespace accord::http::testkit
