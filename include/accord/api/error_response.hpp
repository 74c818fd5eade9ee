#pragma once
// The registry's error body, {"error_code":<int>,"message":"<text>"}, with the HTTP status
// of its code: the one place an error becomes an answer, in every layer.
#include "accord/api/request.hpp"
#include "accord/model/error.hpp"

namespace accord::api {

// Safe for any bytes: a message that echoes what a client sent (a path segment, a
// parser's view of a body) need not be UTF-8; bad bytes become U+FFFD, never an exception.
Response error_response(const Error& error);

}  // namespace accord::api
