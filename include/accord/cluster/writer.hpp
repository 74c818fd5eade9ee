#pragma once
// The write path. Writes are serialized under one lock: the writer first makes sure the
// local store has applied everything this node (or, after a takeover, anyone) wrote, then
// asks the caller for the records to append given that fresh state, appends them, and
// returns only once the local store has applied them (read-your-writes).
#include <chrono>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "accord/log/record.hpp"
#include "accord/log/schema_log.hpp"
#include "accord/model/error.hpp"
#include "accord/store/state_store.hpp"

namespace accord::cluster {

// Decides, from the current state, what to append. An empty vector appends nothing.
using WritePlan = std::function<Result<std::vector<log::Record>>()>;

class Writer {
 public:
  virtual ~Writer() = default;
  // Runs `plan` under the write lock and appends its records. Returns the offset of the last
  // appended record, or -1 when the plan appended nothing.
  virtual Result<Offset> write(const WritePlan& plan) = 0;
};

struct WriterOptions {
  std::chrono::milliseconds timeout{500};  // kafkastore.timeout.ms: bound on the local apply wait
  bool eligible = true;                    // leader.eligibility
  // Append a NOOP and wait for it before the first write (and after a failed one), so a new
  // writer has seen everything a previous writer appended (Confluent's catch-up, §6.8).
  bool catch_up_with_noop = false;
};

// The single writer of a log (embedded log, or Kafka while election is not in play).
class LogWriter final : public Writer {
 public:
  LogWriter(log::SchemaLog& log, store::StateStore& store, WriterOptions options);
  Result<Offset> write(const WritePlan& plan) override;

 private:
  Status catch_up(std::chrono::steady_clock::time_point deadline);

  log::SchemaLog& log_;
  store::StateStore& store_;
  WriterOptions options_;
  std::mutex mutex_;
  Offset last_written_ = -1;
  bool caught_up_ = false;
};

}  // namespace accord::cluster
