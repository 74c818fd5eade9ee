#include "accord/cli/log_options.hpp"

#include <set>

namespace accord::cli {
namespace {

int64_t int_or(const Config& config, const std::string& key, int64_t fallback) {
  auto value = config.get_int(key);
  return value ? *value : fallback;
}

}  // namespace

log::KafkaLogOptions kafka_log_options(const Config& config) {
  log::KafkaLogOptions options;
  options.bootstrap_servers = config.get_or("kafkastore.bootstrap.servers", "");
  options.topic = config.get_or("kafkastore.topic", "_schemas");
  options.replication_factor = static_cast<int>(int_or(config, "kafkastore.topic.replication.factor", 3));
  options.timeout = std::chrono::milliseconds(int_or(config, "kafkastore.timeout.ms", 500));
  options.init_timeout = std::chrono::milliseconds(int_or(config, "kafkastore.init.timeout.ms", 60000));
  for (const auto& [key, value] : config.with_prefix("kafkastore.")) {
    static const std::set<std::string> own = {"bootstrap.servers", "topic", "topic.replication.factor", "timeout.ms",
                                              "init.timeout.ms"};
    if (!own.count(key)) options.client_properties[key] = value;
  }
  options.client_properties["bootstrap.servers"] = options.bootstrap_servers;
  return options;
}

}  // namespace accord::cli
