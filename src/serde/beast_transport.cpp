#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include "accord/serde/http_transport.hpp"

namespace accord::serde {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace asio = boost::asio;

struct ParsedUrl {
  std::string host;
  std::string port;
  std::string prefix;  // path the registry is mounted under, without a trailing '/'
};

SerdeResult<ParsedUrl> parse_url(const std::string& url) {
  constexpr std::string_view scheme = "http://";
  if (url.rfind(scheme, 0) != 0)
    return serde_error(ErrorKind::Transport, "unsupported registry URL '" + url + "': only http:// is supported");
  const std::string rest = url.substr(scheme.size());
  const auto slash = rest.find('/');
  const std::string authority = rest.substr(0, slash);
  ParsedUrl parsed;
  if (slash != std::string::npos) parsed.prefix = rest.substr(slash);
  while (!parsed.prefix.empty() && parsed.prefix.back() == '/') parsed.prefix.pop_back();
  const auto colon = authority.rfind(':');
  if (colon == std::string::npos || authority.back() == ']') {
    parsed.host = authority;
    parsed.port = "80";
  } else {
    parsed.host = authority.substr(0, colon);
    parsed.port = authority.substr(colon + 1);
  }
  if (parsed.host.size() > 2 && parsed.host.front() == '[') parsed.host = parsed.host.substr(1, parsed.host.size() - 2);
  if (parsed.host.empty()) return serde_error(ErrorKind::Transport, "registry URL '" + url + "' has no host");
  return parsed;
}

class BeastTransport final : public HttpTransport {
 public:
  explicit BeastTransport(std::chrono::milliseconds timeout) : timeout_(timeout) {}

  SerdeResult<HttpResponse> send(const std::string& base_url, const HttpRequest& request) override {
    auto url = parse_url(base_url);
    if (!url) return url.error();
    try {
      asio::io_context io;
      asio::ip::tcp::resolver resolver(io);
      beast::tcp_stream stream(io);
      stream.expires_after(timeout_);
      stream.connect(resolver.resolve(url->host, url->port));

      http::request<http::string_body> req{http::string_to_verb(request.method), url->prefix + request.target, 11};
      req.set(http::field::host, url->host + ":" + url->port);
      req.set(http::field::user_agent, "accord-serde");
      for (const auto& [name, value] : request.headers) req.set(name, value);
      if (!request.body.empty() || request.method == "POST" || request.method == "PUT") {
        req.body() = request.body;
        req.prepare_payload();
      }
      stream.expires_after(timeout_);
      http::write(stream, req);

      beast::flat_buffer buffer;
      http::response_parser<http::string_body> parser;
      parser.body_limit(64 * 1024 * 1024);
      http::read(stream, buffer, parser);
      beast::error_code ignored;
      stream.socket().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
      auto response = parser.release();
      return HttpResponse{static_cast<int>(response.result_int()), std::move(response.body())};
    } catch (const boost::system::system_error& e) {
      return serde_error(ErrorKind::Transport, base_url + ": " + e.code().message());
    }
  }

 private:
  std::chrono::milliseconds timeout_;
};

}  // namespace

std::unique_ptr<HttpTransport> make_beast_transport(std::chrono::milliseconds timeout) {
  return std::make_unique<BeastTransport>(timeout);
}

}  // namespace accord::serde
