#include "kafka_topic.hpp"

#include <memory>
#include <thread>

#include <spdlog/spdlog.h>

#include "accord/model/errors.hpp"
#include "kafka_client.hpp"

namespace accord::log::kafka {
namespace {

using Clock = std::chrono::steady_clock;

std::chrono::milliseconds remaining(Clock::time_point deadline) {
  return std::max(std::chrono::milliseconds(0),
                  std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()));
}

std::string create_by_hand(const KafkaLogOptions& options, int replication) {
  return "Create it by hand: kafka-topics --bootstrap-server " + options.bootstrap_servers + " --create --topic " +
         options.topic + " --partitions 1 --replication-factor " + std::to_string(replication) +
         " --config cleanup.policy=compact";
}

template <class T, void (*Destroy)(T*)>
struct Deleter {
  void operator()(T* p) const { Destroy(p); }
};
using Metadata = std::unique_ptr<const rd_kafka_metadata_t, Deleter<const rd_kafka_metadata_t, rd_kafka_metadata_destroy>>;
using Queue = std::unique_ptr<rd_kafka_queue_t, Deleter<rd_kafka_queue_t, rd_kafka_queue_destroy>>;
using Event = std::unique_ptr<rd_kafka_event_t, Deleter<rd_kafka_event_t, rd_kafka_event_destroy>>;
using AdminOptions = std::unique_ptr<rd_kafka_AdminOptions_t, Deleter<rd_kafka_AdminOptions_t, rd_kafka_AdminOptions_destroy>>;

// Runs one Admin request and waits for its result event until the deadline.
template <class Start>
Result<Event> admin_call(rd_kafka_t* rk, rd_kafka_admin_op_t op, Clock::time_point deadline, Start start) {
  Queue queue(rd_kafka_queue_new(rk));
  AdminOptions admin(rd_kafka_AdminOptions_new(rk, op));
  char errstr[256];
  const int ms = std::max(1, to_ms(remaining(deadline)));
  rd_kafka_AdminOptions_set_request_timeout(admin.get(), ms, errstr, sizeof errstr);
  if (op == RD_KAFKA_ADMIN_OP_CREATETOPICS) rd_kafka_AdminOptions_set_operation_timeout(admin.get(), ms, errstr, sizeof errstr);
  start(admin.get(), queue.get());
  // The request timeout ends the call; the margin only covers delivering the result.
  Event event(rd_kafka_queue_poll(queue.get(), ms + 1000));
  if (!event) return errors::operation_timeout("no answer within kafkastore.init.timeout.ms");
  if (rd_kafka_event_error(event.get())) {
    return errors::store_error(std::string(rd_kafka_err2name(rd_kafka_event_error(event.get()))) + ": " +
                               rd_kafka_event_error_string(event.get()));
  }
  return event;
}

Status create_topic(rd_kafka_t* rk, const KafkaLogOptions& options, int brokers, Clock::time_point deadline) {
  int replication = options.replication_factor;
  if (replication > brokers) {
    spdlog::warn("Creating topic {} with replication factor {}: kafkastore.topic.replication.factor={} but only {} "
                 "broker(s) are available",
                 options.topic, brokers, options.replication_factor, brokers);
    replication = brokers;
  }
  spdlog::info("Creating topic {} (1 partition, replication factor {}, cleanup.policy=compact)", options.topic,
               replication);
  char errstr[256];
  rd_kafka_NewTopic_t* topic = rd_kafka_NewTopic_new(options.topic.c_str(), 1, replication, errstr, sizeof errstr);
  if (!topic) return errors::store_error("Cannot create topic " + options.topic + ": " + errstr);
  rd_kafka_NewTopic_set_config(topic, "cleanup.policy", "compact");
  auto event = admin_call(rk, RD_KAFKA_ADMIN_OP_CREATETOPICS, deadline, [&](auto* admin, auto* queue) {
    rd_kafka_CreateTopics(rk, &topic, 1, admin, queue);
  });
  rd_kafka_NewTopic_destroy(topic);
  std::string why;
  if (!event) {
    why = event.error().message;
  } else {
    size_t count = 0;
    const auto* result = rd_kafka_event_CreateTopics_result(event->get());
    const rd_kafka_topic_result_t** topics = rd_kafka_CreateTopics_result_topics(result, &count);
    for (size_t i = 0; i < count; ++i) {
      const auto err = rd_kafka_topic_result_error(topics[i]);
      // Another node may have created it at the same moment: then it is there.
      if (err != RD_KAFKA_RESP_ERR_NO_ERROR && err != RD_KAFKA_RESP_ERR_TOPIC_ALREADY_EXISTS) {
        why = std::string(rd_kafka_err2name(err)) + ": " +
              (rd_kafka_topic_result_error_string(topics[i]) ? rd_kafka_topic_result_error_string(topics[i]) : "");
      }
    }
  }
  if (!why.empty()) {
    return errors::store_error("Topic " + options.topic + " does not exist and the broker did not create it (" + why +
                               "). " + create_by_hand(options, replication));
  }
  // The controller has created it, but a broker may not know its leader yet: the first
  // watermark query or fetch would fail. Wait (within the start-up bound) until metadata
  // shows partition 0 with a leader; if it does not in time, the reader retries anyway.
  for (;;) {
    const rd_kafka_metadata_t* raw = nullptr;
    if (rd_kafka_metadata(rk, 1, nullptr, &raw, std::max(1, to_ms(remaining(deadline)))) == RD_KAFKA_RESP_ERR_NO_ERROR) {
      Metadata metadata(raw);
      for (int i = 0; i < metadata->topic_cnt; ++i) {
        const auto& t = metadata->topics[i];
        if (options.topic == t.topic && t.err == RD_KAFKA_RESP_ERR_NO_ERROR && t.partition_cnt == 1 &&
            t.partitions[0].leader >= 0)
          return Ok{};
      }
    }
    if (Clock::now() >= deadline) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  spdlog::warn("Topic {} was created but has no leader yet", options.topic);
  return Ok{};
}

// DescribeConfigs: the cleanup policy, or nullopt with a reason when the broker cannot say.
Result<std::string> describe_cleanup_policy(rd_kafka_t* rk, const std::string& name, Clock::time_point deadline) {
  rd_kafka_ConfigResource_t* resource = rd_kafka_ConfigResource_new(RD_KAFKA_RESOURCE_TOPIC, name.c_str());
  auto event = admin_call(rk, RD_KAFKA_ADMIN_OP_DESCRIBECONFIGS, deadline, [&](auto* admin, auto* queue) {
    rd_kafka_DescribeConfigs(rk, &resource, 1, admin, queue);
  });
  rd_kafka_ConfigResource_destroy(resource);
  if (!event) return event.error();
  size_t count = 0;
  const auto* result = rd_kafka_event_DescribeConfigs_result(event->get());
  const rd_kafka_ConfigResource_t** resources = rd_kafka_DescribeConfigs_result_resources(result, &count);
  for (size_t i = 0; i < count; ++i) {
    if (rd_kafka_ConfigResource_error(resources[i])) {
      return errors::store_error(rd_kafka_err2name(rd_kafka_ConfigResource_error(resources[i])));
    }
    size_t entries = 0;
    const rd_kafka_ConfigEntry_t** configs = rd_kafka_ConfigResource_configs(resources[i], &entries);
    for (size_t j = 0; j < entries; ++j) {
      if (std::string(rd_kafka_ConfigEntry_name(configs[j])) == "cleanup.policy") {
        const char* value = rd_kafka_ConfigEntry_value(configs[j]);
        return std::string(value ? value : "");
      }
    }
  }
  return errors::store_error("no cleanup.policy in the answer");
}

}  // namespace

Status check_cleanup_policy(const std::string& topic, const std::string& policy) {
  if (policy == "compact") return Ok{};
  return errors::store_error("The retention policy of the schema topic " + topic + " is incorrect. Expected "
                             "cleanup.policy to be 'compact' but it is '" + policy + "'. Fix it with: kafka-configs "
                             "--bootstrap-server <servers> --alter --entity-type topics --entity-name " + topic +
                             " --add-config cleanup.policy=compact");
}

Status ensure_topic(rd_kafka_t* rk, const KafkaLogOptions& options, Clock::time_point deadline) {
  // All topics: a metadata request naming the topic would auto-create it on some brokers.
  const rd_kafka_metadata_t* raw = nullptr;
  const auto err = rd_kafka_metadata(rk, 1, nullptr, &raw, std::max(1, to_ms(remaining(deadline))));
  if (err != RD_KAFKA_RESP_ERR_NO_ERROR) {
    return errors::store_error("Cannot reach Kafka at " + options.bootstrap_servers + " within " +
                               std::to_string(options.init_timeout.count()) + " ms (kafkastore.init.timeout.ms): " +
                               rd_kafka_err2str(err));
  }
  Metadata metadata(raw);
  const rd_kafka_metadata_topic_t* found = nullptr;
  for (int i = 0; i < metadata->topic_cnt; ++i) {
    if (options.topic == metadata->topics[i].topic && metadata->topics[i].err == RD_KAFKA_RESP_ERR_NO_ERROR) {
      found = &metadata->topics[i];
    }
  }
  if (!found && !options.create_missing_topic) {
    return errors::store_error("The schema topic " + options.topic + " does not exist at " +
                               options.bootstrap_servers + " (check --topic / kafkastore.topic)");
  }
  if (!found) return create_topic(rk, options, std::max(1, metadata->broker_cnt), deadline);

  if (found->partition_cnt != 1) {
    return errors::store_error("The schema topic " + options.topic + " has " + std::to_string(found->partition_cnt) +
                               " partitions; it must have exactly 1. Use another topic (kafkastore.topic) or "
                               "delete and recreate it: kafka-topics --bootstrap-server " + options.bootstrap_servers +
                               " --create --topic " + options.topic +
                               " --partitions 1 --config cleanup.policy=compact");
  }
  // Brokers without DescribeConfigs (the test broker) only time out: bound the wait, since
  // an unverifiable policy is a warning, not a failure.
  const auto describe_deadline = std::min(
      deadline, Clock::now() + std::max<std::chrono::milliseconds>(options.init_timeout / 10, std::chrono::seconds(3)));
  auto policy = describe_cleanup_policy(rk, options.topic, describe_deadline);
  if (!policy) {
    spdlog::warn("Could not verify the cleanup.policy of topic {} ({}); it must be 'compact'", options.topic,
                 policy.error().message);
    return Ok{};
  }
  return check_cleanup_policy(options.topic, *policy);
}

}  // namespace accord::log::kafka
