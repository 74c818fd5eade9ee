#include "json_io.hpp"

#include "accord/model/errors.hpp"

namespace accord::api {

void append_json(std::string& out, const Json& value) {
  // Error messages echo what the client sent (a path segment, the parser's view of a body),
  // which need not be UTF-8: replace bad bytes with U+FFFD instead of throwing.
  out += value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

Response json_response(const Json& body, int status) {
  Response response;
  response.status = status;
  append_json(response.body, body);
  return response;
}

Result<Json> parse_json_body(const Request& request) {
  if (request.body.empty()) return errors::bad_request("Request body is empty");
  try {
    return Json::parse(request.body);
  } catch (const std::exception& e) {
    return errors::bad_request(std::string("Unexpected character or malformed JSON in request body: ") + e.what());
  }
}

Result<Json> parse_object_body(const Request& request) {
  auto body = parse_json_body(request);
  if (!body) return body;
  if (!body->is_object()) return errors::bad_request("Request body must be a JSON object");
  return body;
}

}  // namespace accord::api
