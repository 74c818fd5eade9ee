#include "session.hpp"

#include <array>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <spdlog/spdlog.h>

#include "accord/model/errors.hpp"
#include "error_body.hpp"

namespace accord::http {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace net = boost::asio;

namespace {

// 431 has no registry error code of its own; like every framework error its body code is
// the HTTP status.
constexpr auto kHeaderFieldsTooLarge = static_cast<ErrorCode>(431);

bool is_fast(const ServerOptions& options, const api::Request& request) {
  if (options.is_fast) return options.is_fast(request);
  return request.method == "GET";  // HEAD arrives here as GET
}

}  // namespace

Session::Session(net::ip::tcp::socket&& socket, std::shared_ptr<ServerState> state, bool refuse)
    : stream_(std::move(socket)), state_(std::move(state)), refuse_(refuse) {
  ++state_->connections;
}

Session::~Session() { --state_->connections; }

void Session::start() {
  // The socket's executor is a strand: everything of this session runs serialized on it.
  net::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->read_header(); });
}

void Session::read_header() {
  parser_.emplace();
  parser_->header_limit(static_cast<std::uint32_t>(state_->options.header_limit));
  parser_->body_limit(state_->options.body_limit);
  stream_.expires_after(state_->options.request_timeout);
  bhttp::async_read_header(stream_, buffer_, *parser_,
                           [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_header(ec); });
}

void Session::on_header(beast::error_code ec) {
  if (ec) return on_read_error(ec);
  auto& header = parser_->get();
  // curl and others wait for "100 Continue" before sending a large body.
  auto expect = header[bhttp::field::expect];
  if (beast::iequals(expect, "100-continue") && !parser_->is_done()) {
    auto interim = std::make_shared<bhttp::response<bhttp::empty_body>>(bhttp::status::continue_, header.version());
    bhttp::async_write(stream_, *interim, [self = shared_from_this(), interim](beast::error_code ec, std::size_t) {
      if (ec) return self->close();
      self->read_body();
    });
    return;
  }
  read_body();
}

void Session::read_body() {
  bhttp::async_read(stream_, buffer_, *parser_,
                    [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_request(ec); });
}

void Session::on_read_error(beast::error_code ec) {
  if (ec == bhttp::error::body_limit) {
    framework_error(errors::payload_too_large("Request body is larger than the limit of " +
                                              std::to_string(state_->options.body_limit) + " bytes"),
                    response_);
    return send(true);
  }
  if (ec == bhttp::error::header_limit) {
    framework_error(Error{kHeaderFieldsTooLarge, "Request Header Fields Too Large"}, response_);
    return send(true);
  }
  if (ec.category() == bhttp::make_error_code(bhttp::error::bad_target).category() &&
      ec != bhttp::error::end_of_stream && ec != bhttp::error::partial_message) {
    framework_error(errors::bad_request("Malformed HTTP request: " + ec.message()), response_);
    return send(true);
  }
  // End of stream, timeout, reset: nothing to answer.
  close();
}

void Session::on_request(beast::error_code ec) {
  if (ec) return on_read_error(ec);
  stream_.expires_never();  // the handler may take longer than a read may
  Exchange exchange = begin_exchange(parser_->get());
  if (refuse_) exchange.early = error_response(errors::unavailable("Too many connections"));
  if (refuse_) exchange.keep_alive = false;
  dispatch(std::move(exchange));
}

void Session::dispatch(Exchange exchange) {
  if (exchange.early) {
    api::Response early = std::move(*exchange.early);
    finish_exchange(exchange, std::move(early), response_);
    return send(false);
  }
  if (is_fast(state_->options, exchange.request)) {
    api::Response answer = call_handler(state_->handler, exchange.request);
    finish_exchange(exchange, std::move(answer), response_);
    return send(false);
  }
  net::post(state_->blocking_pool, [self = shared_from_this(), exchange = std::move(exchange)]() mutable {
    api::Response answer = call_handler(self->state_->handler, exchange.request);
    net::post(self->stream_.get_executor(),
              [self, exchange = std::move(exchange), answer = std::move(answer)]() mutable {
                finish_exchange(exchange, std::move(answer), self->response_);
                self->send(false);
              });
  });
}

void Session::send(bool body_unread) {
  if (spdlog::should_log(spdlog::level::debug)) {
    spdlog::debug("http {} {}", response_.result_int(), parser_ ? std::string(parser_->get().target()) : "");
  }
  bool close = response_.need_eof() || body_unread;
  stream_.expires_after(state_->options.request_timeout);
  bhttp::async_write(stream_, response_,
                     [self = shared_from_this(), close, body_unread](beast::error_code ec, std::size_t) {
                       self->on_write(ec, close, body_unread);
                     });
}

void Session::on_write(beast::error_code ec, bool close, bool body_unread) {
  if (ec) return this->close();
  if (!close) return read_header();
  beast::error_code ignored;
  stream_.socket().shutdown(net::ip::tcp::socket::shutdown_send, ignored);
  // Closing with unread request bytes would reset the connection and could destroy the
  // answer before the client reads it; read and discard until the client closes.
  if (body_unread) return drain(std::make_shared<std::array<char, 16384>>());
  this->close();
}

void Session::drain(std::shared_ptr<std::array<char, 16384>> scratch) {
  stream_.expires_after(state_->options.request_timeout);
  stream_.async_read_some(net::buffer(*scratch), [self = shared_from_this(), scratch](beast::error_code ec, std::size_t) {
    if (ec) return self->close();
    self->drain(scratch);
  });
}

void Session::close() {
  beast::error_code ignored;
  stream_.socket().shutdown(net::ip::tcp::socket::shutdown_both, ignored);
  stream_.socket().close(ignored);
}

}  // namespace accord::http
