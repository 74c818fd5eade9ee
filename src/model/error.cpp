#include "accord/model/error.hpp"

namespace accord {

int http_status(ErrorCode code) {
  const int value = static_cast<int>(code);
  if (value < 1000) return value;
  if (code == ErrorCode::IncompatibleSchema) return 409;
  return value / 100;  // 40401 -> 404, 42201 -> 422, 50001 -> 500
}

}  // namespace accord
