#pragma once
// The log the registry is materialized from: Kafka's `_schemas` topic or the embedded
// single-node log. Everything above this interface is the same for both.
#include <chrono>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "accord/log/record.hpp"
#include "accord/model/error.hpp"

namespace accord::log {

class SchemaLog {
 public:
  virtual ~SchemaLog() = default;

  // Append records in order, atomically where the log allows it (one transaction on Kafka,
  // one fsync'd write locally). Returns the offset of the last record, only once the log
  // acknowledged it durably. Errors: StoreError (50001) or OperationTimeout (50002).
  virtual Result<Offset> append(std::span<const Record> batch) = 0;

  // Records from `from` on (at most `max_records`), waiting up to `max_wait` for at least
  // one when none is available yet. An empty vector means nothing new within the wait.
  virtual Result<std::vector<StoredRecord>> read(Offset from, std::chrono::milliseconds max_wait,
                                                 std::size_t max_records) = 0;

  // The offset the next appended record will get (high watermark).
  virtual Result<Offset> end_offset() = 0;
  // The lowest offset still held (0 unless the log was truncated or compacted).
  virtual Result<Offset> start_offset() = 0;

  // One line for the startup log: which log and where.
  virtual std::string describe() const = 0;
};

}  // namespace accord::log
