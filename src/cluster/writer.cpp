#include "accord/cluster/writer.hpp"

#include <spdlog/spdlog.h>

#include "accord/log/codec.hpp"
#include "accord/model/errors.hpp"

namespace accord::cluster {

LogWriter::LogWriter(log::SchemaLog& log, store::StateStore& store, WriterOptions options)
    : log_(log), store_(store), options_(options) {}

Result<Offset> run_write(store::StateStore& store, Offset last_written, const WritePlan& plan,
                         const AppendRecords& append, std::chrono::steady_clock::time_point deadline,
                         std::chrono::milliseconds apply_timeout) {
  if (!store.wait_applied(last_written, deadline))
    return errors::operation_timeout("timed out waiting for the local store to apply earlier writes");
  auto records = plan();
  if (!records) return records.error();
  if (records->empty()) return Offset{-1};
  auto offset = append(*records);
  if (!offset) return offset.error();
  if (!store.wait_applied(*offset, std::chrono::steady_clock::now() + apply_timeout))
    return errors::operation_timeout("the write was appended but the local store did not apply it in time");
  return offset;
}

Result<Offset> LogWriter::write(const WritePlan& plan) {
  if (!options_.eligible) return errors::unknown_leader();
  std::lock_guard lock(mutex_);
  const auto deadline = std::chrono::steady_clock::now() + options_.timeout;
  auto append = [this](std::span<const log::Record> records) -> Result<Offset> {
    auto offset = log_.append(records);
    if (offset) last_written_ = *offset;
    return offset;
  };
  return run_write(store_, last_written_, plan, append, deadline, options_.timeout);
}

}  // namespace accord::cluster
