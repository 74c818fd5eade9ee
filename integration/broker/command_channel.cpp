#include "command_channel.hpp"

#include <charconv>
#include <sstream>
#include <vector>

namespace accord::test_broker {
namespace {

bool parse_int(const std::string& text, long& out) {
  const auto* end = text.data() + text.size();
  const auto [p, ec] = std::from_chars(text.data(), end, out);
  return ec == std::errc() && p == end;
}

std::string answer(rd_kafka_resp_err_t err) {
  if (err == RD_KAFKA_RESP_ERR_NO_ERROR) return "ok";
  return std::string("error ") + rd_kafka_err2name(err) + ": " + rd_kafka_err2str(err);
}

}  // namespace

std::string create_topic(rd_kafka_mock_cluster_t* cluster, const std::string& name, int partitions) {
  if (name.empty()) return "error empty topic name";
  if (partitions < 1) return "error partitions must be at least 1";
  // The mock ignores the replication factor; 1 keeps it valid for a single broker.
  return answer(rd_kafka_mock_topic_create(cluster, name.c_str(), partitions, 1));
}

std::string run_command(rd_kafka_mock_cluster_t* cluster, int broker_count, const std::string& line) {
  std::istringstream in(line);
  std::string verb;
  in >> verb;
  std::vector<std::string> args;
  for (std::string arg; in >> arg;) args.push_back(arg);

  if (verb.empty()) return "error empty command";
  if (verb != "topic" && verb != "down" && verb != "up" && verb != "rtt" && verb != "err") {
    return "error unknown command: " + verb;
  }
  std::vector<long> numbers;
  const std::size_t first_number = verb == "topic" ? 1 : 0;
  for (std::size_t i = first_number; i < args.size(); ++i) {
    long n = 0;
    if (!parse_int(args[i], n)) return "error not a number: " + args[i];
    numbers.push_back(n);
  }
  auto broker_id_ok = [&](long id) { return id >= 1 && id <= broker_count; };

  if (verb == "topic") {
    if (args.size() != 2) return "error usage: topic NAME PARTITIONS";
    return create_topic(cluster, args[0], static_cast<int>(numbers[0]));
  }
  if (verb == "down" || verb == "up") {
    if (numbers.size() != 1) return "error usage: " + verb + " BROKERID";
    if (!broker_id_ok(numbers[0])) return "error no broker " + args[0];
    const auto id = static_cast<int32_t>(numbers[0]);
    return answer(verb == "down" ? rd_kafka_mock_broker_set_down(cluster, id)
                                 : rd_kafka_mock_broker_set_up(cluster, id));
  }
  if (verb == "rtt") {
    if (numbers.size() != 2) return "error usage: rtt BROKERID MS";
    if (!broker_id_ok(numbers[0])) return "error no broker " + args[0];
    if (numbers[1] < 0) return "error MS must not be negative";
    return answer(rd_kafka_mock_broker_set_rtt(cluster, static_cast<int32_t>(numbers[0]),
                                               static_cast<int>(numbers[1])));
  }
  if (verb == "err") {
    if (numbers.size() < 2) return "error usage: err APIKEY ERRCODE [ERRCODE...]";
    if (numbers[0] < 0 || numbers[0] > 32767) return "error bad API key " + args[0];
    std::vector<rd_kafka_resp_err_t> errors;
    for (std::size_t i = 1; i < numbers.size(); ++i) errors.push_back(static_cast<rd_kafka_resp_err_t>(numbers[i]));
    rd_kafka_mock_push_request_errors_array(cluster, static_cast<int16_t>(numbers[0]), errors.size(), errors.data());
    return "ok";
  }
  return "error unknown command: " + verb;
}

}  // namespace accord::test_broker
