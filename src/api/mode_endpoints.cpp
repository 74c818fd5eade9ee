// /mode and /mode/{subject} (rest-api.md §3.7, §5.4).
#include "accord/api/api.hpp"
#include "accord/model/errors.hpp"
#include "internal.hpp"

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
  return json_response(mode_json(effective_mode(store_, subject)));
}

Response Api::put_mode(const Request& request) {
  const auto subject = config_scope(request);
  if (subject && !is_valid_subject_param(*subject, true)) return error_response(errors::invalid_subject(*subject));
  auto body = parse_object_body(request);
  if (!body) return error_response(body.error());
  auto field = body->find("mode");
  if (field != body->end() && !field->is_string() && !field->is_null())
    return error_response(errors::bad_request("Cannot deserialize field \"mode\" as a string"));
  if (field == body->end() || !field->is_string()) return error_response(errors::invalid_mode());
  const auto sent = field->get<std::string>();
  auto mode = parse_mode(sent);
  if (!mode) return error_response(errors::invalid_mode());
  if (*mode == Mode::Forward && subject)
    return error_response(errors::forward_mode_not_global());
  if (!options_.mode_mutability) return error_response(errors::operation_not_permitted("Mode changes are not allowed"));
  const bool force = request.flag("force");
  auto written = writer_.write([&]() -> Result<std::vector<log::Record>> {
    std::vector<log::Record> records;
    if (*mode == Mode::Import && !force) {
      // Importing into a scope with live subjects would mix ids; Confluent refuses it.
      for (const auto& s : store_.subjects())
        if ((!subject || subject_in_scope(s, *subject)) && !live_versions(store_, s).empty())
          return errors::operation_not_permitted("Cannot import since found existing subjects");
    }
    log::ModeValue value{subject, *mode};
    records.push_back(record_of(log::mode_key(subject), log::encode_mode_value(value)));
    return records;
  });
  if (!written) return error_response(written.error());
  return json_response(Json{{"mode", sent}});
}

Response Api::delete_mode(const Request& request) {
  const auto subject = config_scope(request);
  Mode previous = Mode::ReadWrite;
  auto written = writer_.write([&]() -> Result<std::vector<log::Record>> {
    auto current = store_.mode(subject);
    if (!current) {
      if (subject) return errors::subject_not_found(*subject);
      return std::vector<log::Record>{};
    }
    previous = *current;
    return tombstones_for(store_, log::mode_key(subject));
  });
  if (!written) return error_response(written.error());
  return json_response(mode_json(previous));
}

}  // namespace accord::api
