#include "accord/http/server.hpp"

#include <algorithm>
#include <thread>
#include <vector>

#include <boost/asio/io_context.hpp>
#include <spdlog/spdlog.h>

#include "listener.hpp"
#include "server_state.hpp"

namespace accord::http {

namespace {

int io_thread_count(int configured) {
  if (configured > 0) return configured;
  return std::max(1u, std::thread::hardware_concurrency());
}

}  // namespace

struct Server::Impl {
  Impl(ServerOptions options, Handler handler)
      : io_threads(io_thread_count(options.threads)),
        ioc(io_threads),
        blocking_pool(static_cast<std::size_t>(std::max(1, options.handler_threads))),
        state(std::make_shared<ServerState>(std::move(options), std::move(handler), blocking_pool)),
        listener(std::make_shared<Listener>(ioc, state)) {}

  // Destroyed in reverse order: the pool (and the sessions its queued work holds) goes
  // before the io_context those sessions' sockets belong to.
  int io_threads;
  boost::asio::io_context ioc;
  boost::asio::thread_pool blocking_pool;
  std::shared_ptr<ServerState> state;
  std::shared_ptr<Listener> listener;
  bool bound = false;
};

Server::Server(ServerOptions options, Handler handler)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(handler))) {}

Server::~Server() {
  stop();
  // Queued blocking work is dropped; handlers already running finish first.
  impl_->blocking_pool.stop();
  impl_->blocking_pool.join();
}

std::string Server::bind() {
  std::string error = impl_->listener->bind(impl_->state->options.host, impl_->state->options.port);
  impl_->bound = error.empty();
  return error;
}

uint16_t Server::port() const { return impl_->listener->port(); }

void Server::run() {
  if (!impl_->bound) {
    if (std::string error = bind(); !error.empty()) {
      spdlog::error("http: {}", error);
      return;
    }
  }
  impl_->listener->start();
  spdlog::info("http listening on {}:{} ({} io threads)", impl_->state->options.host, port(), impl_->io_threads);
  std::vector<std::thread> threads;
  threads.reserve(static_cast<std::size_t>(impl_->io_threads - 1));
  for (int i = 1; i < impl_->io_threads; ++i) threads.emplace_back([this] { impl_->ioc.run(); });
  impl_->ioc.run();
  for (auto& thread : threads) thread.join();
}

void Server::stop() {
  impl_->listener->stop();
  impl_->ioc.stop();
}

}  // namespace accord::http
