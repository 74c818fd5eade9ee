#pragma once
// Runs an accord::http::Server on 127.0.0.1, port 0, on a background thread for one test.
#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <memory>
#include <thread>

#include "accord/http/server.hpp"

namespace accord::http::testkit {

class RunningServer {
 public:
  RunningServer(ServerOptions options, Handler handler) {
    options.host = "127.0.0.1";
    options.port = 0;
    server_ = std::make_unique<Server>(std::move(options), std::move(handler));
    std::string error = server_->bind();
    EXPECT_EQ(error, "");
    finished_ = std::async(std::launch::async, [this] { server_->run(); });
  }
  ~RunningServer() {
    server_->stop();
    // run() must return once stopped; a hang here fails instead of blocking the suite.
    EXPECT_EQ(finished_.wait_for(std::chrono::seconds(30)), std::future_status::ready);
  }
  uint16_t port() const { return server_->port(); }
  Server& server() { return *server_; }
  std::future<void>& finished() { return finished_; }

 private:
  std::unique_ptr<Server> server_;
  std::future<void> finished_;
};

}  // namespace accord::http::testkit
