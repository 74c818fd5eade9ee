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

// Synchronous Boost.Beast client; one connection per exchange. http:// and https:// (TLS 1.2+,
// the server certificate verified against the system CAs or OpenSSL's SSL_CERT_FILE).
std::unique_ptr<HttpTransport> make_beast_transport(std::chrono::milliseconds timeout);

}  // namespace accord::serde
