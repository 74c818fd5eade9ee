// /mode and /mode/{subject} (rest-api.md §3.7, §5.4).
#include "accord/api/api.hpp"
#include "accord/api/error_response.hpp"
#include "accord/model/errors.hpp"
#include "accord/registry/effective_config.hpp"
#include "accord/registry/registry.hpp"
#include "json_io.hpp"
#include "params.hpp"

namespace accord::api {
namespace {

Json mode_json(Mode mode) { return Json{{"mode", std::string(to_string(mode))}}; }

}  // namespace

Response Api::get_mode(const Request& request) {
  const auto subject = config_scope(request);
  if (auto mode = store_.mode(subject)) return json_response(mode_json(*mode));
  // As GET /config: defaultToGlobal follows the chain (context, then `:.__GLOBAL:`).
  const bool top_level = !subject || QualifiedSubject::parse(*subject).context == kGlobalContext;
  if (!request.flag("defaultToGlobal")) {
    if (!top_level) return error_response(errors::subject_mode_not_configured(*subject));
    return json_response(mode_json(Mode::ReadWrite));
  }
  return json_response(mode_json(registry::effective_mode(store_, subject)));
}

Response Api::put_mode(const Request& request) {
  const auto subject = config_scope(request);
  if (subject && !is_valid_subject(*subject, true)) return error_response(errors::invalid_subject(*subject));
  auto body = parse_object_body(request);
  if (!body) return error_response(body.error());
  auto field = body->find("mode");
  if (field != body->end() && !field->is_string() && !field->is_null())
    return error_response(errors::bad_request("Cannot deserialize field \"mode\" as a string"));
  if (field == body->end() || !field->is_string()) return error_response(errors::invalid_mode());
  const auto sent = field->get<std::string>();
  auto mode = parse_mode(sent);
  if (!mode) return error_response(errors::invalid_mode());
  auto written = registry_->set_mode(subject, *mode, request.flag("force"));
  if (!written) return error_response(written.error());
  return json_response(Json{{"mode", sent}});
}

Response Api::delete_mode(const Request& request) {
  auto previous = registry_->delete_mode(config_scope(request));
  if (!previous) return error_response(previous.error());
  return json_response(mode_json(*previous));
}

}  // namespace accord::api
