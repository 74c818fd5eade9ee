#pragma once
// What every session of one server shares: its options, the handler, the pool that runs
// blocking handlers (owned by the server, which outlives every use of it), and the count of
// open connections.
#include <atomic>
#include <cstddef>

#include <memory>

#include <boost/asio/ssl/context.hpp>
#include <boost/asio/thread_pool.hpp>

#include "accord/http/server.hpp"

namespace accord::http {

struct ServerState {
  ServerState(ServerOptions o, Handler h, boost::asio::thread_pool& pool)
      : options(std::move(o)), handler(std::move(h)), blocking_pool(pool) {}

  ServerOptions options;
  Handler handler;
  boost::asio::thread_pool& blocking_pool;
  std::atomic<std::size_t> connections{0};
  std::unique_ptr<boost::asio::ssl::context> tls;  // set by bind() when options.tls
};

}  // namespace accord::http
