#include "accord/cluster/elected_writer.hpp"

#include <spdlog/spdlog.h>

#include "accord/cluster/writer_marker.hpp"
#include "accord/model/errors.hpp"
#include "accord/store/materializer.hpp"

namespace accord::cluster {

bool is_fencing_error(const Error& error) { return error.code == ErrorCode::ProducerFenced; }

ElectedWriter::ElectedWriter(log::SchemaLog& log, store::StateStore& store, WriterLease& lease,
                             ElectedWriterOptions options)
    : log_(log), store_(store), lease_(lease), options_(std::move(options)) {}

ElectedWriter::~ElectedWriter() { stop(); }

void ElectedWriter::start() {
  stopping_ = false;
  thread_ = std::thread([this] { run(); });
}

void ElectedWriter::stop() {
  stopping_ = true;
  if (thread_.joinable()) thread_.join();
}

void ElectedWriter::run() {
  LeaseState seen;
  while (!stopping_) {
    seen = lease_.wait_for_change(seen, Clock::now() + std::chrono::milliseconds(200));
    if (!seen.elected || !seen.confirmed || caught_up_term_ == seen.term) continue;
    std::lock_guard lock(mutex_);
    const LeaseState now = lease_.state();
    if (!now.elected || caught_up_term_ == now.term) continue;
    if (auto s = catch_up(now.term, Clock::now() + options_.timeout); !s)
      spdlog::warn("writer catch-up (term {}) failed, retrying: {}", now.term, s.error().message);
  }
}

Status ElectedWriter::await_lease(uint64_t term, Clock::time_point deadline) {
  for (LeaseState state = lease_.state();; state = lease_.wait_for_change(state, deadline)) {
    if (!state.elected || state.term != term) {
      caught_up_term_ = 0;
      return errors::unknown_leader();
    }
    if (state.confirmed) return Ok{};
    if (Clock::now() >= deadline) return errors::unknown_leader();
  }
}

Result<Offset> ElectedWriter::append(uint64_t term, std::span<const log::Record> records, Clock::time_point deadline) {
  // The second guard besides the producer's fencing: never append on a membership the
  // group has not confirmed within the lease.
  if (auto s = await_lease(term, deadline); !s) return s.error();
  auto appended = log_.append_own(records);
  if (!appended) {
    caught_up_term_ = 0;  // where the log ends is unknown now
    if (is_fencing_error(appended.error())) lease_.step_down(term, appended.error().message);
    return appended.error();
  }
  // The store holds everything up to our previous append (write() waited for it), and the
  // log vouches that only these records follow it: apply them now instead of waiting for
  // the reader to fetch them back (on the test broker that wait is fetch.wait.max.ms).
  // The reader skips them when they arrive: applying is idempotent by offset.
  if (!appended->own_records.empty() && store_.applied_offset() >= last_written_)
    if (auto s = store::Materializer(store_).apply(appended->own_records); !s)
      spdlog::warn("applying our own append at once failed ({}); the reader applies it", s.error().message);
  last_written_ = appended->last;
  return appended->last;
}

Status ElectedWriter::catch_up(uint64_t term, Clock::time_point deadline) {
  const log::Record marker = writer_marker(options_.advertised_url);
  auto offset = append(term, std::span(&marker, 1), deadline);
  if (!offset) return offset.error();
  if (!store_.wait_applied(*offset, deadline))
    return errors::operation_timeout("timed out waiting for the local store to catch up with the log");
  caught_up_term_ = term;
  spdlog::info("writer caught up with the log at offset {} (term {}); accepting writes as {}", *offset, term,
               options_.advertised_url);
  return Ok{};
}

Result<Offset> ElectedWriter::write(const WritePlan& plan) {
  std::lock_guard lock(mutex_);
  const auto deadline = Clock::now() + options_.timeout;
  const LeaseState state = lease_.state();
  if (!state.elected) return errors::unknown_leader();
  if (caught_up_term_ != state.term)
    if (auto s = catch_up(state.term, deadline); !s) return s.error();
  auto append_in_term = [&](std::span<const log::Record> records) { return append(state.term, records, deadline); };
  return run_write(store_, last_written_, plan, append_in_term, deadline, options_.timeout);
}

}  // namespace accord::cluster
