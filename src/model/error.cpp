#include "accord/model/error.hpp"

namespace accord {

// The one table of codes and statuses. Framework errors carry the HTTP status as their
// code; a registry code's status is its first three digits, except where listed.
// Causes that share another one's body code are listed in wire_code.
int http_status(ErrorCode code) {
  switch (code) {
    case ErrorCode::IncompatibleSchema: return 409;
    case ErrorCode::NotCaughtUp: return 503;
    default: break;
  }
  const int value = wire_code(code);
  if (value < 1000) return value;
  return value / 100;  // 40401 -> 404, 42201 -> 422, 50001 -> 500
}

int wire_code(ErrorCode code) {
  switch (code) {
    case ErrorCode::NotCaughtUp: return static_cast<int>(ErrorCode::OperationTimeout);
    case ErrorCode::ProducerFenced:
    case ErrorCode::OffsetOutOfRange: return static_cast<int>(ErrorCode::StoreError);
    default: return static_cast<int>(code);
  }
}

}  // namespace accord
