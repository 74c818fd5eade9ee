#include "accord/log/schema_log.hpp"

#include "accord/model/errors.hpp"

namespace accord::log {
namespace {
// Error carries only a code and a message, so the message prefix is what marks this case.
constexpr std::string_view kOutOfRange = "Offset out of range: ";
}  // namespace

Error offset_out_of_range(Offset from, Offset start, Offset end) {
  return errors::store_error(std::string(kOutOfRange) + "offset " + std::to_string(from) +
                             " is outside the log [" + std::to_string(start) + ", " + std::to_string(end) +
                             "]; the log was truncated or recreated");
}

bool is_offset_out_of_range(const Error& error) {
  return error.code == ErrorCode::StoreError && error.message.starts_with(kOutOfRange);
}

}  // namespace accord::log
