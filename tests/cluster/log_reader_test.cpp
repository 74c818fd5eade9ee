// The log reader ends an empty store's rebuild once it has caught up: from then on the store
// looks every key up and compacts as usual (state_store.hpp, docs/store.md "Rebuilding").
#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "accord/cluster/log_reader.hpp"
#include "accord/log/local_log.hpp"
#include "accord/store/state_store.hpp"
#include "support/temp_dir.hpp"

namespace accord::cluster {
namespace {

log::Record schema_record(int n) {
  const std::string subject = "s" + std::to_string(n);
  return log::Record{R"({"keytype":"SCHEMA","subject":")" + subject + R"(","version":1,"magic":1})",
                     R"({"subject":")" + subject + R"(","version":1,"id":)" + std::to_string(n) +
                         R"(,"schema":"{\"type\":\"fixed\",\"name\":\"f)" + std::to_string(n) +
                         R"(\",\"size\":4}","deleted":false})",
                     {}};
}

class LogReaderTest : public ::testing::Test {
 protected:
  void open(std::size_t records) {
    auto opened = log::open_local_log(dir_.path() / "log");
    ASSERT_TRUE(opened.ok()) << opened.error().message;
    log_ = std::move(opened).value();
    std::vector<log::Record> batch;
    for (std::size_t n = 1; n <= records; ++n) batch.push_back(schema_record(static_cast<int>(n)));
    if (!batch.empty()) ASSERT_TRUE(log_->append(batch).ok());
    auto store = store::StateStore::open(dir_.path() / "store");
    ASSERT_TRUE(store.ok()) << store.error().message;
    store_ = std::move(store).value();
    ASSERT_TRUE(store_->rebuilding());
  }

  accord::testing::TempDir dir_;
  std::unique_ptr<log::SchemaLog> log_;
  std::unique_ptr<store::StateStore> store_;
};

TEST_F(LogReaderTest, EndsTheRebuildOnceCaughtUp) {
  open(5000);  // more than one read batch
  LogReader reader(*log_, *store_);
  ASSERT_TRUE(reader.prepare().ok());
  EXPECT_TRUE(store_->rebuilding());
  ASSERT_TRUE(reader.catch_up(std::chrono::steady_clock::now() + std::chrono::seconds(60)).ok());
  EXPECT_TRUE(reader.ready());
  EXPECT_FALSE(store_->rebuilding());
  EXPECT_EQ(store_->applied_offset(), 4999);
  EXPECT_EQ(store_->schema_count(), 5000u);
  EXPECT_EQ(store_->versions("s5000").front().id, 5000);
}

TEST_F(LogReaderTest, EndsTheRebuildAtOnceOnAnEmptyLog) {
  open(0);
  LogReader reader(*log_, *store_);
  ASSERT_TRUE(reader.prepare().ok());
  EXPECT_TRUE(reader.ready());
  EXPECT_FALSE(store_->rebuilding());
}

}  // namespace
}  // namespace accord::cluster
