#pragma once
// KafkaLogOptions from the kafkastore.* configuration keys (shared by serve and the ops commands).
#include "accord/cli/config.hpp"
#include "accord/log/kafka_log.hpp"

namespace accord::cli {

// Every kafkastore.* key: Accord's own (topic, replication factor, timeouts) are typed, the
// rest are passed to librdkafka. transactional_id is left empty.
log::KafkaLogOptions kafka_log_options(const Config& config);

}  // namespace accord::cli
