#include "accord/http/server.hpp"

#include <algorithm>
#include <thread>
#include <vector>

#include <boost/asio/executor_work_guard.hpp>
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

using WorkGuard = boost::asio::executor_work_guard<boost::asio::io_context::executor_type>;

// One single-threaded io_context per io thread (concurrency hint 1: no locking inside
// asio's scheduler): a connection's reads, handler and writes stay on one thread, with no
// cross-thread wake-ups on the read path.
std::vector<std::unique_ptr<boost::asio::io_context>> make_contexts(int count) {
  std::vector<std::unique_ptr<boost::asio::io_context>> contexts;
  for (int i = 0; i < count; ++i) contexts.push_back(std::make_unique<boost::asio::io_context>(1));
  return contexts;
}

std::vector<boost::asio::io_context*> pointers(const std::vector<std::unique_ptr<boost::asio::io_context>>& contexts) {
  std::vector<boost::asio::io_context*> out;
  for (const auto& context : contexts) out.push_back(context.get());
  return out;
}

}  // namespace

struct Server::Impl {
  Impl(ServerOptions options, Handler handler)
      : io_threads(io_thread_count(options.threads)),
        contexts(make_contexts(io_threads)),
        blocking_pool(static_cast<std::size_t>(std::max(1, options.handler_threads))),
        state(std::make_shared<ServerState>(std::move(options), std::move(handler), blocking_pool)),
        listener(std::make_shared<Listener>(pointers(contexts), state)) {
    // A context without a connection yet must keep running until stop().
    for (auto& context : contexts) work.emplace_back(context->get_executor());
  }

  // Destroyed in reverse order: the pool (and the sessions its queued work holds) goes
  // before the io_contexts those sessions' sockets belong to.
  int io_threads;
  std::vector<std::unique_ptr<boost::asio::io_context>> contexts;
  std::vector<WorkGuard> work;
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

namespace {

std::string make_tls_context(const TlsOptions& tls, std::unique_ptr<boost::asio::ssl::context>& out) {
  namespace ssl = boost::asio::ssl;
  auto context = std::make_unique<ssl::context>(ssl::context::tls_server);
  context->set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3 |
                       ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1 | ssl::context::single_dh_use);
  boost::system::error_code ec;
  if (tls.certificate_file.empty() || tls.key_file.empty())
    return "an https:// listener needs ssl.certificate.location and ssl.key.location";
  if (context->use_certificate_chain_file(tls.certificate_file, ec))
    return "cannot load the certificate " + tls.certificate_file + ": " + ec.message();
  if (context->use_private_key_file(tls.key_file, ssl::context::pem, ec))
    return "cannot load the private key " + tls.key_file + ": " + ec.message();
  if (!tls.ca_file.empty() && context->load_verify_file(tls.ca_file, ec))
    return "cannot load the CA file " + tls.ca_file + ": " + ec.message();
  if (tls.require_client_certificate || tls.request_client_certificate) {
    if (tls.ca_file.empty()) return "client certificate authentication needs ssl.truststore.location";
    ssl::verify_mode mode = ssl::verify_peer;
    if (tls.require_client_certificate) mode |= ssl::verify_fail_if_no_peer_cert;
    context->set_verify_mode(mode);
  }
  out = std::move(context);
  return {};
}

}  // namespace

std::string Server::bind() {
  if (impl_->state->options.tls && !impl_->state->tls) {
    if (std::string error = make_tls_context(*impl_->state->options.tls, impl_->state->tls); !error.empty()) return error;
  }
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
  for (int i = 1; i < impl_->io_threads; ++i) threads.emplace_back([this, i] { impl_->contexts[i]->run(); });
  impl_->contexts[0]->run();
  for (auto& thread : threads) thread.join();
}

std::size_t Server::open_connections() const { return impl_->state->connections.load(std::memory_order_relaxed); }

void Server::stop() {
  impl_->listener->stop();
  for (auto& context : impl_->contexts) context->stop();
}

}  // namespace accord::http
