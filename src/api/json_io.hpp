#pragma once
// JSON in and out of the endpoints (private to api/).
#include <nlohmann/json.hpp>

#include "accord/api/request.hpp"
#include "accord/model/error.hpp"

namespace accord::api {

using Json = nlohmann::ordered_json;

Response json_response(const Json& body, int status = 200);

// The request body as JSON; 400 when it is not JSON or not the expected kind.
Result<Json> parse_json_body(const Request& request);
Result<Json> parse_object_body(const Request& request);

}  // namespace accord::api
