// PendingWrites is what an apply reads its own earlier changes through: a key it changed reads
// as changed, a key it deleted reads as gone, and a scan merges both with the database in key
// order. The batch it writes holds the last change of each key, in key order.
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <rocksdb/db.h>
#include <rocksdb/write_batch.h>

#include "pending_writes.hpp"
#include "support/temp_dir.hpp"

namespace accord::store::detail {
namespace {

using Family = PendingWrites::Family;

class PendingWritesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    rocksdb::DBOptions options;
    options.create_if_missing = true;
    options.create_missing_column_families = true;
    std::vector<rocksdb::ColumnFamilyDescriptor> families{{rocksdb::kDefaultColumnFamilyName, {}}, {"schemas", {}}};
    std::vector<rocksdb::ColumnFamilyHandle*> handles;
    rocksdb::DB* raw = nullptr;
    ASSERT_TRUE(rocksdb::DB::Open(options, dir_.path().string(), families, &handles, &raw).ok());
    db_.reset(raw);
    for (auto* handle : handles) handles_.emplace_back(handle);
  }
  void TearDown() override {
    handles_.clear();
    db_.reset();
  }

  void store(const std::string& key, const std::string& value, Family family = Family::Default) {
    ASSERT_TRUE(db_->Put({}, handle(family), key, value).ok());
  }
  rocksdb::ColumnFamilyHandle* handle(Family family) { return handles_.at(family == Family::Schemas ? 1 : 0).get(); }
  rocksdb::ColumnFamilyHandle& schemas() { return *handles_.at(1); }

  static std::vector<std::pair<std::string, std::string>> scan_all(const PendingWrites& writes,
                                                                    const std::string& prefix) {
    std::vector<std::pair<std::string, std::string>> out;
    for (auto it = writes.scan(prefix); it.valid() && it.key().starts_with(prefix); it.next())
      out.emplace_back(std::string(it.key()), std::string(it.value()));
    return out;
  }

  accord::testing::TempDir dir_;
  std::unique_ptr<rocksdb::DB> db_;
  std::vector<std::unique_ptr<rocksdb::ColumnFamilyHandle>> handles_;
};

TEST_F(PendingWritesTest, ReadsItsOwnChangesOverTheDatabase) {
  store("a", "stored-a");
  store("b", "stored-b");
  store("s1", "stored-schema", Family::Schemas);
  PendingWrites writes(*db_, schemas());
  writes.put("a", "pending-a");
  writes.erase("b");
  writes.put("c", "pending-c");
  EXPECT_EQ(writes.get("a"), "pending-a");
  EXPECT_EQ(writes.get("b"), std::nullopt);
  EXPECT_EQ(writes.get("c"), "pending-c");
  EXPECT_EQ(writes.get("d"), std::nullopt);
  // Families are apart: the default family's "s1" is not the schemas family's.
  EXPECT_EQ(writes.get("s1"), std::nullopt);
  EXPECT_EQ(writes.get("s1", Family::Schemas), "stored-schema");
  writes.erase("s1", Family::Schemas);
  EXPECT_EQ(writes.get("s1", Family::Schemas), std::nullopt);
  // A deleted key put again, and a put key deleted again.
  writes.put("b", "again-b");
  writes.erase("c");
  EXPECT_EQ(writes.get("b"), "again-b");
  EXPECT_EQ(writes.get("c"), std::nullopt);
}

TEST_F(PendingWritesTest, AScanMergesChangesAndStoredKeysInKeyOrder) {
  for (const char* key : {"p1", "p3", "p5", "p7", "q1"}) store(key, std::string("stored-") + key);
  PendingWrites writes(*db_, schemas());
  writes.put("p0", "new-p0");  // before every stored key
  writes.put("p3", "new-p3");  // replaces a stored key
  writes.erase("p5");          // hides a stored key
  writes.put("p6", "new-p6");  // between stored keys
  writes.erase("p8");          // deletes what is not stored
  writes.put("p9", "new-p9");  // after every stored key of the prefix
  writes.put("\xff", "after everything");
  const std::vector<std::pair<std::string, std::string>> expected{
      {"p0", "new-p0"}, {"p1", "stored-p1"}, {"p3", "new-p3"}, {"p6", "new-p6"}, {"p7", "stored-p7"}, {"p9", "new-p9"}};
  EXPECT_EQ(scan_all(writes, "p"), expected);
  // Only deletions pending at the end of a scan, and a scan past every key.
  writes.erase("p9");
  writes.erase("p7");
  const std::vector<std::pair<std::string, std::string>> shorter{
      {"p0", "new-p0"}, {"p1", "stored-p1"}, {"p3", "new-p3"}, {"p6", "new-p6"}};
  EXPECT_EQ(scan_all(writes, "p"), shorter);
  EXPECT_TRUE(scan_all(writes, "r").empty());
  EXPECT_EQ(scan_all(writes, "\xff").size(), 1u);
}

TEST_F(PendingWritesTest, ItsBatchHoldsTheLastChangeOfEachKeyInKeyOrderFamilyByFamily) {
  store("gone", "stored");
  PendingWrites writes(*db_, schemas());
  EXPECT_TRUE(writes.empty());
  writes.put("z", "1");
  writes.put("s9", "schema", Family::Schemas);
  writes.put("a", "1");
  writes.put("a", "2");
  writes.erase("gone");
  writes.put("m", "x");
  writes.erase("m");
  EXPECT_FALSE(writes.empty());

  struct Recorder : rocksdb::WriteBatch::Handler {
    std::vector<std::string> seen;
    rocksdb::Status PutCF(uint32_t family, const rocksdb::Slice& key, const rocksdb::Slice& value) override {
      seen.push_back(std::to_string(family) + " put " + key.ToString() + "=" + value.ToString());
      return rocksdb::Status::OK();
    }
    rocksdb::Status DeleteCF(uint32_t family, const rocksdb::Slice& key) override {
      seen.push_back(std::to_string(family) + " delete " + key.ToString());
      return rocksdb::Status::OK();
    }
  } recorder;
  auto batch = writes.batch();
  ASSERT_TRUE(batch.Iterate(&recorder).ok());
  const auto schemas_id = std::to_string(schemas().GetID());
  const std::vector<std::string> expected{"0 put a=2", "0 delete gone", "0 delete m", "0 put z=1",
                                          schemas_id + " put s9=schema"};
  EXPECT_EQ(recorder.seen, expected);

  ASSERT_TRUE(db_->Write({}, &batch).ok());
  std::string value;
  EXPECT_TRUE(db_->Get({}, "gone", &value).IsNotFound());
  ASSERT_TRUE(db_->Get({}, "a", &value).ok());
  EXPECT_EQ(value, "2");
}

}  // namespace
}  // namespace accord::store::detail
