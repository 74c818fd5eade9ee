#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include "accord/log/kafka_log.hpp"
#include "../../src/log/kafka_topic.hpp"
#include "broker_process.hpp"

namespace accord::log {
namespace {

using namespace std::chrono_literals;
using testing::BrokerProcess;

KafkaLogOptions options_for(const BrokerProcess& broker, const std::string& topic) {
  KafkaLogOptions options;
  options.bootstrap_servers = broker.bootstrap_servers();
  options.topic = topic;
  options.timeout = 10000ms;  // generous: the box is shared; no test measures time
  options.init_timeout = 10000ms;
  // The mock answers an empty fetch only after fetch.wait.max.ms (docs/test-broker.md).
  options.client_properties = {{"fetch.wait.max.ms", "10"}};
  return options;
}

std::unique_ptr<SchemaLog> open_or_fail(const KafkaLogOptions& options) {
  auto log = open_kafka_log(options);
  EXPECT_TRUE(log.ok()) << (log.ok() ? "" : log.error().message);
  return log.ok() ? std::move(log).value() : nullptr;
}

// Reads until `count` records arrived or the deadline passed.
std::vector<StoredRecord> read_records(SchemaLog& log, Offset from, std::size_t count) {
  std::vector<StoredRecord> all;
  const auto deadline = std::chrono::steady_clock::now() + 30s;
  while (all.size() < count && std::chrono::steady_clock::now() < deadline) {
    auto batch = log.read(from, 1000ms, count - all.size());
    EXPECT_TRUE(batch.ok()) << (batch.ok() ? "" : batch.error().message);
    if (!batch.ok()) break;
    for (auto& r : *batch) {
      from = r.offset + 1;
      all.push_back(std::move(r));
    }
  }
  return all;
}

Record keyed(const std::string& key, std::optional<std::string> value) { return Record{key, std::move(value), {}}; }

// Retries a failing append until it succeeds or the deadline passes.
Result<Offset> append_within(SchemaLog& log, const std::vector<Record>& batch, std::chrono::seconds limit) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  Result<Offset> result = log.append(batch);
  while (!result.ok() && std::chrono::steady_clock::now() < deadline) result = log.append(batch);
  return result;
}

class KafkaLogTest : public ::testing::Test {
 protected:
  BrokerProcess broker{{"--topic", "_schemas:1"}};
};

TEST_F(KafkaLogTest, AppendsAndReadsRecordsExactly) {
  auto log = open_or_fail(options_for(broker, "_schemas"));
  ASSERT_TRUE(log);
  EXPECT_EQ(*log->end_offset(), 0);
  EXPECT_EQ(*log->start_offset(), 0);
  const std::vector<Record> batch{
      Record{R"({"keytype":"NOOP","magic":0})", std::nullopt, {}},
      Record{std::nullopt, std::string("no key"), {}},
      Record{"k", std::string(), {{"h1", "v1"}, {"h2", "v2"}}},
  };
  auto last = log->append(batch);
  ASSERT_TRUE(last.ok()) << last.error().message;
  EXPECT_EQ(*last, 2);
  const std::vector<Record> one{keyed("k2", "v")};
  EXPECT_EQ(*log->append(one), 3);
  EXPECT_EQ(*log->end_offset(), 4);
  EXPECT_EQ(*log->held_offsets(), (std::pair<Offset, Offset>{0, 4}));  // one watermark query

  const auto records = read_records(*log, Offset{0}, 4);
  ASSERT_EQ(records.size(), 4u);
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(records[i].offset, static_cast<Offset>(i));
    EXPECT_EQ(records[i].record, batch[i]);
  }
  EXPECT_FALSE(records[0].record.value.has_value());  // tombstone
  EXPECT_TRUE(records[2].record.value.has_value());   // empty value, not a tombstone
  EXPECT_GT(records[3].timestamp_ms, 0);

  const auto from_two = read_records(*log, Offset{2}, 2);
  ASSERT_EQ(from_two.size(), 2u);
  EXPECT_EQ(from_two[0].offset, 2);
  EXPECT_EQ(from_two[1].record.key, "k2");

  // At the end: nothing within the wait, and the position reached is the end offset.
  auto at_end = log->read_batch(Offset{4}, 200ms, 10);
  ASSERT_TRUE(at_end.ok());
  EXPECT_TRUE(at_end->records.empty());
  EXPECT_EQ(at_end->next_offset, 4);
}

TEST_F(KafkaLogTest, ReadReportsThePositionAtTheEndOfTheLog) {
  auto log = open_or_fail(options_for(broker, "_schemas"));
  ASSERT_TRUE(log);
  std::vector<Record> batch;
  for (int i = 0; i < 5; ++i) batch.push_back(keyed("k" + std::to_string(i), "v"));
  ASSERT_TRUE(log->append(batch).ok());
  Offset next{0};
  const auto deadline = std::chrono::steady_clock::now() + 30s;
  while (next < 5 && std::chrono::steady_clock::now() < deadline) {
    auto read = log->read_batch(next, 1000ms, 2);
    ASSERT_TRUE(read.ok());
    ASSERT_LE(read->records.size(), 2u);
    next = read->next_offset;
  }
  EXPECT_EQ(next, *log->end_offset());
}

// Reads stop once the records read hold max_bytes of keys and values: at least one.
TEST_F(KafkaLogTest, ReadHonoursMaxBytes) {
  auto log = open_or_fail(options_for(broker, "_schemas"));
  ASSERT_TRUE(log);
  std::vector<Record> batch;
  for (int i = 0; i < 10; ++i) batch.push_back(keyed("k" + std::to_string(i), std::string(1000, 'v')));
  ASSERT_TRUE(log->append(batch).ok());
  ASSERT_EQ(read_records(*log, Offset{0}, 10).size(), 10u) << "all of them arrived";
  Offset next{0};
  std::size_t reads = 0;
  const auto deadline = std::chrono::steady_clock::now() + 30s;
  while (next < 10 && std::chrono::steady_clock::now() < deadline) {
    auto read = log->read_batch(next, 1000ms, 100, 2500);
    ASSERT_TRUE(read.ok());
    ASSERT_LE(read->records.size(), 3u) << "two hold less than 2,500 bytes, three more";
    if (!read->records.empty()) ++reads;
    next = read->next_offset;
  }
  EXPECT_EQ(next, 10);
  EXPECT_GE(reads, 4u);
  auto one = log->read_batch(Offset{7}, 1000ms, 100, 1);
  ASSERT_TRUE(one.ok());
  ASSERT_EQ(one->records.size(), 1u);
  EXPECT_EQ(one->records.front().offset, 7);
  EXPECT_EQ(one->next_offset, 8);
}

TEST_F(KafkaLogTest, ReadBeyondTheEndIsOffsetOutOfRange) {
  auto log = open_or_fail(options_for(broker, "_schemas"));
  ASSERT_TRUE(log);
  const std::vector<Record> one{keyed("k", "v")};
  ASSERT_TRUE(log->append(one).ok());
  auto read = log->read(Offset{50}, 5000ms, 10);
  ASSERT_FALSE(read.ok());
  EXPECT_TRUE(is_offset_out_of_range(read.error())) << read.error().message;
  // The reader recovers for a valid offset.
  EXPECT_EQ(read_records(*log, Offset{0}, 1).size(), 1u);
}

TEST_F(KafkaLogTest, TopicWithThreePartitionsIsRefused) {
  ASSERT_EQ(broker.command("topic wide 3"), "ok");
  auto log = open_kafka_log(options_for(broker, "wide"));
  ASSERT_FALSE(log.ok());
  EXPECT_NE(log.error().message.find("wide"), std::string::npos) << log.error().message;
  EXPECT_NE(log.error().message.find("3 partitions"), std::string::npos) << log.error().message;
}

TEST_F(KafkaLogTest, MissingTopicThatTheBrokerCannotCreateGivesTheCommandToCreateIt) {
  auto options = options_for(broker, "absent");
  options.init_timeout = 3000ms;
  auto log = open_kafka_log(options);
  ASSERT_FALSE(log.ok());
  EXPECT_NE(log.error().message.find("absent"), std::string::npos) << log.error().message;
  EXPECT_NE(log.error().message.find("kafka-topics"), std::string::npos) << log.error().message;
  // The check itself created nothing (an all-topics metadata request).
  EXPECT_EQ(broker.command("topic absent 1"), "ok");
}

TEST_F(KafkaLogTest, BrokerCommandChannelAnswersEveryCommand) {
  EXPECT_EQ(broker.command("rtt 1 5"), "ok");
  EXPECT_EQ(broker.command("rtt 1 0"), "ok");
  EXPECT_EQ(broker.command("topic other 2"), "ok");
  EXPECT_EQ(broker.command("topic other 2").rfind("error TOPIC_ALREADY_EXISTS", 0), 0u);
  EXPECT_EQ(broker.command("down 9"), "error no broker 9");
  EXPECT_EQ(broker.command("err 24"), "error usage: err APIKEY ERRCODE [ERRCODE...]");
  EXPECT_EQ(broker.command("fly away"), "error unknown command: fly");
}

TEST_F(KafkaLogTest, InvalidClientPropertyIsAClearError) {
  auto options = options_for(broker, "_schemas");
  options.client_properties["no.such.property"] = "1";
  auto log = open_kafka_log(options);
  ASSERT_FALSE(log.ok());
  EXPECT_NE(log.error().message.find("no.such.property"), std::string::npos);
}

TEST_F(KafkaLogTest, AppendFailsWhileTheBrokerIsDownAndWorksAfterItIsBack) {
  auto options = options_for(broker, "_schemas");
  options.timeout = 1000ms;
  auto log = open_or_fail(options);
  ASSERT_TRUE(log);
  // The short append timeout is for the outage; before it, retry until the producer is up.
  const std::vector<Record> first{keyed("before", "1")};
  ASSERT_TRUE(append_within(*log, first, 60s).ok());

  ASSERT_EQ(broker.command("down 1"), "ok");
  const std::vector<Record> lost{keyed("during", "2")};
  auto failed = log->append(lost);
  ASSERT_FALSE(failed.ok());
  EXPECT_TRUE(failed.error().code == ErrorCode::OperationTimeout || failed.error().code == ErrorCode::StoreError);

  ASSERT_EQ(broker.command("up 1"), "ok");
  const std::vector<Record> after{keyed("after", "3")};
  const Result<Offset> appended = append_within(*log, after, 60s);
  ASSERT_TRUE(appended.ok()) << appended.error().message;

  const auto records = read_records(*log, Offset{0}, static_cast<std::size_t>(*appended + 1));
  ASSERT_FALSE(records.empty());
  EXPECT_EQ(records.front().record.key, "before");
  EXPECT_EQ(records.back().record.key, "after");
  // The failed append changed nothing: its record was purged with the producer.
  for (const auto& r : records) EXPECT_NE(r.record.key, "during");
}

TEST_F(KafkaLogTest, FencedTransactionalAppendFailsAndWritesNothing) {
  auto options = options_for(broker, "_schemas");
  options.transactional_id = "accord-test-writer";
  auto log = open_or_fail(options);
  ASSERT_TRUE(log);
  const std::vector<Record> first{keyed("first", "1")};
  auto appended = log->append(first);
  ASSERT_TRUE(appended.ok()) << appended.error().message;
  EXPECT_EQ(*appended, 0);

  // PRODUCER_FENCED (90) for AddPartitionsToTxn (API key 24): what a newer writer causes.
  ASSERT_EQ(broker.command("err 24 90"), "ok");
  const std::vector<Record> fenced{keyed("fenced", "2")};
  auto failed = log->append(fenced);
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.error().code, ErrorCode::ProducerFenced) << failed.error().message;
  EXPECT_EQ(failed.error().error_code(), 50001) << "answered as a store error";

  // A fresh producer takes over for the next append.
  const std::vector<Record> next{keyed("next", "3")};
  auto recovered = log->append(next);
  ASSERT_TRUE(recovered.ok()) << recovered.error().message;

  const auto records = read_records(*log, Offset{0}, static_cast<std::size_t>(*recovered + 1));
  ASSERT_FALSE(records.empty());
  EXPECT_EQ(records.front().record.key, "first");
  EXPECT_EQ(records.back().record.key, "next");
  for (const auto& r : records) EXPECT_NE(r.record.key, "fenced");
}

TEST_F(KafkaLogTest, AppendOwnVouchesOnlyForRecordsRightAfterItsPreviousAppend) {
  auto options = options_for(broker, "_schemas");
  options.transactional_id = "accord-test-writer";
  auto log = open_or_fail(options);
  ASSERT_TRUE(log);
  const std::vector<Record> first{keyed("a", "1")};
  auto appended = log->append_own(first);
  ASSERT_TRUE(appended.ok()) << appended.error().message;
  EXPECT_TRUE(appended->own_records.empty()) << "nothing is known about what precedes the first append";

  // Right after the previous transaction (the mock writes no commit marker, so directly
  // after its record): ours, with offsets and times.
  const std::vector<Record> second{keyed("b", "2"), keyed("c", std::nullopt)};
  appended = log->append_own(second);
  ASSERT_TRUE(appended.ok()) << appended.error().message;
  ASSERT_EQ(appended->own_records.size(), 2u);
  EXPECT_EQ(appended->own_records[0].offset, 1);
  EXPECT_EQ(appended->own_records[1].offset, 2);
  EXPECT_EQ(appended->last, 2);
  EXPECT_EQ(appended->own_records[0].record, second[0]);
  EXPECT_EQ(appended->own_records[1].record, second[1]);
  EXPECT_GT(appended->own_records[0].timestamp_ms, 0);
  // They are what a reader gets back.
  const auto read = read_records(*log, Offset{1}, 2);
  ASSERT_EQ(read.size(), 2u);
  EXPECT_EQ(read[0].record, second[0]);
  EXPECT_EQ(read[0].timestamp_ms, appended->own_records[0].timestamp_ms);
  EXPECT_EQ(read[1].offset, 2);

  // Another producer's record in between: no longer vouched for, read back as usual.
  auto other_options = options_for(broker, "_schemas");
  auto other = open_or_fail(other_options);
  ASSERT_TRUE(other);
  ASSERT_TRUE(other->append(std::vector<Record>{keyed("foreign", "x")}).ok());
  appended = log->append_own(std::vector<Record>{keyed("d", "4")});
  ASSERT_TRUE(appended.ok()) << appended.error().message;
  EXPECT_TRUE(appended->own_records.empty());

  // After a failed append nothing is vouched for until one succeeded again.
  ASSERT_EQ(broker.command("err 24 90"), "ok");
  EXPECT_FALSE(log->append_own(std::vector<Record>{keyed("fenced", "5")}).ok());
  appended = log->append_own(std::vector<Record>{keyed("e", "6")});
  ASSERT_TRUE(appended.ok()) << appended.error().message;
  EXPECT_TRUE(appended->own_records.empty());
}

TEST(KafkaTopicCheck, OnlyCompactCleanupPolicyIsAccepted) {
  EXPECT_TRUE(kafka::check_cleanup_policy("_schemas", "compact").ok());
  for (const char* policy : {"delete", "compact,delete", ""}) {
    const auto status = kafka::check_cleanup_policy("_schemas", policy);
    ASSERT_FALSE(status.ok()) << policy;
    EXPECT_NE(status.error().message.find("_schemas"), std::string::npos);
    EXPECT_NE(status.error().message.find("cleanup.policy=compact"), std::string::npos);
  }
}

TEST(KafkaLogUnreachable, ClosedPortGivesAClearErrorAfterTheInitTimeout) {
  // A loopback port nobody listens on: bind, read the port, close.
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ASSERT_EQ(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
  socklen_t size = sizeof address;
  ASSERT_EQ(::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size), 0);
  ::close(fd);

  KafkaLogOptions options;
  options.bootstrap_servers = "127.0.0.1:" + std::to_string(ntohs(address.sin_port));
  options.init_timeout = 1500ms;
  auto log = open_kafka_log(options);
  ASSERT_FALSE(log.ok());
  EXPECT_NE(log.error().message.find("Cannot reach Kafka at " + options.bootstrap_servers), std::string::npos)
      << log.error().message;
}

}  // namespace
}  // namespace accord::log
