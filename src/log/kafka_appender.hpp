#pragma once
// Appends to partition 0 of the topic and waits for the broker's acknowledgement within
// kafkastore.timeout.ms. After any failure the producer is dropped and a fresh one is made
// before the next append (a producer that hit a non-retriable error keeps failing).
#include <memory>
#include <mutex>
#include <span>
#include <vector>

#include "accord/log/kafka_log.hpp"
#include "accord/log/record.hpp"
#include "accord/log/schema_log.hpp"
#include "accord/model/error.hpp"
#include "kafka_client.hpp"

namespace accord::log::kafka {

class Appender {
 public:
  explicit Appender(KafkaLogOptions options);
  ~Appender();

  // SchemaLog::append_own: own_records are filled when this batch follows the previous
  // successful append of this appender with nothing but its transaction marker between.
  Result<SchemaLog::Appended> append(std::span<const Record> batch);
  // Creates the producer and connects it to the topic's leader, so the first append does
  // not pay for that within kafkastore.timeout.ms. Transactions are initialised (which
  // fences older writers with the same transactional.id) only by the first append.
  void warm_up(std::chrono::steady_clock::time_point deadline);

 private:
  struct Producer;
  Result<Producer*> producer(std::chrono::steady_clock::time_point deadline, bool init_transactions = true);
  Result<std::vector<StoredRecord>> produce(Producer& p, std::span<const Record> batch,
                                            std::chrono::steady_clock::time_point deadline);

  const KafkaLogOptions options_;
  std::mutex mutex_;  // one append at a time keeps records in call order
  std::unique_ptr<Producer> producer_;
  Offset last_appended_{-1};  // last record of the previous successful append; -1 unknown
  // Kafka writes a commit marker after each transaction, taking one offset; the mock
  // cluster does not (docs/test-broker.md), which shows once two appends follow directly.
  bool commit_markers_ = true;
};

}  // namespace accord::log::kafka
