#include "accord/log/schema_log.hpp"

#include "accord/model/errors.hpp"

namespace accord::log {
Error offset_out_of_range(Offset from, Offset start, Offset end) { return errors::offset_out_of_range(from, start, end); }

bool is_offset_out_of_range(const Error& error) { return error.code == ErrorCode::OffsetOutOfRange; }

}  // namespace accord::log
