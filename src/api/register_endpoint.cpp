// POST /subjects/{subject}/versions (register) and POST /compatibility/subjects/{subject}/...
// (check): the request parsed, one registry operation, its result rendered.
#include "accord/api/api.hpp"
#include "accord/api/error_response.hpp"
#include "accord/model/errors.hpp"
#include "accord/registry/registry.hpp"
#include "params.hpp"
#include "schema_body.hpp"
#include "schema_json.hpp"

namespace accord::api {
namespace {

Response registered_response(registry::ParsedSchemaCache& cache, const store::StateStore& store,
                             const Request& request, const std::string& subject,
                             const registry::Registered& registered) {
  const auto context = context_of(subject);
  Json body;
  body["id"] = registered.id;
  body["version"] = registered.version;
  put_schema_fields(body, formatted_schema(cache, request, registered.id, registered.schema, context),
                    guid_of(store, registered.id, context));
  return json_response(body);
}

}  // namespace

std::optional<Response> Api::existing_registration(const RouteMatch& match, const Request& request) {
  if (match.answer() != Answer::Registration || !match.subject_segment) return std::nullopt;
  const auto subject = normalize_subject(request.segments[*match.subject_segment]);
  if (!is_valid_subject(subject)) return std::nullopt;
  try {
    auto body = parse_schema_request(request);
    if (!body) return std::nullopt;
    auto existing = registry_->existing_registration({subject, std::move(*body), request.flag("normalize")});
    if (!existing) return std::nullopt;
    return registered_response(registry_->parsed(), store_, request, subject, *existing);
  } catch (const std::exception&) {
    return std::nullopt;  // the writer will answer it
  }
}

Response Api::post_subject_versions(const Request& request) {
  const auto& subject = request.segments[1];  // normalized by prepare(): `:.:s` is `s`
  if (!is_valid_subject(subject)) return error_response(errors::invalid_subject(subject));
  auto body = parse_schema_request(request);
  if (!body) return error_response(body.error());
  auto registered = registry_->register_schema({subject, std::move(*body), request.flag("normalize")});
  if (!registered) return error_response(registered.error());
  return registered_response(registry_->parsed(), store_, request, subject, *registered);
}

Response Api::post_compatibility(const Request& request) {
  registry::CompatibilityCheck check;
  check.subject = request.segments[2];
  if (request.segments.size() == 5) {
    auto version = parse_version(request.segments[4]);
    if (!version) return error_response(version.error());
    check.version = *version;
  }
  auto body = parse_schema_request(request);
  if (!body) return error_response(body.error());
  check.schema = std::move(*body);
  check.normalize = request.flag("normalize");
  check.verbose = request.flag("verbose");
  auto verdict = registry_->check_compatibility(check);
  if (!verdict) return error_response(verdict.error());
  Json out;
  out["is_compatible"] = verdict->compatible;
  if (check.verbose) out["messages"] = verdict->messages;
  return json_response(out);
}

}  // namespace accord::api
