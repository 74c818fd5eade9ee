#include "accord/cli/log_options.hpp"

#include <set>

namespace accord::cli {
log::KafkaLogOptions kafka_log_options(const Config& config) {
  log::KafkaLogOptions options;
  options.bootstrap_servers = config.value("kafkastore.bootstrap.servers");
  options.topic = config.value("kafkastore.topic");
  options.replication_factor = static_cast<int>(config.int_value("kafkastore.topic.replication.factor"));
  options.timeout = std::chrono::milliseconds(config.int_value("kafkastore.timeout.ms"));
  options.init_timeout = std::chrono::milliseconds(config.int_value("kafkastore.init.timeout.ms"));
  for (const auto& [key, value] : config.with_prefix("kafkastore.")) {
    static const std::set<std::string> own = {"bootstrap.servers", "topic", "topic.replication.factor", "timeout.ms",
                                              "init.timeout.ms"};
    if (!own.count(key)) options.client_properties[key] = value;
  }
  options.client_properties["bootstrap.servers"] = options.bootstrap_servers;
  return options;
}

}  // namespace accord::cli
