// The elected writer: catch-up marker on every election and after a failed append, no
// append without a confirmed lease, step-down on a fenced producer. Runs on the embedded
// log with a lease the test controls; the store is fed by the real LogReader.
#include <gtest/gtest.h>

#include <thread>

#include "accord/cluster/elected_writer.hpp"
#include "accord/cluster/log_reader.hpp"
#include "accord/cluster/writer_marker.hpp"
#include "accord/log/codec.hpp"
#include "accord/log/local_log.hpp"
#include "accord/model/errors.hpp"
#include "cluster_test_support.hpp"

namespace accord::cluster {
namespace {

using std::chrono::milliseconds;
using std::chrono::steady_clock;

log::Record schema_record(const std::string& subject, int id, const std::string& text) {
  return log::Record{R"({"keytype":"SCHEMA","subject":")" + subject + R"(","version":1,"magic":1})",
                     R"({"subject":")" + subject + R"(","version":1,"id":)" + std::to_string(id) +
                         R"(,"schema":")" + text + R"(","deleted":false})",
                     {}};
}

WritePlan plan_of(std::vector<log::Record> records) {
  return [records]() -> Result<std::vector<log::Record>> { return records; };
}

class ElectedWriterTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto opened = log::open_local_log(dir.path() / "log");
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    inner = std::move(opened).value();
    log = std::make_unique<testing::FaultyLog>(*inner);
    auto st = store::StateStore::open(dir.path() / "store");
    ASSERT_TRUE(st.ok()) << st.error().message;
    store = std::move(st).value();
    reader = std::make_unique<LogReader>(*log, *store);
    ASSERT_TRUE(reader->start().ok());
    writer = std::make_unique<ElectedWriter>(*log, *store, lease, ElectedWriterOptions{milliseconds(2000), kUrl});
  }
  void TearDown() override {
    writer.reset();
    reader->stop();
  }

  std::vector<log::StoredRecord> records() {
    auto end = log->end_offset();
    auto read = log->read(Offset{0}, milliseconds(0), static_cast<std::size_t>(*end));
    return read.ok() ? *read : std::vector<log::StoredRecord>{};
  }

  static constexpr const char* kUrl = "http://writer:8081";
  testing::TempDir dir;
  std::unique_ptr<log::SchemaLog> inner;
  std::unique_ptr<testing::FaultyLog> log;
  std::unique_ptr<store::StateStore> store;
  std::unique_ptr<LogReader> reader;
  testing::FakeLease lease;
  std::unique_ptr<ElectedWriter> writer;
};

TEST_F(ElectedWriterTest, ANodeThatIsNotElectedRefusesAndAppendsNothing) {
  auto written = writer->write(plan_of({schema_record("s", 1, "\\\"string\\\"")}));
  ASSERT_FALSE(written.ok());
  EXPECT_EQ(written.error().error_code(), 50004);
  EXPECT_EQ(log->appends, 0);
}

TEST_F(ElectedWriterTest, TheFirstWriteOfATermFollowsTheMarkerNamingTheWriter) {
  lease.set({true, true, 1});
  auto written = writer->write(plan_of({schema_record("s", 1, "\\\"string\\\"")}));
  ASSERT_TRUE(written.ok()) << written.error().message;
  EXPECT_EQ(*written, 1);
  EXPECT_GE(store->applied_offset(), 1) << "answered only once applied (read-your-writes)";
  const auto all = records();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(marker_url(all[0].record), kUrl);
  EXPECT_TRUE(store->schema_by_id(SchemaId{1}).has_value());

  // Same term: no second marker.
  ASSERT_TRUE(writer->write(plan_of({schema_record("t", 2, "\\\"int\\\"")})).ok());
  EXPECT_EQ(records().size(), 3u);
}

TEST_F(ElectedWriterTest, EveryElectionCatchesUpAgain) {
  lease.set({true, true, 1});
  ASSERT_TRUE(writer->write(plan_of({schema_record("s", 1, "\\\"string\\\"")})).ok());
  lease.set({true, true, 2});
  ASSERT_TRUE(writer->write(plan_of({schema_record("t", 2, "\\\"int\\\"")})).ok());
  const auto all = records();
  ASSERT_EQ(all.size(), 4u);
  EXPECT_EQ(marker_url(all[2].record), kUrl);
}

TEST_F(ElectedWriterTest, AnUnconfirmedLeaseAppendsNothing) {
  writer = std::make_unique<ElectedWriter>(*log, *store, lease, ElectedWriterOptions{milliseconds(200), kUrl});
  lease.set({true, false, 1});
  auto written = writer->write(plan_of({schema_record("s", 1, "\\\"string\\\"")}));
  ASSERT_FALSE(written.ok());
  EXPECT_EQ(written.error().error_code(), 50004);
  EXPECT_EQ(log->appends, 0);
}

TEST_F(ElectedWriterTest, ALeaseLostWhileWaitingFailsTheWrite) {
  lease.set({true, false, 1});
  std::thread revoke([&] { lease.set({false, false, 1}); });
  auto written = writer->write(plan_of({schema_record("s", 1, "\\\"string\\\"")}));
  revoke.join();
  ASSERT_FALSE(written.ok());
  EXPECT_EQ(written.error().error_code(), 50004);
  EXPECT_EQ(log->appends, 0);
}

TEST_F(ElectedWriterTest, AFencedProducerStepsDownAtOnceAndWritesNoMore) {
  lease.set({true, true, 1});
  ASSERT_TRUE(writer->write(plan_of({schema_record("s", 1, "\\\"string\\\"")})).ok());
  log->fail_next = errors::producer_fenced("Cannot commit the append to _schemas: _FENCED: Local: This instance has been fenced");
  auto fenced = writer->write(plan_of({schema_record("t", 2, "\\\"int\\\"")}));
  ASSERT_FALSE(fenced.ok());
  EXPECT_NE(fenced.error().message.find("_FENCED"), std::string::npos);
  ASSERT_EQ(lease.step_downs.size(), 1u);
  EXPECT_EQ(lease.step_downs[0].first, 1u);

  const int appends = log->appends;
  auto after = writer->write(plan_of({schema_record("u", 3, "\\\"long\\\"")}));
  ASSERT_FALSE(after.ok());
  EXPECT_EQ(after.error().error_code(), 50004);
  EXPECT_EQ(log->appends, appends) << "no append until elected again";
  EXPECT_FALSE(store->schema_by_id(SchemaId{2}).has_value());

  lease.set({true, true, 2});
  ASSERT_TRUE(writer->write(plan_of({schema_record("u", 3, "\\\"long\\\"")})).ok());
  const auto all = records();
  EXPECT_EQ(marker_url(all[all.size() - 2].record), kUrl) << "re-elected: catch-up first";
}

TEST_F(ElectedWriterTest, AFailedAppendIsFollowedByACatchUp) {
  lease.set({true, true, 1});
  ASSERT_TRUE(writer->write(plan_of({schema_record("s", 1, "\\\"string\\\"")})).ok());
  log->fail_next = errors::operation_timeout("Append to _schemas not acknowledged within 500 ms");
  ASSERT_FALSE(writer->write(plan_of({schema_record("t", 2, "\\\"int\\\"")})).ok());
  EXPECT_TRUE(lease.step_downs.empty()) << "a timeout is not fencing";
  ASSERT_TRUE(writer->write(plan_of({schema_record("t", 2, "\\\"int\\\"")})).ok());
  const auto all = records();
  ASSERT_EQ(all.size(), 4u);
  EXPECT_EQ(marker_url(all[2].record), kUrl);
}

TEST_F(ElectedWriterTest, AnElectionAnnouncesTheWriterWithoutWaitingForAWrite) {
  writer->start();
  lease.set({true, true, 7});
  const auto deadline = steady_clock::now() + std::chrono::seconds(30);
  while (writer->caught_up_term() != 7 && steady_clock::now() < deadline)
    lease.wait_for_change(lease.state(), steady_clock::now() + milliseconds(20));
  EXPECT_EQ(writer->caught_up_term(), 7u);
  const auto all = records();
  ASSERT_EQ(all.size(), 1u);
  EXPECT_EQ(marker_url(all[0].record), kUrl);
}

TEST_F(ElectedWriterTest, AZombieRecordCannotRebindATakenId) {
  lease.set({true, true, 1});
  ASSERT_TRUE(writer->write(plan_of({schema_record("s", 1, "\\\"string\\\"")})).ok());
  // What a stale writer that missed the fencing would append: id 1 for another schema.
  auto zombie = inner->append(std::vector<log::Record>{schema_record("z", 1, "\\\"int\\\"")});
  ASSERT_TRUE(zombie.ok());
  ASSERT_TRUE(store->wait_applied(*zombie, steady_clock::now() + std::chrono::seconds(30)));
  ASSERT_TRUE(store->schema_by_id(SchemaId{1}).has_value());
  EXPECT_EQ(store->schema_by_id(SchemaId{1})->text, "\"string\"") << "first one wins";
  EXPECT_TRUE(store->versions("z").empty());
}

}  // namespace
}  // namespace accord::cluster
