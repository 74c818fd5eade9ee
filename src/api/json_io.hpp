#pragma once
// JSON in and out of the endpoints (private to api/).
#include <nlohmann/json.hpp>

#include "accord/api/request.hpp"
#include "accord/model/error.hpp"

namespace accord::api {

using Json = nlohmann::ordered_json;

Response json_response(const Json& body, int status = 200);
// Appends the JSON text of `value` as json_response writes it (a listing that renders its
// items one at a time, so that the page is held once, as text).
void append_json(std::string& out, const Json& value);

// The request body as JSON; 400 when it is not JSON or not the expected kind.
Result<Json> parse_json_body(const Request& request);
Result<Json> parse_object_body(const Request& request);

}  // namespace accord::api
