#include "accord/http/forwarder.hpp"

#include <cctype>
#include <limits>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "accord/model/errors.hpp"

namespace accord::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;

namespace {

void encode_component(std::string_view in, std::string& out) {
  static const char* hex = "0123456789ABCDEF";
  for (char c : in) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || c == '-' || c == '.' || c == '_' || c == '~') {
      out.push_back(c);
    } else {
      out.push_back('%');
      out.push_back(hex[u >> 4]);
      out.push_back(hex[u & 15]);
    }
  }
}

struct Target {
  std::string host;
  std::string port;
};

std::optional<Target> parse_base(const std::string& url) {
  const std::string scheme = "http://";
  if (url.rfind(scheme, 0) != 0) return std::nullopt;
  std::string rest = url.substr(scheme.size());
  if (auto slash = rest.find('/'); slash != std::string::npos) rest.resize(slash);
  Target t;
  if (!rest.empty() && rest.front() == '[') {  // [v6]:port
    auto close = rest.find(']');
    if (close == std::string::npos) return std::nullopt;
    t.host = rest.substr(1, close - 1);
    t.port = close + 2 <= rest.size() ? rest.substr(close + 2) : "80";
  } else {
    auto colon = rest.rfind(':');
    t.host = rest.substr(0, colon);
    t.port = colon == std::string::npos ? "80" : rest.substr(colon + 1);
  }
  if (t.host.empty() || t.port.empty()) return std::nullopt;
  return t;
}

}  // namespace

std::string forward_target(const api::Request& request) {
  std::string target = request.path.empty() ? "/" : request.path;
  char separator = '?';
  for (const auto& [name, value] : request.query) {
    target.push_back(separator);
    separator = '&';
    encode_component(name, target);
    target.push_back('=');
    encode_component(value, target);
  }
  return target;
}

ForwardOutcome forward_request(const std::string& base_url, const api::Request& request, const ForwardOptions& options) {
  ForwardOutcome outcome;
  auto fail = [&](const std::string& what, const beast::error_code& ec) {
    outcome.error = errors::forwarding_failed("Error while forwarding the request to the leader " + base_url + ": " +
                                              what + (ec ? ": " + ec.message() : std::string()));
    return outcome;
  };
  const auto target = parse_base(base_url);
  if (!target) return fail("not an http:// URL", {});
  const bhttp::verb verb = bhttp::string_to_verb(request.method);
  if (verb == bhttp::verb::unknown) return fail("unsupported method " + request.method, {});

  asio::io_context io;
  tcp::resolver resolver(io);
  beast::tcp_stream stream(io);
  beast::error_code ec;
  const auto endpoints = resolver.resolve(target->host, target->port, ec);
  if (ec) return fail("cannot resolve " + target->host, ec);

  stream.expires_after(options.connect_timeout);
  stream.async_connect(endpoints, [&](const beast::error_code& e, const tcp::endpoint&) { ec = e; });
  io.run();
  if (ec) return fail("cannot connect", ec);

  bhttp::request<bhttp::string_body> out{verb, forward_target(request), 11};
  out.set(bhttp::field::host, target->host + ":" + target->port);
  for (const char* name : {"authorization", "content-type", "accept", "x-request-id", "confluent-accept-unknown-properties"})
    if (auto value = request.header(name)) out.set(name, *value);
  out.set("X-Forward", "true");
  out.keep_alive(false);
  out.body() = request.body;
  out.prepare_payload();

  // From here on the writer may have received the request: never send it twice.
  outcome.sent = true;
  beast::flat_buffer buffer;
  bhttp::response_parser<bhttp::string_body> parser;
  parser.body_limit(std::numeric_limits<std::uint64_t>::max());
  stream.expires_after(options.read_timeout);
  io.restart();
  bhttp::async_write(stream, out, [&](const beast::error_code& e, std::size_t) {
    ec = e;
    if (e) return;
    bhttp::async_read(stream, buffer, parser, [&](const beast::error_code& r, std::size_t) { ec = r; });
  });
  io.run();
  if (ec) return fail("no answer", ec);
  beast::error_code ignored;
  stream.socket().shutdown(tcp::socket::shutdown_both, ignored);

  const auto& in = parser.get();
  api::Response response;
  response.status = static_cast<int>(in.result_int());
  response.body = in.body();
  for (const char* name : {"Content-Type", "X-Accord-Offset", "X-Accord-Writer", "WWW-Authenticate"}) {
    auto it = in.find(name);
    if (it != in.end()) response.headers[name] = std::string(it->value());
  }
  outcome.response = std::move(response);
  return outcome;
}

}  // namespace accord::http
