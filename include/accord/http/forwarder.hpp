#pragma once
// Sends a write that reached a follower to the elected writer, as Confluent's followers do:
// the same method, path, query and body, with the headers that matter (Authorization,
// Content-Type, Accept, X-Request-ID, Confluent-Accept-Unknown-Properties) plus
// `X-Forward: true`, and brings the writer's answer back unchanged.
#include <chrono>
#include <optional>
#include <string>

#include "accord/api/request.hpp"
#include "accord/model/error.hpp"

namespace accord::http {

struct ForwardOptions {
  std::chrono::milliseconds connect_timeout{10000};  // leader.connect.timeout.ms
  std::chrono::milliseconds read_timeout{60000};     // leader.read.timeout.ms
  // For an https:// writer: the CAs its certificate must chain to (ssl.truststore.location;
  // empty = the system's), and this node's certificate and key, presented when the writer
  // requires client certificates.
  std::string ca_file;
  std::string certificate_file;
  std::string key_file;
};

struct ForwardOutcome {
  // The writer's answer: status, body, and its Content-Type / X-Accord-Offset /
  // X-Accord-Writer / WWW-Authenticate headers in `headers`.
  std::optional<api::Response> response;
  // Without an answer: a 50003 error.
  Error error{ErrorCode::ForwardingFailed, ""};
  // False when the connection could not even be opened: nothing reached the writer, so
  // the caller may try another writer.
  bool sent = false;
};

// `base_url`: http://host:port or https://host:port of the writer.
ForwardOutcome forward_request(const std::string& base_url, const api::Request& request, const ForwardOptions& options);

// The request target as sent on: the raw path and the query re-encoded.
std::string forward_target(const api::Request& request);

}  // namespace accord::http
