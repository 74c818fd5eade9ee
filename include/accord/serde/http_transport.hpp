#pragma once
// One HTTP exchange with one registry node. The registry client owns retries, fail-over
// and caching above this seam, which keeps them testable without sockets.
#include <chrono>
#include <memory>
#include <string>
#include <vector>

#include "accord/serde/error.hpp"

namespace accord::serde {

struct HttpRequest {
  std::string method;  // "GET", "POST", ...
  std::string target;  // path and query, e.g. "/subjects/a-value/versions?normalize=true"
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
};

struct HttpResponse {
  int status = 0;
  std::string body;
};

class HttpTransport {
 public:
  virtual ~HttpTransport() = default;
  // `base_url` is "http://host:port" optionally followed by a path prefix. A Transport
  // error means the node could not be reached or did not answer in time.
  virtual SerdeResult<HttpResponse> send(const std::string& base_url, const HttpRequest& request) = 0;
};

// https:// settings, by the names Confluent's clients use (`ssl.ca.location`,
// `ssl.certificate.location`, `ssl.key.location`). Empty: the system's CAs, no client certificate.
struct TlsClientOptions {
  std::string ca_file;           // PEM CAs the registry's certificate must chain to
  std::string certificate_file;  // PEM client certificate chain, for registries that require one (mTLS)
  std::string key_file;          // its private key (PEM)
};

// Synchronous Boost.Beast client; one connection per exchange. http:// and https:// (TLS 1.2+,
// the server certificate verified against `tls.ca_file`, else the system CAs or OpenSSL's
// SSL_CERT_FILE, and its host name checked).
std::unique_ptr<HttpTransport> make_beast_transport(std::chrono::milliseconds timeout, TlsClientOptions tls = {});

}  // namespace accord::serde
