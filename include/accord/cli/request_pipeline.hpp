#pragma once
// What stands in front of the endpoints, in this order (docs/architecture.md, "The request
// pipeline"): the request is prepared (Confluent's rewrites: context URL prefix, subject
// aliases), the route is matched once, then
//   authentication -> readiness -> permission -> limits -> forward or handle
//   -> listings filtered to what the caller may read -> metrics;
// the HTTP layer writes the access log line after. Every stage reads the route's
// descriptor (accord/api/route.hpp); none looks at path segments.
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "accord/api/request.hpp"
#include "accord/api/route.hpp"
#include "accord/auth/auth.hpp"
#include "accord/cli/request_limits.hpp"
#include "accord/http/metrics.hpp"
#include "accord/model/error.hpp"

namespace accord::cli {

using RouteHandler = std::function<api::Response(const api::RouteMatch&, const api::Request&)>;

struct PipelineStages {
  // Confluent's request rewrites, before anything reads the request (Api::prepare); an
  // error is the answer. Empty: the request as it came.
  std::function<Result<api::Request>(const api::Request&)> prepare;
  std::function<bool()> ready;  // the store has caught up with the log
  // Null: no authentication (authentication.method=NONE).
  const auth::Authenticator* authenticator = nullptr;
  // The subjects using a schema, for a read of the schema by id; nullopt for no such schema.
  // The request is a read of /schemas/ids/{id}...; its ?subject= may name the id's context.
  std::function<std::optional<std::vector<std::string>>(const api::Request& request)> subjects_using_schema;
  RequestLimits limits;
  RouteHandler handle;         // the API
  RouteHandler write;          // the writes; empty: the API takes them too
  http::Metrics* metrics = nullptr;  // null: nothing counted
};

class RequestPipeline {
 public:
  RequestPipeline(const api::RouteTable& routes, PipelineStages stages);

  api::Response operator()(const api::Request& request) const;

 private:
  api::Response answer(const api::Request& request, const api::RouteMatch& route) const;
  std::optional<api::Response> refuse(const auth::User& user, const api::Request& request,
                                      const api::RouteMatch& route) const;

  const api::RouteTable& routes_;
  PipelineStages stages_;
};

}  // namespace accord::cli
