#include "exchange.hpp"

#include <exception>

#include <boost/beast/http/field.hpp>
#include <spdlog/spdlog.h>

#include "accord/http/content_types.hpp"
#include "accord/api/error_response.hpp"
#include "accord/model/errors.hpp"
#include "request_id.hpp"

namespace accord::http {

namespace bhttp = boost::beast::http;

namespace {

std::string_view view(boost::beast::string_view s) { return {s.data(), s.size()}; }
boost::beast::string_view beast_view(std::string_view s) { return {s.data(), s.size()}; }

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  }
  return out;
}

void copy_headers(const BeastRequest& raw, api::Request& request) {
  for (const auto& field : raw) {
    auto [it, inserted] = request.headers.try_emplace(lower(view(field.name_string())), view(field.value()));
    // Repeated fields form one comma-separated list (RFC 9110 §5.3).
    if (!inserted) it->second.append(", ").append(field.value().data(), field.value().size());
  }
}

}  // namespace

Exchange begin_exchange(BeastRequest& raw, const ServerOptions& options) {
  Exchange exchange;
  exchange.version = raw.version();
  exchange.keep_alive = raw.keep_alive();
  exchange.head = raw.method() == bhttp::verb::head;
  api::Request& request = exchange.request;
  // HEAD is answered as the GET it mirrors, without the body, as JAX-RS does.
  request.method = exchange.head ? std::string("GET") : std::string(raw.method_string());
  copy_headers(raw, request);
  request.body = std::move(raw.body());

  auto id = request.headers.find("x-request-id");
  exchange.request_id = id != request.headers.end() && !id->second.empty() ? id->second : new_request_id();

  auto accept = request.headers.find("accept");
  auto negotiated = negotiate_response_type(accept == request.headers.end() ? std::string_view{} : accept->second);
  exchange.content_type = negotiated.value_or(kSchemaRegistryV1Json);

  auto target = raw.target();
  if (!api::parse_target(std::string_view(target.data(), target.size()), request)) {
    exchange.early = api::error_response(errors::bad_request("Malformed request target"));
  } else if (!negotiated && !(options.answers_any_type && options.answers_any_type(request))) {
    exchange.early = api::error_response(errors::not_acceptable());
  } else if (!request.body.empty()) {
    auto type = request.headers.find("content-type");
    if (type != request.headers.end() && !is_accepted_request_type(type->second)) {
      exchange.early = api::error_response(errors::unsupported_media_type());
    }
  }
  return exchange;
}

api::Response call_handler(const Handler& handler, const api::Request& request) noexcept {
  try {
    return handler(request);
  } catch (const std::exception& e) {
    spdlog::error("handler failed: {} {}: {}", request.method, request.path, e.what());
  } catch (...) {
    spdlog::error("handler failed: {} {}: unknown exception", request.method, request.path);
  }
  try {
    return api::error_response(errors::internal("Internal Server Error"));
  } catch (...) {
    // Out of memory while building the error: an empty 500 still answers the client.
    api::Response bare;
    bare.status = 500;
    return bare;
  }
}

void finish_exchange(Exchange& exchange, api::Response&& answer, BeastResponse& out) {
  out = BeastResponse{};
  out.version(exchange.version);
  out.result(static_cast<unsigned>(answer.status));
  out.set(bhttp::field::content_type, beast_view(exchange.content_type));
  out.set("X-Request-ID", exchange.request_id);
  for (const auto& [name, value] : answer.headers) out.set(name, value);
  out.keep_alive(exchange.keep_alive);
  if (exchange.head) {
    out.content_length(answer.body.size());
  } else {
    out.body() = std::move(answer.body);
    out.prepare_payload();
  }
}

void framework_error(const Error& error, BeastResponse& out) {
  api::Response answer = api::error_response(error);
  out = BeastResponse{};
  out.version(11);
  out.result(static_cast<unsigned>(answer.status));
  out.set(bhttp::field::content_type, beast_view(kSchemaRegistryV1Json));
  out.set("X-Request-ID", new_request_id());
  out.keep_alive(false);
  out.body() = std::move(answer.body);
  out.prepare_payload();
}

}  // namespace accord::http
