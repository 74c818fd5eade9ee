#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <future>
#include <mutex>

#include <nlohmann/json.hpp>

#include "server_fixture.hpp"
#include "test_client.hpp"

namespace accord::http::testkit {
namespace {

namespace bhttp = boost::beast::http;
constexpr auto kDeadline = std::chrono::seconds(30);

api::Response ok(const api::Request&) {
  api::Response response;
  response.body = "{}";
  return response;
}

void expect_error_body(const Response& response, int status) {
  EXPECT_EQ(response.result_int(), static_cast<unsigned>(status)) << response.body();
  auto body = nlohmann::json::parse(response.body(), nullptr, false);
  ASSERT_TRUE(body.is_object()) << response.body();
  EXPECT_EQ(body["error_code"], status);
  EXPECT_TRUE(body["message"].is_string());
}

TEST(ServerLimits, BodyAboveTheLimitIs413) {
  ServerOptions options;
  options.threads = 1;
  options.body_limit = 100;
  std::atomic<int> calls{0};
  RunningServer server(options, [&](const api::Request& r) {
    ++calls;
    return ok(r);
  });
  {
    TestClient client(server.port());
    EXPECT_EQ(client.send(TestClient::post("/s", std::string(100, 'x'))).result_int(), 200u);
  }
  {
    TestClient client(server.port());
    auto response = client.send(TestClient::post("/s", std::string(101, 'x')));
    expect_error_body(response, 413);
    EXPECT_FALSE(response.keep_alive());
  }
  {
    // Chunked bodies are held to the same limit.
    TestClient client(server.port());
    std::string chunk(80, 'y');
    client.write_raw("POST /s HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n50\r\n" + chunk + "\r\n50\r\n" +
                     chunk + "\r\n0\r\n\r\n");
    expect_error_body(client.read(), 413);
  }
  EXPECT_EQ(calls.load(), 1);
}

TEST(ServerLimits, ExpectContinueGetsAnInterimAnswer) {
  ServerOptions options;
  options.threads = 1;
  RunningServer server(options, ok);
  TestClient client(server.port());
  client.write_raw("POST /s HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nExpect: 100-continue\r\n\r\n");
  EXPECT_EQ(client.read().result_int(), 100u);
  client.write_raw("{}");
  EXPECT_EQ(client.read().result_int(), 200u);
}

TEST(ServerLimits, HeaderAboveTheLimitIs431) {
  ServerOptions options;
  options.threads = 1;
  options.header_limit = 1024;
  RunningServer server(options, ok);
  TestClient client(server.port());
  auto request = TestClient::get("/");
  request.set("X-Big", std::string(2048, 'h'));
  expect_error_body(client.send(request), 431);
}

TEST(ServerLimits, ConnectionsAboveTheMaximumGet503) {
  ServerOptions options;
  options.threads = 1;
  options.max_connections = 1;
  RunningServer server(options, ok);
  TestClient first(server.port());
  ASSERT_EQ(first.send(TestClient::get("/")).result_int(), 200u);  // its session now exists
  TestClient second(server.port());
  auto refused = second.send(TestClient::get("/"));
  expect_error_body(refused, 503);
  EXPECT_FALSE(refused.keep_alive());
  EXPECT_TRUE(second.closed_by_server());
  EXPECT_EQ(first.send(TestClient::get("/")).result_int(), 200u);
}

// A handler that blocks until released, and tells when it has started.
class Gate {
 public:
  void enter_and_wait() {
    std::unique_lock lock(mutex_);
    entered_ = true;
    changed_.notify_all();
    changed_.wait(lock, [&] { return released_; });
  }
  bool wait_entered() {
    std::unique_lock lock(mutex_);
    return changed_.wait_for(lock, kDeadline, [&] { return entered_; });
  }
  void release() {
    std::lock_guard lock(mutex_);
    released_ = true;
    changed_.notify_all();
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  bool entered_ = false;
  bool released_ = false;
};

TEST(ServerThreads, ABlockingWriteDoesNotStallOtherClients) {
  ServerOptions options;
  options.threads = 1;  // one io thread: a block on it would stall everything
  options.handler_threads = 2;
  Gate gate;
  RunningServer server(options, [&](const api::Request& r) {
    if (r.segments.size() == 1 && r.segments[0] == "block") gate.enter_and_wait();
    return ok(r);
  });
  auto blocked = std::async(std::launch::async, [&] {
    TestClient client(server.port());
    return client.send(TestClient::post("/block", "{}")).result_int();
  });
  ASSERT_TRUE(gate.wait_entered());
  TestClient reader(server.port());
  for (int i = 0; i < 3; ++i) EXPECT_EQ(reader.send(TestClient::get("/subjects")).result_int(), 200u);
  TestClient writer(server.port());
  EXPECT_EQ(writer.send(TestClient::post("/other", "{}")).result_int(), 200u);
  EXPECT_EQ(blocked.wait_for(std::chrono::seconds(0)), std::future_status::timeout);
  gate.release();
  ASSERT_EQ(blocked.wait_for(kDeadline), std::future_status::ready);
  EXPECT_EQ(blocked.get(), 200u);
}

TEST(ServerThreads, IsFastDecidesWhatRunsInline) {
  ServerOptions options;
  options.threads = 1;
  options.handler_threads = 1;
  // Everything runs off the io thread: a blocking GET must not stall other GETs.
  options.is_fast = [](const api::Request&) { return false; };
  Gate gate;
  RunningServer server(options, [&](const api::Request& r) {
    if (r.segments.size() == 1 && r.segments[0] == "block") gate.enter_and_wait();
    return ok(r);
  });
  auto blocked = std::async(std::launch::async, [&] {
    TestClient client(server.port());
    return client.send(TestClient::get("/block")).result_int();
  });
  ASSERT_TRUE(gate.wait_entered());
  // The io thread is free: a request that fails the framework checks is still answered.
  TestClient other(server.port());
  auto request = TestClient::get("/x");
  request.set(bhttp::field::accept, "text/plain");
  EXPECT_EQ(other.send(request).result_int(), 406u);
  gate.release();
  ASSERT_EQ(blocked.wait_for(kDeadline), std::future_status::ready);
  EXPECT_EQ(blocked.get(), 200u);
}

TEST(ServerThreads, ManyConcurrentClients) {
  ServerOptions options;
  options.threads = 2;
  std::atomic<int> calls{0};
  RunningServer server(options, [&](const api::Request& r) {
    ++calls;
    return ok(r);
  });
  std::vector<std::future<int>> clients;
  for (int c = 0; c < 8; ++c) {
    clients.push_back(std::async(std::launch::async, [&] {
      TestClient client(server.port());
      int good = 0;
      for (int i = 0; i < 20; ++i) good += client.send(TestClient::get("/x")).result_int() == 200u;
      return good;
    }));
  }
  for (auto& c : clients) EXPECT_EQ(c.get(), 20);
  EXPECT_EQ(calls.load(), 160);
}

TEST(ServerLifecycle, StopEndsRunEvenWithOpenConnections) {
  ServerOptions options;
  options.threads = 2;
  auto server = std::make_unique<RunningServer>(options, ok);
  TestClient idle(server->port());
  EXPECT_EQ(idle.send(TestClient::get("/")).result_int(), 200u);
  server->server().stop();
  EXPECT_EQ(server->finished().wait_for(kDeadline), std::future_status::ready);
}

TEST(ServerLifecycle, StopBeforeRunMakesRunReturn) {
  ServerOptions options;
  options.port = 0;
  options.threads = 1;
  Server server(options, ok);
  ASSERT_EQ(server.bind(), "");
  EXPECT_NE(server.port(), 0);
  server.stop();
  auto finished = std::async(std::launch::async, [&] { server.run(); });
  EXPECT_EQ(finished.wait_for(kDeadline), std::future_status::ready);
}

TEST(ServerLifecycle, BindFailureIsReported) {
  ServerOptions first_options;
  first_options.port = 0;
  Server first(first_options, ok);
  ASSERT_EQ(first.bind(), "");
  ServerOptions options;
  options.port = first.port();
  Server second(options, ok);
  EXPECT_NE(second.bind(), "");
  ServerOptions bad_host;
  bad_host.host = "no-such-host.invalid";
  Server third(bad_host, ok);
  EXPECT_NE(third.bind(), "");
}

}  // namespace
}  // namespace accord::http::testkit
