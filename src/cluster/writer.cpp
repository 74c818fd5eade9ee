#include "accord/cluster/writer.hpp"

#include <spdlog/spdlog.h>

#include "accord/log/codec.hpp"
#include "accord/model/errors.hpp"

namespace accord::cluster {

LogWriter::LogWriter(log::SchemaLog& log, store::StateStore& store, WriterOptions options)
    : log_(log), store_(store), options_(options) {}

Status LogWriter::catch_up(std::chrono::steady_clock::time_point deadline) {
  if (!options_.catch_up_with_noop) {
    caught_up_ = true;
    return Ok{};
  }
  const log::Record noop{log::encode_key(log::noop_key()), std::nullopt, {}};
  auto offset = log_.append(std::span(&noop, 1));
  if (!offset) return offset.error();
  if (!store_.wait_applied(*offset, deadline))
    return errors::operation_timeout("timed out waiting for the local store to catch up with the log");
  last_written_ = *offset;
  caught_up_ = true;
  return Ok{};
}

Result<Offset> LogWriter::write(const WritePlan& plan) {
  if (!options_.eligible)
    return errors::unknown_leader();
  std::lock_guard lock(mutex_);
  const auto deadline = std::chrono::steady_clock::now() + options_.timeout;
  if (!caught_up_)
    if (auto s = catch_up(deadline); !s) return s.error();
  if (!store_.wait_applied(last_written_, deadline))
    return errors::operation_timeout("timed out waiting for the local store to apply earlier writes");
  auto records = plan();
  if (!records) return records.error();
  if (records->empty()) return Offset{-1};
  auto offset = log_.append(*records);
  if (!offset) {
    caught_up_ = false;  // where the log ends is unknown now
    return offset.error();
  }
  last_written_ = *offset;
  if (!store_.wait_applied(*offset, std::chrono::steady_clock::now() + options_.timeout))
    return errors::operation_timeout("the write was appended but the local store did not apply it in time");
  return *offset;
}

}  // namespace accord::cluster
