#include "session.hpp"

#include <array>
#include <type_traits>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <spdlog/spdlog.h>

#include "accord/api/error_response.hpp"
#include "accord/model/errors.hpp"

namespace accord::http {

namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
namespace net = boost::asio;

namespace {

bool is_fast(const ServerOptions& options, const api::Request& request) {
  if (options.is_fast) return options.is_fast(request);
  return request.method == "GET";  // HEAD arrives here as GET
}

}  // namespace

template <class Stream>
Stream Session<Stream>::make_stream(net::ip::tcp::socket&& socket, ServerState& state) {
  if constexpr (std::is_same_v<Stream, TlsStream>)
    return Stream(std::move(socket), *state.tls);
  else
    return Stream(std::move(socket));
}

template <class Stream>
Session<Stream>::Session(net::ip::tcp::socket&& socket, std::shared_ptr<ServerState> state, bool refuse)
    : stream_(make_stream(std::move(socket), *state)), state_(std::move(state)), refuse_(refuse) {
  ++state_->connections;
}

template <class Stream>
Session<Stream>::~Session() { --state_->connections; }

template <class Stream>
void Session<Stream>::start() {
  // The socket's io_context runs on one thread: everything of this session runs serialized.
  net::dispatch(stream_.get_executor(), [self = this->shared_from_this()] {
    if constexpr (std::is_same_v<Stream, TlsStream>) {
      self->lowest().expires_after(self->state_->options.request_timeout);
      self->stream_.async_handshake(net::ssl::stream_base::server, [self](beast::error_code ec) {
        if (ec) {
          spdlog::debug("tls handshake failed: {}", ec.message());
          return self->close();
        }
        self->read_header();
      });
    } else {
      self->read_header();
    }
  });
}

template <class Stream>
void Session<Stream>::read_header() {
  parser_.emplace();
  parser_->header_limit(static_cast<std::uint32_t>(state_->options.header_limit));
  parser_->body_limit(state_->options.body_limit);
  lowest().expires_after(state_->options.request_timeout);
  bhttp::async_read_header(stream_, buffer_, *parser_,
                           [self = this->shared_from_this()](beast::error_code ec, std::size_t) { self->on_header(ec); });
}

template <class Stream>
void Session<Stream>::on_header(beast::error_code ec) {
  if (ec) return on_read_error(ec);
  auto& header = parser_->get();
  // curl and others wait for "100 Continue" before sending a large body.
  auto expect = header[bhttp::field::expect];
  if (beast::iequals(expect, "100-continue") && !parser_->is_done()) {
    auto interim = std::make_shared<bhttp::response<bhttp::empty_body>>(bhttp::status::continue_, header.version());
    bhttp::async_write(stream_, *interim, [self = this->shared_from_this(), interim](beast::error_code ec, std::size_t) {
      if (ec) return self->close();
      self->read_body();
    });
    return;
  }
  read_body();
}

template <class Stream>
void Session<Stream>::read_body() {
  bhttp::async_read(stream_, buffer_, *parser_,
                    [self = this->shared_from_this()](beast::error_code ec, std::size_t) { self->on_request(ec); });
}

template <class Stream>
void Session<Stream>::on_read_error(beast::error_code ec) {
  if (ec == bhttp::error::body_limit) {
    framework_error(errors::payload_too_large("Request body is larger than the limit of " +
                                              std::to_string(state_->options.body_limit) + " bytes"),
                    response_);
    return send(true);
  }
  if (ec == bhttp::error::header_limit) {
    framework_error(errors::header_fields_too_large(), response_);
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

template <class Stream>
void Session<Stream>::on_request(beast::error_code ec) {
  if (ec) return on_read_error(ec);
  lowest().expires_never();  // the handler may take longer than a read may
  Exchange exchange = begin_exchange(parser_->get(), state_->options);
  if (refuse_) exchange.early = api::error_response(errors::unavailable("Too many connections"));
  if (refuse_) exchange.keep_alive = false;
  dispatch(std::move(exchange));
}

template <class Stream>
void Session<Stream>::dispatch(Exchange exchange) {
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
  net::post(state_->blocking_pool, [self = this->shared_from_this(), exchange = std::move(exchange)]() mutable {
    api::Response answer = call_handler(self->state_->handler, exchange.request);
    net::post(self->stream_.get_executor(),
              [self, exchange = std::move(exchange), answer = std::move(answer)]() mutable {
                finish_exchange(exchange, std::move(answer), self->response_);
                self->send(false);
              });
  });
}

template <class Stream>
void Session<Stream>::send(bool body_unread) {
  if (spdlog::should_log(spdlog::level::debug)) {
    // The access log: one line per answer, carrying the request id the client sees.
    spdlog::debug("http access {} {} {} request_id={}", parser_ ? std::string(parser_->get().method_string()) : "-",
                  parser_ ? std::string(parser_->get().target()) : "-", response_.result_int(),
                  std::string(response_["X-Request-ID"]));
  }
  bool close = response_.need_eof() || body_unread;
  lowest().expires_after(state_->options.request_timeout);
  bhttp::async_write(stream_, response_,
                     [self = this->shared_from_this(), close, body_unread](beast::error_code ec, std::size_t) {
                       self->on_write(ec, close, body_unread);
                     });
}

template <class Stream>
void Session<Stream>::on_write(beast::error_code ec, bool close, bool body_unread) {
  if (ec) return this->close();
  if (!close) return read_header();
  beast::error_code ignored;
  lowest().socket().shutdown(net::ip::tcp::socket::shutdown_send, ignored);
  // Closing with unread request bytes would reset the connection and could destroy the
  // answer before the client reads it; read and discard until the client closes.
  if (body_unread) return drain(std::make_shared<std::array<char, 16384>>());
  this->close();
}

template <class Stream>
void Session<Stream>::drain(std::shared_ptr<std::array<char, 16384>> scratch) {
  lowest().expires_after(state_->options.request_timeout);
  stream_.async_read_some(net::buffer(*scratch), [self = this->shared_from_this(), scratch](beast::error_code ec, std::size_t) {
    if (ec) return self->close();
    self->drain(scratch);
  });
}

template <class Stream>
void Session<Stream>::close() {
  beast::error_code ignored;
  lowest().socket().shutdown(net::ip::tcp::socket::shutdown_both, ignored);
  lowest().socket().close(ignored);
}

template class Session<PlainStream>;
template class Session<TlsStream>;

}  // namespace accord::http
