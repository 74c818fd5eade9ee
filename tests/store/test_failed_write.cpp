// A RocksDB write that fails never leaves memory ahead of disk: what the store serves after
// the failure equals what a store opened on the same directory reads, and nothing more is
// applied (a retry would otherwise skip the offsets the failed batch held).
#include <gtest/gtest.h>

#include <atomic>

#include <rocksdb/utilities/stackable_db.h>

#include "accord/log/codec.hpp"
#include "accord/store/materializer.hpp"
#include "accord/store/state_store.hpp"
#include "support/temp_dir.hpp"

namespace accord::store {
namespace {

// Fails every Write once armed; everything else goes to the real database.
class FailingWritesDb final : public rocksdb::StackableDB {
 public:
  FailingWritesDb(rocksdb::DB* db, std::atomic<bool>& armed) : rocksdb::StackableDB(db), armed_(armed) {}
  using rocksdb::StackableDB::Write;
  rocksdb::Status Write(const rocksdb::WriteOptions& options, rocksdb::WriteBatch* batch) override {
    if (armed_) return rocksdb::Status::IOError("injected write failure");
    return rocksdb::StackableDB::Write(options, batch);
  }

 private:
  std::atomic<bool>& armed_;
};

log::StoredRecord schema_record(int64_t offset, const std::string& subject, int version, int id, const std::string& text) {
  const auto key = log::schema_key(subject, VersionNumber{version});
  Schema schema;
  schema.text = text;
  return {Offset{offset},
          log::Record{log::encode_key(key),
                      log::encode_schema_value({subject, VersionNumber{version}, SchemaId{id}, schema, false}), {}},
          1000 + offset};
}

log::StoredRecord config_record(int64_t offset, const std::string& subject, const std::string& level) {
  return {Offset{offset},
          log::Record{log::encode_key(log::config_key(subject)),
                      std::string(R"({"compatibilityLevel":")") + level + "\"}", {}},
          1000 + offset};
}

// Everything a read can see.
std::string served(const StateStore& store) {
  std::string out = "offset " + std::to_string(store.applied_offset()) + " max id " + std::to_string(store.max_id()) +
                    " schemas " + std::to_string(store.schema_count()) + "\n";
  for (const auto& subject : store.subjects()) {
    out += subject + ":";
    for (const auto& v : store.versions(subject))
      out += " v" + std::to_string(v.version) + "=" + std::to_string(v.id) + "(" + store.schema_by_id(v.id)->text + ")";
    if (auto config = store.config(subject)) out += " config " + std::string(to_string(*config->compatibility_level));
    out += "\n";
  }
  return out;
}

TEST(FailedStoreWrite, ServesWhatIsOnDiskAndStopsApplying) {
  accord::testing::TempDir dir;
  std::atomic<bool> armed{false};
  auto wrap = [&](std::unique_ptr<rocksdb::DB> db) -> std::unique_ptr<rocksdb::DB> {
    return std::make_unique<FailingWritesDb>(db.release(), armed);
  };
  std::string before;
  {
    auto opened = StateStore::open(dir.path(), {}, wrap);
    ASSERT_TRUE(opened.ok());
    auto& store = **opened;
    Materializer materializer(store);
    std::vector<log::StoredRecord> first = {schema_record(0, "a", 1, 1, R"("string")"),
                                            schema_record(1, "b", 1, 2, R"("int")"), config_record(2, "a", "FULL")};
    ASSERT_TRUE(materializer.apply(first).ok());
    before = served(store);

    armed = true;
    std::vector<log::StoredRecord> second = {schema_record(3, "a", 2, 3, R"("long")"),
                                             schema_record(4, "c", 1, 4, R"("boolean")"), config_record(5, "b", "NONE")};
    auto failed = materializer.apply(second);
    ASSERT_FALSE(failed.ok());
    EXPECT_NE(failed.error().message.find("injected write failure"), std::string::npos) << failed.error().message;
    EXPECT_EQ(served(store), before) << "memory went ahead of disk";

    // Nothing more is applied, even once the disk would accept it: the node must restart.
    armed = false;
    EXPECT_FALSE(materializer.apply(second).ok());
    EXPECT_EQ(served(store), before);
  }
  // What a fresh store reads from the same directory is what was served, and a restarted
  // node applies the batch that failed.
  auto reopened = StateStore::open(dir.path());
  ASSERT_TRUE(reopened.ok());
  EXPECT_EQ(served(**reopened), before);
  Materializer materializer(**reopened);
  std::vector<log::StoredRecord> second = {schema_record(3, "a", 2, 3, R"("long")")};
  ASSERT_TRUE(materializer.apply(second).ok());
  EXPECT_EQ((*reopened)->applied_offset(), 3);
  EXPECT_EQ((*reopened)->versions("a").size(), 2u);
}

}  // namespace
}  // namespace accord::store
