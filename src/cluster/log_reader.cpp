#include "accord/cluster/log_reader.hpp"

#include <spdlog/spdlog.h>

#include "accord/model/errors.hpp"

namespace accord::cluster {
namespace {
constexpr std::size_t kBatch = 4096;
constexpr std::chrono::milliseconds kPollWait{200};
}  // namespace

LogReader::LogReader(log::SchemaLog& log, store::StateStore& store)
    : log_(log), store_(store), materializer_(store) {}

LogReader::~LogReader() { stop(); }

Status LogReader::start() {
  if (auto s = prepare(); !s) return s;
  thread_ = std::thread([this] { run(); });
  return Ok{};
}

Status LogReader::prepare() {
  auto end = log_.end_offset();
  if (!end) return end.error();
  auto start = log_.start_offset();
  if (!start) return start.error();
  end_at_start_ = *end;
  const Offset next = store_.applied_offset() + 1;
  if (next > *end)
    return errors::store_error("the local store has applied offset " + std::to_string(next - 1) +
                               " but the log ends at " + std::to_string(*end) +
                               ": the log was recreated or truncated. Rebuild the store with --rebuild");
  if (next < *start)
    return errors::store_error("the local store resumes at offset " + std::to_string(next) +
                               " but the log now starts at " + std::to_string(*start) +
                               ": records were lost from the log. Rebuild the store with --rebuild");
  position_ = next;
  if (next >= *end) caught_up();
  return Ok{};
}

void LogReader::stop() {
  stopping_ = true;
  if (thread_.joinable()) thread_.join();
}

Status LogReader::apply_batch(std::chrono::milliseconds wait) {
  // Continue where the last read ended, even when the writer applied its own records
  // further on already: seeking past them would restart the consumer's fetch each time.
  const Offset next = position_.load();
  Result<log::ReadBatch> batch = log::ReadBatch{};
  if (ahead_ && ahead_from_ == next) batch = std::move(*ahead_);
  else batch = log_.read_batch(next, wait, kBatch);
  ahead_.reset();
  if (!batch) return batch.error();
  // Catching up, the next batch is read first (without waiting), so that its records are
  // decoded while these are applied. A read that fails here is simply made again next time.
  if (!ready_ && !batch->records.empty() && batch->next_offset < end_at_start_)
    if (auto further = log_.read_batch(batch->next_offset, std::chrono::milliseconds(0), kBatch);
        further && !further->records.empty()) {
      ahead_ = std::move(*further);
      ahead_from_ = batch->next_offset;
    }
  if (!batch->records.empty()) {
    const auto lookahead = ahead_ ? std::span<const log::StoredRecord>(ahead_->records) : std::span<const log::StoredRecord>();
    if (auto s = materializer_.apply(batch->records, lookahead); !s) return s;
    if (observer_)
      for (const auto& record : batch->records) observer_(record);
  }
  // The position, not a record count, decides "caught up": on Kafka, transaction markers
  // take offsets that carry no record.
  position_ = std::max(next, batch->next_offset);
  if (!ready_) {
    if (position_ >= end_at_start_) caught_up();
    else if (batch->records.empty())
      if (auto end = log_.end_offset(); end && position_ >= *end) caught_up();
  }
  return Ok{};
}

void LogReader::caught_up() {
  // A store rebuilt from empty returns to its steady settings (state_store.hpp).
  store_.end_rebuild();
  ready_ = true;
}

Status LogReader::catch_up(std::chrono::steady_clock::time_point deadline) {
  while (!ready_) {
    if (std::chrono::steady_clock::now() > deadline)
      return errors::operation_timeout("timed out catching up with the log");
    if (auto s = apply_batch(std::chrono::milliseconds(50)); !s) return s;
  }
  return Ok{};
}

void LogReader::run() {
  while (!stopping_) {
    auto status = apply_batch(kPollWait);
    if (!status) {
      spdlog::error("log reader: {}", status.error().message);
      {
        std::lock_guard lock(failure_mutex_);
        failure_ = status.error().message;
      }
      // Transient log errors (broker down) are retried; the node keeps serving reads.
      for (int i = 0; i < 10 && !stopping_; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
      continue;
    }
    std::lock_guard lock(failure_mutex_);
    failure_.reset();
  }
}

std::optional<std::string> LogReader::failure() const {
  std::lock_guard lock(failure_mutex_);
  return failure_;
}

}  // namespace accord::cluster
