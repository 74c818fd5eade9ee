#include "accord/http/forwarder.hpp"

#include <cctype>
#include <limits>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/ssl.hpp>

#include "accord/api/cluster_headers.hpp"
#include "accord/model/errors.hpp"

namespace accord::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = asio::ip::tcp;

namespace {

beast::string_view beast_view(std::string_view s) { return {s.data(), s.size()}; }

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
  bool tls = false;
};

std::optional<Target> parse_base(const std::string& url) {
  Target t;
  std::string rest;
  if (url.rfind("http://", 0) == 0) {
    rest = url.substr(7);
  } else if (url.rfind("https://", 0) == 0) {
    rest = url.substr(8);
    t.tls = true;
  } else {
    return std::nullopt;
  }
  if (auto slash = rest.find('/'); slash != std::string::npos) rest.resize(slash);
  const std::string default_port = t.tls ? "443" : "80";
  if (!rest.empty() && rest.front() == '[') {  // [v6]:port
    auto close = rest.find(']');
    if (close == std::string::npos) return std::nullopt;
    t.host = rest.substr(1, close - 1);
    t.port = close + 2 <= rest.size() ? rest.substr(close + 2) : default_port;
  } else {
    auto colon = rest.rfind(':');
    t.host = rest.substr(0, colon);
    t.port = colon == std::string::npos ? default_port : rest.substr(colon + 1);
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

  bhttp::request<bhttp::string_body> out{verb, forward_target(request), 11};
  out.set(bhttp::field::host, target->host + ":" + target->port);
  for (const char* name : {"authorization", "content-type", "accept", "x-request-id", "confluent-accept-unknown-properties"})
    if (auto value = request.header(name)) out.set(name, *value);
  out.set(beast_view(api::kForwardedHeader), "true");
  out.keep_alive(false);
  out.body() = request.body;
  out.prepare_payload();

  asio::io_context io;
  tcp::resolver resolver(io);
  beast::error_code ec;
  const auto endpoints = resolver.resolve(target->host, target->port, ec);
  if (ec) return fail("cannot resolve " + target->host, ec);

  beast::flat_buffer buffer;
  bhttp::response_parser<bhttp::string_body> parser;
  parser.body_limit(std::numeric_limits<std::uint64_t>::max());

  // Sends `out` and reads the answer into `parser` over a connected (and handshaken) stream.
  auto exchange = [&](auto& stream) {
    // From here on the writer may have received the request: never send it twice.
    outcome.sent = true;
    beast::get_lowest_layer(stream).expires_after(options.read_timeout);
    io.restart();
    bhttp::async_write(stream, out, [&](const beast::error_code& e, std::size_t) {
      ec = e;
      if (e) return;
      bhttp::async_read(stream, buffer, parser, [&](const beast::error_code& r, std::size_t) { ec = r; });
    });
    io.run();
  };

  if (!target->tls) {
    beast::tcp_stream stream(io);
    stream.expires_after(options.connect_timeout);
    stream.async_connect(endpoints, [&](const beast::error_code& e, const tcp::endpoint&) { ec = e; });
    io.run();
    if (ec) return fail("cannot connect", ec);
    exchange(stream);
    if (ec) return fail("no answer", ec);
    beast::error_code ignored;
    stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
  } else {
    namespace ssl = asio::ssl;
    ssl::context context(ssl::context::tls_client);
    context.set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3 |
                        ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1);
    if (!options.ca_file.empty()) context.load_verify_file(options.ca_file, ec);
    else context.set_default_verify_paths(ec);
    if (ec) return fail("cannot load the CA file " + options.ca_file, ec);
    if (!options.certificate_file.empty() && !options.key_file.empty()) {
      context.use_certificate_chain_file(options.certificate_file, ec);
      if (!ec) context.use_private_key_file(options.key_file, ssl::context::pem, ec);
      if (ec) return fail("cannot load this node's certificate", ec);
    }
    context.set_verify_mode(ssl::verify_peer);
    beast::ssl_stream<beast::tcp_stream> stream(io, context);
    stream.set_verify_callback(ssl::host_name_verification(target->host));
    if (!SSL_set_tlsext_host_name(stream.native_handle(), target->host.c_str()))
      return fail("cannot set the TLS server name", {});
    auto& lowest = beast::get_lowest_layer(stream);
    lowest.expires_after(options.connect_timeout);
    lowest.async_connect(endpoints, [&](const beast::error_code& e, const tcp::endpoint&) { ec = e; });
    io.run();
    if (ec) return fail("cannot connect", ec);
    io.restart();
    stream.async_handshake(ssl::stream_base::client, [&](const beast::error_code& e) { ec = e; });
    io.run();
    // A refused handshake: nothing was sent, but the writer is there; not worth retrying.
    if (ec) return fail("TLS handshake failed", ec);
    exchange(stream);
    if (ec) return fail("no answer", ec);
    beast::error_code ignored;
    lowest.socket().shutdown(tcp::socket::shutdown_both, ignored);
  }

  const auto& in = parser.get();
  api::Response response;
  response.status = static_cast<int>(in.result_int());
  response.body = in.body();
  for (std::string_view name : {std::string_view("Content-Type"), api::kOffsetHeader, api::kWriterHeader,
                                std::string_view("WWW-Authenticate")}) {
    auto it = in.find(beast_view(name));
    if (it != in.end()) response.headers[std::string(name)] = std::string(it->value());
  }
  outcome.response = std::move(response);
  return outcome;
}

}  // namespace accord::http
