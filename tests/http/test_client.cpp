#include "test_client.hpp"

#include <sys/socket.h>
#include <sys/time.h>

#include <boost/asio/connect.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

namespace accord::http::testkit {

namespace bhttp = boost::beast::http;
using tcp = boost::asio::ip::tcp;

TestClient::TestClient(uint16_t port) : socket_(ioc_) {
  socket_.connect(tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), port));
  // Generous deadline: it only matters when the server under test is broken.
  timeval timeout{30, 0};
  setsockopt(socket_.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
}

Response TestClient::send(Request request) {
  request.prepare_payload();
  bhttp::write(socket_, request);
  return read();
}

void TestClient::write_raw(const std::string& bytes) { boost::asio::write(socket_, boost::asio::buffer(bytes)); }

Response TestClient::read() {
  Response response;
  bhttp::read(socket_, buffer_, response);
  return response;
}

Response TestClient::read_head_response() {
  bhttp::response_parser<bhttp::string_body> parser;
  parser.skip(true);
  bhttp::read(socket_, buffer_, parser);
  return parser.release();
}

bool TestClient::closed_by_server() {
  char byte;
  boost::system::error_code ec;
  std::size_t n = socket_.read_some(boost::asio::buffer(&byte, 1), ec);
  return n == 0 && (ec == boost::asio::error::eof || ec == boost::asio::error::connection_reset);
}

Request TestClient::get(const std::string& target) {
  Request request{bhttp::verb::get, target, 11};
  request.set(bhttp::field::host, "127.0.0.1");
  return request;
}

Request TestClient::post(const std::string& target, std::string body, const std::string& content_type) {
  Request request{bhttp::verb::post, target, 11};
  request.set(bhttp::field::host, "127.0.0.1");
  if (!content_type.empty()) request.set(bhttp::field::content_type, content_type);
  request.body() = std::move(body);
  return request;
}

}  // namespace accord::http::testkit
