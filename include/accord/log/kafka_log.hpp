#pragma once
// The `_schemas` topic on Kafka as a SchemaLog (librdkafka). Producer: acks=all,
// idempotent, optionally transactional; reader: assign() partition 0, no group (docs/log.md).
#include <chrono>
#include <map>
#include <memory>
#include <string>

#include "accord/log/schema_log.hpp"

namespace accord::log {

struct KafkaLogOptions {
  std::string bootstrap_servers;               // kafkastore.bootstrap.servers
  std::string topic = "_schemas";              // kafkastore.topic
  int replication_factor = 3;                  // kafkastore.topic.replication.factor
  std::chrono::milliseconds timeout{500};      // kafkastore.timeout.ms: bound of every append
  std::chrono::milliseconds init_timeout{60000};  // kafkastore.init.timeout.ms: topic checks at start
  // Every other `kafkastore.<x>` property, passed to librdkafka as `<x>` (security.protocol,
  // sasl.*, ssl.*, fetch.wait.max.ms, ...).
  std::map<std::string, std::string> client_properties;
  // Non-empty: every append is its own committed transaction with this transactional.id
  // (a newer writer with the same id fences this one) and the reader uses read_committed.
  std::string transactional_id;
  // False for a reader that must not change the cluster (a backup): a missing topic is an
  // error instead of being created.
  bool create_missing_topic = true;
};

// Connects, checks or creates (when create_missing_topic) the topic (1 partition, cleanup.policy=compact), and fails
// with a clear message when the topic is unusable or the broker unreachable within init_timeout.
Result<std::unique_ptr<SchemaLog>> open_kafka_log(const KafkaLogOptions& options);

}  // namespace accord::log
