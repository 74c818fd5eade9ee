#pragma once
// A blocking HTTP/1.1 client for the server tests: one connection, requests written either
// as Beast messages or as raw bytes, responses read with a receive timeout so a broken
// server fails the test instead of hanging it.
#include <string>

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

namespace accord::http::testkit {

using Request = boost::beast::http::request<boost::beast::http::string_body>;
using Response = boost::beast::http::response<boost::beast::http::string_body>;

class TestClient {
 public:
  explicit TestClient(uint16_t port);

  Response send(Request request);
  void write_raw(const std::string& bytes);
  // Throws boost::system::system_error on timeout or a closed connection.
  Response read();
  // Reads the answer to a HEAD request (headers only, whatever Content-Length says).
  Response read_head_response();
  // True when the server closed the connection (read returns end of stream).
  bool closed_by_server();

  static Request get(const std::string& target);
  static Request post(const std::string& target, std::string body,
                      const std::string& content_type = "application/vnd.schemaregistry.v1+json");

 private:
  boost::asio::io_context ioc_;
  boost::asio::ip::tcp::socket socket_;
  boost::beast::flat_buffer buffer_;
};

}  // namespace accord::http::testkit
