#include "accord/api/error_response.hpp"

#include <nlohmann/json.hpp>

namespace accord::api {

Response error_response(const Error& error) {
  nlohmann::json body;
  body["error_code"] = error.error_code();
  body["message"] = error.message;
  Response response;
  response.status = error.status();
  response.body = body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return response;
}

}  // namespace accord::api
