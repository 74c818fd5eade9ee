#pragma once
// The log the registry is materialized from: Kafka's `_schemas` topic or the embedded
// single-node log. Everything above this interface is the same for both.
#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "accord/log/record.hpp"
#include "accord/model/error.hpp"

namespace accord::log {

// kafkastore.timeout.ms: how long an append, and the local apply after it, may take.
inline constexpr std::chrono::milliseconds kDefaultAppendTimeout{500};

// How many bytes of keys and values one read brings into memory, past its first record, and
// one append of a copy (restore, import) sends: a schema text may be megabytes, so a count of
// records alone does not bound them.
inline constexpr std::size_t kBatchBytes = 8u << 20;

// What one read reached. `next_offset` is where the next read continues: one past the last
// record returned, or further when the log holds offsets that carry no record (Kafka
// transaction markers, compacted-away records). A reader is caught up when next_offset
// reaches end_offset(); never count records to decide that.
struct ReadBatch {
  std::vector<StoredRecord> records;
  Offset next_offset{0};
};

class SchemaLog {
 public:
  virtual ~SchemaLog() = default;

  // Append records in order, atomically where the log allows it (one transaction on Kafka,
  // one fsync'd write locally). Returns the offset of the last record, only once the log
  // acknowledged it durably. Errors: StoreError (50001) or OperationTimeout (50002).
  virtual Result<Offset> append(std::span<const Record> batch) = 0;

  // append(), plus the records as the log stored them (offsets, timestamps) when the log
  // can vouch that nothing of anyone else lies between the previous append through this
  // object and these records: a writer that applied everything up to its previous append
  // may then apply these at once instead of waiting to read them back. Empty when it
  // cannot tell (the default, and after any failure).
  struct Appended {
    Offset last{-1};
    std::vector<StoredRecord> own_records;
  };
  virtual Result<Appended> append_own(std::span<const Record> batch) {
    auto last = append(batch);
    if (!last) return last.error();
    return Appended{*last, {}};
  }

  // Records from `from` on, waiting up to `max_wait` for at least one when none is available
  // yet. An empty vector means nothing new within the wait. At most `max_records`, and no
  // more once those read hold `max_bytes` (so at least one, whatever its size): a batch of
  // large schemas is bounded by its size, not its count.
  virtual Result<std::vector<StoredRecord>> read(Offset from, std::chrono::milliseconds max_wait,
                                                 std::size_t max_records, std::size_t max_bytes = kBatchBytes) = 0;

  // Same as read(), plus the position reached. The default derives it from the records;
  // logs with offsets that carry no record (Kafka) override it.
  virtual Result<ReadBatch> read_batch(Offset from, std::chrono::milliseconds max_wait, std::size_t max_records,
                                       std::size_t max_bytes = kBatchBytes) {
    auto records = read(from, max_wait, max_records, max_bytes);
    if (!records) return records.error();
    ReadBatch batch;
    batch.next_offset = records->empty() ? from : records->back().offset + 1;
    batch.records = std::move(records).value();
    return batch;
  }

  // The offset the next appended record will get (high watermark).
  virtual Result<Offset> end_offset() = 0;
  // The lowest offset still held (0 unless the log was truncated or compacted).
  virtual Result<Offset> start_offset() = 0;
  // Both at once, {start, end}: one round trip on a log where each is one.
  virtual Result<std::pair<Offset, Offset>> held_offsets() {
    auto start = start_offset();
    if (!start) return start.error();
    auto end = end_offset();
    if (!end) return end.error();
    return std::pair{*start, *end};
  }

  // One line for the startup log: which log and where.
  virtual std::string describe() const = 0;
};

// Copies records into a log in batches (restore, import): one append once `max_records` are
// gathered or they hold kBatchBytes, the rest at flush(). `on_append` runs after each append
// with the number appended so far.
class BatchedAppender {
 public:
  BatchedAppender(SchemaLog& log, std::size_t max_records, std::function<void(std::size_t)> on_append = {})
      : log_(log), max_records_(max_records), on_append_(std::move(on_append)) {}
  Status add(Record record);
  Status flush();
  std::size_t appended() const { return appended_; }

 private:
  SchemaLog& log_;
  const std::size_t max_records_;
  std::function<void(std::size_t)> on_append_;
  std::vector<Record> pending_;
  std::size_t pending_bytes_ = 0;
  std::size_t appended_ = 0;
};

// The error read() returns when `from` lies outside the log (below its start, or beyond its
// end): the topic was truncated or recreated, or the local log lost. Never skipped silently.
Error offset_out_of_range(Offset from, Offset start, Offset end);
bool is_offset_out_of_range(const Error& error);

}  // namespace accord::log
