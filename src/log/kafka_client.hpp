#pragma once
// librdkafka handles for the `_schemas` log: configuration from KafkaLogOptions (every
// kafkastore.* pass-through property plus the settings the log requires), logs to spdlog.
#include <memory>
#include <string>

#include <librdkafka/rdkafka.h>

#include "accord/log/kafka_log.hpp"
#include "accord/model/error.hpp"

namespace accord::log::kafka {

struct HandleDeleter {
  void operator()(rd_kafka_t* rk) const { rd_kafka_destroy(rk); }
};
using Handle = std::unique_ptr<rd_kafka_t, HandleDeleter>;

struct PartitionListDeleter {
  void operator()(rd_kafka_topic_partition_list_t* list) const { rd_kafka_topic_partition_list_destroy(list); }
};
using PartitionList = std::unique_ptr<rd_kafka_topic_partition_list_t, PartitionListDeleter>;

enum class Role { Producer, Reader };

// Creates a configuration: pass-through properties first, then what the role requires
// (a user cannot turn off acks=all or idempotence). Errors name the offending property.
Result<rd_kafka_conf_t*> make_conf(const KafkaLogOptions& options, Role role);

// Creates the handle (takes ownership of conf, also on failure).
Result<Handle> make_handle(rd_kafka_conf_t* conf, Role role);

int to_ms(std::chrono::milliseconds duration);

}  // namespace accord::log::kafka
