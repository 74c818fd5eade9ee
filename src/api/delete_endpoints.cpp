// DELETE /subjects/{subject} and DELETE /subjects/{subject}/versions/{version}:
// soft delete first, permanent after (rest-api.md §5.3).
#include "accord/api/api.hpp"
#include "accord/api/error_response.hpp"
#include "accord/registry/registry.hpp"
#include "json_io.hpp"
#include "params.hpp"

namespace accord::api {

Response Api::delete_subject_version(const Request& request) {
  auto version = parse_version(request.segments[3]);
  if (!version) return error_response(version.error());
  auto deleted = registry_->delete_version(request.segments[1], *version, request.flag("permanent"));
  if (!deleted) return error_response(deleted.error());
  return json_response(Json(*deleted));
}

Response Api::delete_subject(const Request& request) {
  auto deleted = registry_->delete_subject(request.segments[1], request.flag("permanent"));
  if (!deleted) return error_response(deleted.error());
  return json_response(Json(*deleted));
}

}  // namespace accord::api
