#pragma once
// One request/response exchange without the socket: the framework checks made before the
// handler runs, the call itself (exceptions become 500) and the Beast response built from
// the handler's answer. The session only moves bytes.
#include <optional>
#include <string>
#include <string_view>

#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>

#include "accord/api/request.hpp"
#include "accord/http/server.hpp"
#include "accord/model/error.hpp"

namespace accord::http {

using BeastRequest = boost::beast::http::request<boost::beast::http::string_body>;
using BeastResponse = boost::beast::http::response<boost::beast::http::string_body>;

struct Exchange {
  api::Request request;
  std::string_view content_type;  // negotiated response type (static storage)
  std::string request_id;
  unsigned version = 11;
  bool keep_alive = true;
  bool head = false;                     // answer with headers only
  std::optional<api::Response> early;    // set when a framework check answered already
};

// Builds the api::Request (moving the body out of `raw`) and runs the 400/406/415 checks;
// `options.answers_any_type` exempts a request from Accept negotiation.
Exchange begin_exchange(BeastRequest& raw, const ServerOptions& options);

// Runs the handler; an exception becomes a logged 500, never a crash.
api::Response call_handler(const Handler& handler, const api::Request& request) noexcept;

// Fills `out` from the handler's answer (or `exchange.early`).
void finish_exchange(Exchange& exchange, api::Response&& answer, BeastResponse& out);

// A framework error answered outside any exchange (unparseable request, limits, refusal):
// v1+json body, connection closed afterwards.
void framework_error(const Error& error, BeastResponse& out);

}  // namespace accord::http
