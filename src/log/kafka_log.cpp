// KafkaSchemaLog: the `_schemas` topic behind the SchemaLog interface (docs/log.md).
#include "accord/log/kafka_log.hpp"

#include <spdlog/spdlog.h>

#include "accord/model/errors.hpp"
#include "kafka_appender.hpp"
#include "kafka_reader.hpp"
#include "kafka_topic.hpp"

namespace accord::log {
namespace {

class KafkaSchemaLog final : public SchemaLog {
 public:
  KafkaSchemaLog(const KafkaLogOptions& options, std::unique_ptr<kafka::Reader> reader)
      : options_(options), appender_(options), reader_(std::move(reader)) {}

  void warm_up(std::chrono::steady_clock::time_point deadline) { appender_.warm_up(deadline); }

  Result<Offset> append(std::span<const Record> batch) override {
    if (batch.empty()) {  // as the embedded log: the offset of the last record there is
      auto end = end_offset();
      if (!end) return end.error();
      return *end - 1;
    }
    auto appended = appender_.append(batch);
    if (!appended) return appended.error();
    return appended->last;
  }

  Result<Appended> append_own(std::span<const Record> batch) override {
    if (batch.empty()) {
      auto last = append(batch);
      if (!last) return last.error();
      return Appended{*last, {}};
    }
    return appender_.append(batch);
  }

  Result<std::vector<StoredRecord>> read(Offset from, std::chrono::milliseconds max_wait, std::size_t max_records,
                                         std::size_t max_bytes) override {
    auto batch = reader_->read(from, max_wait, max_records, max_bytes);
    if (!batch) return batch.error();
    return std::move(batch->records);
  }
  Result<ReadBatch> read_batch(Offset from, std::chrono::milliseconds max_wait, std::size_t max_records,
                               std::size_t max_bytes) override {
    return reader_->read(from, max_wait, max_records, max_bytes);
  }

  Result<Offset> end_offset() override {
    auto marks = reader_->watermarks();
    if (!marks) return marks.error();
    return marks->second;
  }
  Result<Offset> start_offset() override {
    auto marks = reader_->watermarks();
    if (!marks) return marks.error();
    return marks->first;
  }
  Result<std::pair<Offset, Offset>> held_offsets() override { return reader_->watermarks(); }

  std::string describe() const override {
    return "Kafka topic " + options_.topic + " at " + options_.bootstrap_servers +
           (options_.transactional_id.empty() ? "" : " (transactional.id " + options_.transactional_id + ")");
  }

 private:
  const KafkaLogOptions options_;
  kafka::Appender appender_;
  std::unique_ptr<kafka::Reader> reader_;
};

}  // namespace

Result<std::unique_ptr<SchemaLog>> open_kafka_log(const KafkaLogOptions& options) {
  if (options.bootstrap_servers.empty()) return errors::store_error("kafkastore.bootstrap.servers is empty");
  if (options.topic.empty()) return errors::store_error("kafkastore.topic is empty");
  const auto deadline = std::chrono::steady_clock::now() + options.init_timeout;
  {
    // The topic checks use a short-lived client of their own.
    auto conf = kafka::make_conf(options, kafka::Role::Reader);
    if (!conf) return conf.error();
    auto admin = kafka::make_handle(*conf, kafka::Role::Reader);
    if (!admin) return admin.error();
    if (auto s = kafka::ensure_topic(admin->get(), options, deadline); !s) return s.error();
  }
  auto reader = kafka::Reader::open(options);
  if (!reader) return reader.error();
  auto log = std::make_unique<KafkaSchemaLog>(options, std::move(reader).value());
  log->warm_up(deadline);
  spdlog::info("Using {}", log->describe());
  return std::unique_ptr<SchemaLog>(std::move(log));
}

}  // namespace accord::log
