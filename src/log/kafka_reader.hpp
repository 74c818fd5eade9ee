#pragma once
// Reads partition 0 with assign() (no group, no commits) and reports how far it got:
// _PARTITION_EOF carries the high watermark, so offsets without records (transaction
// markers) never make a caught-up reader look behind.
#include <chrono>
#include <mutex>

#include "accord/log/kafka_log.hpp"
#include "accord/log/schema_log.hpp"
#include "kafka_client.hpp"

namespace accord::log::kafka {

class Reader {
 public:
  static Result<std::unique_ptr<Reader>> open(const KafkaLogOptions& options);

  // SchemaLog::read_batch.
  Result<ReadBatch> read(Offset from, std::chrono::milliseconds max_wait, std::size_t max_records,
                         std::size_t max_bytes);
  // Watermarks from the broker, bounded by kafkastore.timeout.ms.
  Result<std::pair<Offset, Offset>> watermarks();

 private:
  Reader(KafkaLogOptions options, Handle handle) : options_(std::move(options)), handle_(std::move(handle)) {}
  Status assign(Offset from);

  const KafkaLogOptions options_;
  Handle handle_;
  std::mutex mutex_;       // one read at a time: the assignment is shared state
  Offset position_{-1};   // where the assigned fetcher continues; -1 = not assigned
};

}  // namespace accord::log::kafka
