#include "accord/cli/request_pipeline.hpp"

#include <chrono>

#include "accord/api/error_response.hpp"
#include "accord/model/errors.hpp"

namespace accord::cli {

RequestPipeline::RequestPipeline(const api::RouteTable& routes, PipelineStages stages)
    : routes_(routes), stages_(std::move(stages)) {}

api::Response RequestPipeline::operator()(const api::Request& sent) const {
  const auto start = std::chrono::steady_clock::now();
  Result<api::Request> prepared = sent;
  if (stages_.prepare) prepared = stages_.prepare(sent);
  const api::Request& request = prepared ? *prepared : sent;
  const auto route = routes_.match(request);
  auto response = prepared ? answer(request, route) : api::error_response(prepared.error());
  if (stages_.metrics)
    stages_.metrics->observe(request.method, route, response,
                             std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  return response;
}

api::Response RequestPipeline::answer(const api::Request& request, const api::RouteMatch& route) const {
  const auth::User* user = nullptr;
  const bool open = route.permission == api::Permission::Open;
  if (stages_.authenticator && !open)
    if (auto refused = stages_.authenticator->identify(request, &user)) return *refused;
  // Until the store has caught up with the log only liveness and status questions are
  // answered: a read now could silently be stale. Before the permission check, which may
  // itself read the store (the subjects of a schema).
  if (!route.answers_before_ready() && stages_.ready && !stages_.ready())
    return api::error_response(errors::not_caught_up());
  if (user)
    if (auto refused = refuse(*user, request, route)) return *refused;
  if (auto over = stages_.limits.check(request, route)) return api::error_response(*over);

  const auto& stage = route.writes() && stages_.write ? stages_.write : stages_.handle;
  if (!user) return stage(route, request);
  if (route.answer() == api::Answer::VisibleOnly) {
    // The catalog and the map count and page only what this user may read.
    api::Request visible = request;
    visible.may_read = [this, user](const std::string& subject) {
      return stages_.authenticator->may_read_subject(*user, subject);
    };
    return stage(route, visible);
  }
  auto response = stage(route, request);
  if (route.answer() == api::Answer::SubjectListing) stages_.authenticator->filter_listing(*user, response);
  return response;
}

std::optional<api::Response> RequestPipeline::refuse(const auth::User& user, const api::Request& request,
                                                    const api::RouteMatch& route) const {
  if (route.permission != api::Permission::ReadSchema) return stages_.authenticator->authorize(user, route);
  if (!route.schema_id || !stages_.subjects_using_schema) return std::nullopt;
  const auto subjects = stages_.subjects_using_schema(request);
  if (!subjects) return std::nullopt;  // no such schema: its endpoint answers 404
  return stages_.authenticator->authorize_schema(user, *route.schema_id, *subjects);
}

}  // namespace accord::cli
