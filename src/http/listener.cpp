#include "listener.hpp"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/core/error.hpp>
#include <spdlog/spdlog.h>

#include "session.hpp"

namespace accord::http {

namespace net = boost::asio;
using tcp = boost::asio::ip::tcp;

Listener::Listener(std::vector<net::io_context*> contexts, std::shared_ptr<ServerState> state)
    : contexts_(std::move(contexts)),
      acceptor_(*contexts_.front()),
      backoff_(acceptor_.get_executor()),
      state_(std::move(state)) {}

std::string Listener::bind(const std::string& host, uint16_t port) {
  boost::beast::error_code ec;
  tcp::resolver resolver(*contexts_.front());
  auto results = resolver.resolve(host, std::to_string(port), tcp::resolver::passive, ec);
  if (ec || results.empty()) return "cannot resolve '" + host + "': " + ec.message();
  tcp::endpoint endpoint = results.begin()->endpoint();
  auto fail = [&](const char* what) {
    boost::beast::error_code ignored;
    acceptor_.close(ignored);
    return std::string(what) + " " + endpoint.address().to_string() + ":" + std::to_string(port) + ": " + ec.message();
  };
  if (acceptor_.open(endpoint.protocol(), ec)) return fail("cannot open");
  if (acceptor_.set_option(net::socket_base::reuse_address(true), ec)) return fail("cannot configure");
  if (acceptor_.bind(endpoint, ec)) return fail("cannot bind");
  if (acceptor_.listen(net::socket_base::max_listen_connections, ec)) return fail("cannot listen on");
  return {};
}

uint16_t Listener::port() const {
  boost::beast::error_code ec;
  auto endpoint = acceptor_.local_endpoint(ec);
  return ec ? 0 : endpoint.port();
}

void Listener::start() {
  net::dispatch(acceptor_.get_executor(), [self = shared_from_this()] { self->accept(); });
}

void Listener::stop() {
  net::post(acceptor_.get_executor(), [self = shared_from_this()] {
    boost::beast::error_code ignored;
    self->acceptor_.close(ignored);
    self->backoff_.cancel();
  });
}

void Listener::accept() {
  if (!acceptor_.is_open()) return;
  // The accepted socket belongs to the next context: its handlers all run on that one thread.
  net::io_context& context = *contexts_[next_context_++ % contexts_.size()];
  acceptor_.async_accept(context, [self = shared_from_this()](boost::beast::error_code ec, tcp::socket socket) {
    self->on_accept(ec, std::move(socket));
  });
}

void Listener::on_accept(boost::beast::error_code ec, tcp::socket socket) {
  if (ec == net::error::operation_aborted) return;
  if (ec) {
    // Typically out of file descriptors: retrying at once would spin.
    spdlog::warn("http accept failed: {}", ec.message());
    backoff_.expires_after(std::chrono::milliseconds(100));
    backoff_.async_wait([self = shared_from_this()](boost::beast::error_code wait_ec) {
      if (!wait_ec) self->accept();
    });
    return;
  }
  socket.set_option(tcp::no_delay(true), ec);
  bool refuse = state_->connections.load(std::memory_order_relaxed) >= state_->options.max_connections;
  if (refuse) spdlog::warn("http connection refused: {} connections open", state_->options.max_connections);
  if (state_->tls)
    std::make_shared<Session<TlsStream>>(std::move(socket), state_, refuse)->start();
  else
    std::make_shared<Session<PlainStream>>(std::move(socket), state_, refuse)->start();
  accept();
}

}  // namespace accord::http
