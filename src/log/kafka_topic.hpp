#pragma once
// Startup checks of the `_schemas` topic: exists (all-topics metadata, which creates
// nothing), exactly one partition, cleanup.policy=compact where the broker can say; created
// with the Admin API when missing. Never silently uses a wrong topic.
#include <chrono>

#include <librdkafka/rdkafka.h>

#include "accord/log/kafka_log.hpp"
#include "accord/model/error.hpp"

namespace accord::log::kafka {

Status ensure_topic(rd_kafka_t* rk, const KafkaLogOptions& options, std::chrono::steady_clock::time_point deadline);

// The refusal for a topic whose cleanup.policy is not exactly "compact" (unit-testable:
// the test broker cannot describe configs).
Status check_cleanup_policy(const std::string& topic, const std::string& policy);

}  // namespace accord::log::kafka
