#include "kafka_client.hpp"

#include <spdlog/spdlog.h>

#include "accord/model/errors.hpp"

namespace accord::log::kafka {
namespace {

void forward_log(const rd_kafka_t* rk, int level, const char* facility, const char* message) {
  // syslog levels: 0-3 error, 4 warning, 5-6 info, 7 debug.
  // Shared pass-through settings make every client warn about the other type's properties.
  if (std::string_view(facility) == "CONFWARN") level = 7;
  const auto spd = level <= 3 ? spdlog::level::err
                   : level == 4 ? spdlog::level::warn
                   : level <= 6 ? spdlog::level::info
                                : spdlog::level::debug;
  spdlog::log(spd, "kafka {} {}: {}", rd_kafka_name(rk), facility, message);
}

Status set(rd_kafka_conf_t* conf, const std::string& name, const std::string& value) {
  char errstr[512];
  if (rd_kafka_conf_set(conf, name.c_str(), value.c_str(), errstr, sizeof errstr) != RD_KAFKA_CONF_OK) {
    return errors::store_error("Invalid Kafka setting kafkastore." + name + "=" + value + ": " + errstr);
  }
  return Ok{};
}

}  // namespace

int to_ms(std::chrono::milliseconds duration) {
  return static_cast<int>(std::clamp<int64_t>(duration.count(), 0, INT32_MAX));
}

Result<rd_kafka_conf_t*> make_conf(const KafkaLogOptions& options, Role role) {
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  auto fail = [&](Error e) -> Result<rd_kafka_conf_t*> {
    rd_kafka_conf_destroy(conf);
    return e;
  };
  rd_kafka_conf_set_log_cb(conf, forward_log);
  // Producer and reader share the pass-through settings; librdkafka only warns about
  // properties that belong to the other client type.
  if (auto s = set(conf, "bootstrap.servers", options.bootstrap_servers); !s) return fail(s.error());
  if (role == Role::Reader && !options.client_properties.contains("group.id")) {
    // librdkafka's assign() needs a group id; nothing joins or commits with it.
    if (auto s = set(conf, "group.id", "accord-schemas-reader"); !s) return fail(s.error());
  }
  for (const auto& [name, value] : options.client_properties) {
    if (auto s = set(conf, name, value); !s) return fail(s.error());
  }
  std::vector<std::pair<std::string, std::string>> required;
  if (role == Role::Producer) {
    required = {{"acks", "all"}, {"enable.idempotence", "true"}};
    if (!options.transactional_id.empty()) {
      required.emplace_back("transactional.id", options.transactional_id);
    }
  } else {
    // assign() only: no group membership, no commits; an offset outside the log is an
    // error the caller sees, never a silent jump.
    required = {{"enable.partition.eof", "true"},
                {"enable.auto.commit", "false"},
                {"enable.auto.offset.store", "false"},
                {"auto.offset.reset", "error"},
                {"isolation.level", options.transactional_id.empty() ? "read_uncommitted" : "read_committed"}};
  }
  for (const auto& [name, value] : required) {
    if (auto s = set(conf, name, value); !s) return fail(s.error());
  }
  return conf;
}

Result<Handle> make_handle(rd_kafka_conf_t* conf, Role role) {
  char errstr[512];
  rd_kafka_t* rk = rd_kafka_new(role == Role::Producer ? RD_KAFKA_PRODUCER : RD_KAFKA_CONSUMER, conf, errstr,
                                sizeof errstr);
  if (!rk) {
    rd_kafka_conf_destroy(conf);
    return errors::store_error(std::string("Cannot create the Kafka client: ") + errstr);
  }
  return Handle(rk);
}

}  // namespace accord::log::kafka
