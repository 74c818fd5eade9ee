#pragma once
// The write path. Writes are serialized under one lock: the writer first makes sure the
// local store has applied everything this node (or, after a takeover, anyone) wrote, then
// asks the caller for the records to append given that fresh state, appends them, and
// returns only once the local store has applied them (read-your-writes).
#include <chrono>
#include <functional>
#include <mutex>
#include <span>
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
  std::chrono::milliseconds timeout = log::kDefaultAppendTimeout;  // kafkastore.timeout.ms: bound on the local apply wait
  bool eligible = true;                                           // leader.eligibility
};

// The flow every writer shares, under its write lock: wait until the store has applied
// what this writer appended before (`last_written`), let `plan` decide from that state,
// append its records with `append`, wait until the store has applied them. -1 when the
// plan appended nothing.
using AppendRecords = std::function<Result<Offset>(std::span<const log::Record>)>;
Result<Offset> run_write(store::StateStore& store, Offset last_written, const WritePlan& plan,
                         const AppendRecords& append, std::chrono::steady_clock::time_point deadline,
                         std::chrono::milliseconds apply_timeout);

// The single writer of a log (embedded log, or Kafka while election is not in play).
class LogWriter final : public Writer {
 public:
  LogWriter(log::SchemaLog& log, store::StateStore& store, WriterOptions options);
  Result<Offset> write(const WritePlan& plan) override;

 private:
  log::SchemaLog& log_;
  store::StateStore& store_;
  WriterOptions options_;
  std::mutex mutex_;
  Offset last_written_{-1};
};

}  // namespace accord::cluster
