#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include "accord/serde/http_transport.hpp"

namespace accord::serde {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace asio = boost::asio;

struct ParsedUrl {
  bool tls = false;
  std::string host;
  std::string port;
  std::string prefix;  // path the registry is mounted under, without a trailing '/'
};

SerdeResult<ParsedUrl> parse_url(const std::string& url) {
  ParsedUrl parsed;
  std::string rest;
  if (url.rfind("http://", 0) == 0) {
    rest = url.substr(7);
  } else if (url.rfind("https://", 0) == 0) {
    parsed.tls = true;
    rest = url.substr(8);
  } else {
    return serde_error(ErrorKind::Transport,
                       "unsupported registry URL '" + url + "': only http:// and https:// are supported");
  }
  const auto slash = rest.find('/');
  const std::string authority = rest.substr(0, slash);
  if (slash != std::string::npos) parsed.prefix = rest.substr(slash);
  while (!parsed.prefix.empty() && parsed.prefix.back() == '/') parsed.prefix.pop_back();
  const auto colon = authority.rfind(':');
  if (colon == std::string::npos || authority.back() == ']') {
    parsed.host = authority;
    parsed.port = parsed.tls ? "443" : "80";
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
  BeastTransport(std::chrono::milliseconds timeout, TlsClientOptions tls) : timeout_(timeout), tls_(std::move(tls)) {}

  SerdeResult<HttpResponse> send(const std::string& base_url, const HttpRequest& request) override {
    auto url = parse_url(base_url);
    if (!url) return url.error();
    try {
      asio::io_context io;
      asio::ip::tcp::resolver resolver(io);
      const auto endpoints = resolver.resolve(url->host, url->port);
      if (!url->tls) {
        beast::tcp_stream stream(io);
        stream.expires_after(timeout_);
        stream.connect(endpoints);
        auto response = exchange(stream, *url, request);
        beast::error_code ignored;
        stream.socket().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
        return response;
      }
      // https: the server's certificate must chain to the configured CAs (else the system's,
      // or the file OpenSSL's SSL_CERT_FILE names) and match the host.
      namespace ssl = asio::ssl;
      ssl::context context(ssl::context::tls_client);
      context.set_options(ssl::context::default_workarounds | ssl::context::no_sslv2 | ssl::context::no_sslv3 |
                          ssl::context::no_tlsv1 | ssl::context::no_tlsv1_1);
      if (auto loaded = load_tls_files(context); !loaded) return loaded.error();
      context.set_verify_mode(ssl::verify_peer);
      beast::ssl_stream<beast::tcp_stream> stream(io, context);
      stream.set_verify_callback(ssl::host_name_verification(url->host));
      if (!SSL_set_tlsext_host_name(stream.native_handle(), url->host.c_str()))
        return serde_error(ErrorKind::Transport, base_url + ": cannot set the TLS server name");
      auto& lowest = beast::get_lowest_layer(stream);
      lowest.expires_after(timeout_);
      lowest.connect(endpoints);
      stream.handshake(ssl::stream_base::client);
      auto response = exchange(stream, *url, request);
      beast::error_code ignored;
      lowest.socket().shutdown(asio::ip::tcp::socket::shutdown_both, ignored);
      return response;
    } catch (const boost::system::system_error& e) {
      return serde_error(ErrorKind::Transport, base_url + ": " + e.code().message());
    }
  }

 private:
  SerdeStatus load_tls_files(boost::asio::ssl::context& context) const {
    beast::error_code ec;
    const auto failed = [&](const char* what, const std::string& file) {
      return serde_error(ErrorKind::Transport, std::string("cannot load the TLS ") + what + " " + file + ": " +
                                                   ec.message());
    };
    if (tls_.ca_file.empty()) context.set_default_verify_paths(ec);
    else if (context.load_verify_file(tls_.ca_file, ec); ec) return failed("CA file", tls_.ca_file);
    if (!tls_.certificate_file.empty() &&
        (context.use_certificate_chain_file(tls_.certificate_file, ec), ec))
      return failed("certificate", tls_.certificate_file);
    const std::string& key = tls_.key_file.empty() ? tls_.certificate_file : tls_.key_file;
    if (!key.empty() && (context.use_private_key_file(key, boost::asio::ssl::context::pem, ec), ec))
      return failed("private key", key);
    return Done{};
  }

  template <class Stream>
  HttpResponse exchange(Stream& stream, const ParsedUrl& url, const HttpRequest& request) {
    http::request<http::string_body> req{http::string_to_verb(request.method), url.prefix + request.target, 11};
    req.set(http::field::host, url.host + ":" + url.port);
    req.set(http::field::user_agent, "accord-serde");
    for (const auto& [name, value] : request.headers) req.set(name, value);
    if (!request.body.empty() || request.method == "POST" || request.method == "PUT") {
      req.body() = request.body;
      req.prepare_payload();
    }
    beast::get_lowest_layer(stream).expires_after(timeout_);
    http::write(stream, req);

    beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    parser.body_limit(64 * 1024 * 1024);
    http::read(stream, buffer, parser);
    auto response = parser.release();
    return HttpResponse{static_cast<int>(response.result_int()), std::move(response.body())};
  }

  std::chrono::milliseconds timeout_;
  TlsClientOptions tls_;
};

}  // namespace

std::unique_ptr<HttpTransport> make_beast_transport(std::chrono::milliseconds timeout, TlsClientOptions tls) {
  return std::make_unique<BeastTransport>(timeout, std::move(tls));
}

}  // namespace accord::serde
