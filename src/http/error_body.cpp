#include "error_body.hpp"

#include <nlohmann/json.hpp>

namespace accord::http {

api::Response error_response(const Error& error) {
  api::Response response;
  response.status = error.status();
  response.body = nlohmann::json{{"error_code", error.error_code()}, {"message", error.message}}.dump();
  return response;
}

}  // namespace accord::http
