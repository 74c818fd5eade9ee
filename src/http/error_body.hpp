#pragma once
// The registry's error body, {"error_code":<int>,"message":"<text>"}, as an api::Response.
#include <string_view>

#include "accord/api/request.hpp"
#include "accord/model/error.hpp"

namespace accord::http {

api::Response error_response(const Error& error);

}  // namespace accord::http
