#pragma once
// X-Request-ID values for requests that arrive without one.
#include <string>

namespace accord::http {

// A random (version 4) UUID in its canonical text form.
std::string new_request_id();

}  // namespace accord::http
