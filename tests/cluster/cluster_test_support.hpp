#pragma once
// Shared pieces of the cluster tests: a lease the test controls,
// and a log whose next append can be made to fail.
#include <condition_variable>
#include <filesystem>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "accord/cluster/writer_lease.hpp"
#include "accord/log/schema_log.hpp"
#include "support/temp_dir.hpp"

namespace accord::cluster::testing {

using accord::testing::TempDir;

class FakeLease final : public WriterLease {
 public:
  void set(LeaseState state) {
    {
      std::lock_guard lock(mutex_);
      state_ = state;
    }
    changed_.notify_all();
  }
  LeaseState state() const override {
    std::lock_guard lock(mutex_);
    return state_;
  }
  LeaseState wait_for_change(const LeaseState& seen, std::chrono::steady_clock::time_point until) const override {
    std::unique_lock lock(mutex_);
    changed_.wait_until(lock, until, [&] { return state_ != seen; });
    return state_;
  }
  void step_down(uint64_t term, const std::string& reason) override {
    {
      std::lock_guard lock(mutex_);
      step_downs.push_back({term, reason});
      if (state_.term == term) state_.elected = state_.confirmed = false;
    }
    changed_.notify_all();
  }
  std::vector<std::pair<uint64_t, std::string>> step_downs;

 private:
  mutable std::mutex mutex_;
  mutable std::condition_variable changed_;
  LeaseState state_;
};

// Delegates to a real log; `fail_next` makes the next append fail without writing.
class FaultyLog final : public log::SchemaLog {
 public:
  explicit FaultyLog(log::SchemaLog& inner) : inner_(inner) {}
  std::optional<Error> fail_next;
  int appends = 0;

  Result<Offset> append(std::span<const log::Record> batch) override {
    ++appends;
    if (fail_next) {
      Error e = *fail_next;
      fail_next.reset();
      return e;
    }
    return inner_.append(batch);
  }
  Result<std::vector<log::StoredRecord>> read(Offset from, std::chrono::milliseconds wait, std::size_t max,
                                              std::size_t max_bytes = log::kBatchBytes) override {
    return inner_.read(from, wait, max, max_bytes);
  }
  Result<log::ReadBatch> read_batch(Offset from, std::chrono::milliseconds wait, std::size_t max,
                                    std::size_t max_bytes = log::kBatchBytes) override {
    return inner_.read_batch(from, wait, max, max_bytes);
  }
  Result<Offset> end_offset() override { return inner_.end_offset(); }
  Result<Offset> start_offset() override { return inner_.start_offset(); }
  std::string describe() const override { return "faulty " + inner_.describe(); }

 private:
  log::SchemaLog& inner_;
};

}  // namespace accord::cluster::testing
