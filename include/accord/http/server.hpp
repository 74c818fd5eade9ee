#pragma once
// The HTTP/1.1 server (Boost.Beast): listener -> session (keep-alive, body limit, timeout)
// -> one handler that knows nothing about sockets. Content negotiation, the 415/406/413
// framework errors and the error body for them are decided here.
//
// Threading (docs/http.md): `threads` io threads do all socket work and run the handler
// inline for requests `is_fast` accepts (by default GET/HEAD: reads served from the local
// store). Every other request runs on a separate pool of `handler_threads`, because a write
// may block for seconds waiting for the log and must not stall the connections of the io
// thread it arrived on.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "accord/api/request.hpp"

namespace accord::http {

using Handler = std::function<api::Response(const api::Request&)>;

// An https:// listener (docs/security.md): PEM files.
struct TlsOptions {
  std::string certificate_file;  // ssl.certificate.location (chain allowed)
  std::string key_file;          // ssl.key.location
  std::string ca_file;           // ssl.truststore.location: CAs client certificates must chain to
  bool request_client_certificate = false;  // ssl.client.authentication=REQUESTED
  bool require_client_certificate = false;  // ssl.client.authentication=REQUIRED
};

struct ServerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 8081;               // 0 = pick a free port (see Server::port)
  int threads = 0;                    // 0 = one per core
  std::size_t body_limit = 16u << 20;  // bytes; larger bodies get 413
  std::size_t header_limit = 64u << 10;
  std::chrono::seconds request_timeout{60};
  std::size_t max_connections = 10000;
  // Threads that run handlers which may block (see above); at least 1.
  int handler_threads = 16;
  // True when a request's handler never blocks and may run on the io thread.
  // Empty = GET and HEAD requests.
  std::function<bool(const api::Request&)> is_fast;
  // True for a request answered whatever its Accept header says (the metrics, which
  // scrapers ask for as text/plain). Empty = none.
  std::function<bool(const api::Request&)> answers_any_type;
  // Set: TLS on every connection (handshake first, then HTTP/1.1 as above).
  std::optional<TlsOptions> tls;
};

class Server {
 public:
  Server(ServerOptions options, Handler handler);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds the listener; after this port() is the actual port. Error text when binding fails.
  std::string bind();
  uint16_t port() const;
  // Serves until stop() is called (from a signal handler thread or another thread).
  // Binds first when bind() was not called.
  void run();
  void stop();
  std::size_t open_connections() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace accord::http
