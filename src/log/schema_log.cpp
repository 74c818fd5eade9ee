#include "accord/log/schema_log.hpp"

#include "accord/model/errors.hpp"

namespace accord::log {
Error offset_out_of_range(Offset from, Offset start, Offset end) { return errors::offset_out_of_range(from, start, end); }

bool is_offset_out_of_range(const Error& error) { return error.code == ErrorCode::OffsetOutOfRange; }

Status BatchedAppender::add(Record record) {
  pending_bytes_ += record_bytes(record);
  pending_.push_back(std::move(record));
  if (pending_.size() >= max_records_ || pending_bytes_ >= kBatchBytes) return flush();
  return Ok{};
}

Status BatchedAppender::flush() {
  if (pending_.empty()) return Ok{};
  auto appended = log_.append(pending_);
  if (!appended) return appended.error();
  appended_ += pending_.size();
  pending_.clear();
  pending_bytes_ = 0;
  if (on_append_) on_append_(appended_);
  return Ok{};
}

}  // namespace accord::log
