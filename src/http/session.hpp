#pragma once
// One client connection: reads a request, answers it, repeats while keep-alive holds.
// Requests are answered strictly in order, one at a time; pipelined requests wait in the
// read buffer, so at most one request per connection is in progress.
#include <array>
#include <memory>
#include <optional>

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <boost/beast/http/parser.hpp>

#include "exchange.hpp"
#include "server_state.hpp"

namespace accord::http {

using PlainStream = boost::beast::tcp_stream;
using TlsStream = boost::beast::ssl_stream<boost::beast::tcp_stream>;

// `Stream`: PlainStream, or TlsStream (the TLS handshake comes before the first read).
template <class Stream>
class Session : public std::enable_shared_from_this<Session<Stream>> {
 public:
  // `refuse`: the server is at max_connections; the first request gets 503 and the
  // connection closes.
  Session(boost::asio::ip::tcp::socket&& socket, std::shared_ptr<ServerState> state, bool refuse);
  ~Session();
  void start();

 private:
  void read_header();
  void on_header(boost::beast::error_code ec);
  void read_body();
  void on_request(boost::beast::error_code ec);
  void on_read_error(boost::beast::error_code ec);
  void dispatch(Exchange exchange);
  void send(bool body_unread);
  void on_write(boost::beast::error_code ec, bool close, bool body_unread);
  void drain(std::shared_ptr<std::array<char, 16384>> scratch);
  void close();
  boost::beast::tcp_stream& lowest() { return boost::beast::get_lowest_layer(stream_); }
  static Stream make_stream(boost::asio::ip::tcp::socket&& socket, ServerState& state);

  Stream stream_;
  boost::beast::flat_buffer buffer_;
  std::shared_ptr<ServerState> state_;
  std::optional<boost::beast::http::request_parser<boost::beast::http::string_body>> parser_;
  BeastResponse response_;
  bool refuse_;
};

}  // namespace accord::http
