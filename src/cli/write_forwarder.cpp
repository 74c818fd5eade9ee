#include "accord/cli/write_forwarder.hpp"

#include <spdlog/spdlog.h>

#include <cstdlib>

#include "accord/api/cluster_headers.hpp"
#include "accord/api/error_response.hpp"

namespace accord::cli {

WriteForwarder::WriteForwarder(store::StateStore& store, api::Api& api, cluster::WriteRouter& router,
                               WriteForwarderOptions options)
    : store_(store), api_(api), router_(router), options_(std::move(options)) {}

api::Response WriteForwarder::handle(const api::RouteMatch& route, const api::Request& request) const {
  if (!router_.is_writer())
    if (auto existing = api_.existing_registration(route, request)) return std::move(*existing);
  const auto forwarded = request.header(api::kForwardedHeaderLower);
  const auto deadline = std::chrono::steady_clock::now() + options_.leader_wait;
  std::string refused;
  for (;;) {
    const auto target = router_.route(forwarded && *forwarded == "true", deadline, refused);
    if (target.kind == cluster::WriteRoute::Kind::Fail) return api::error_response(target.error);
    if (target.kind == cluster::WriteRoute::Kind::Local) {
      auto response = api_.dispatch(route, request);
      // Everything this write appended is applied here now: the follower that forwarded
      // it waits for this offset before answering (read-your-writes on every node).
      response.headers[std::string(api::kOffsetHeader)] = std::to_string(store_.applied_offset());
      response.headers[std::string(api::kWriterHeader)] = options_.advertised;
      return response;
    }
    auto outcome = http::forward_request(target.url, request, options_.forward);
    if (!outcome.response) {
      // Nothing reached that writer (gone, or not listening yet): wait for the log to
      // name the next one, within the same bound.
      if (!outcome.sent && std::chrono::steady_clock::now() < deadline) {
        refused = target.url;
        continue;
      }
      spdlog::warn("{}", outcome.error.message);
      return api::error_response(outcome.error);
    }
    auto response = std::move(*outcome.response);
    if (auto it = response.headers.find(std::string(api::kOffsetHeader)); it != response.headers.end()) {
      const Offset offset{std::strtoll(it->second.c_str(), nullptr, 10)};
      if (!store_.wait_applied(offset, std::chrono::steady_clock::now() + options_.apply_wait))
        spdlog::warn("forwarded write applied by the writer at offset {} but not here within {} ms", offset,
                     options_.apply_wait.count());
    }
    return response;
  }
}

}  // namespace accord::cli
