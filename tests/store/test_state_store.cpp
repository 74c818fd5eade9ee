// StateStore + Materializer: applying Confluent-format records, idempotence, reload.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>

#include <rocksdb/db.h>

#include <nlohmann/json.hpp>

#include "accord/formats/guid.hpp"
#include "accord/formats/identity.hpp"
#include "accord/log/codec.hpp"
#include "accord/store/materializer.hpp"
#include "accord/store/state_store.hpp"
#include "rocksdb_options.hpp"
#include "store_keys.hpp"
#include "support/temp_dir.hpp"

namespace accord::store {
namespace {

log::StoredRecord rec(int64_t offset, std::string key, std::optional<std::string> value) {
  return {Offset{offset}, log::Record{std::move(key), std::move(value), {}}, 1000 + offset};
}

// The records of shared/docs/rest-api.md §6.4, as a Confluent node wrote them.
std::vector<log::StoredRecord> confluent_records() {
  return {
      rec(0, R"({"keytype":"NOOP","magic":0})", std::nullopt),
      rec(1, R"({"keytype":"SCHEMA","subject":"orders-value","version":1,"magic":1})",
          R"({"subject":"orders-value","version":1,"id":1,"schema":"{\"type\":\"record\",\"name\":\"Order\",\"fields\":[{\"name\":\"id\",\"type\":\"long\"}]}","deleted":false})"),
      rec(2, R"({"keytype":"CONFIG","subject":"orders-value","magic":0})",
          R"({"subject":"orders-value","compatibilityLevel":"FULL"})"),
      rec(3, R"({"keytype":"SCHEMA","subject":"money","version":1,"magic":1})",
          R"({"subject":"money","version":1,"id":2,"schemaType":"PROTOBUF","schema":"syntax = \"proto3\";\n\nmessage Money {\n  int64 units = 1;\n}\n","deleted":false})"),
      rec(4, R"({"keytype":"SCHEMA","subject":"payments-value","version":1,"magic":1})",
          R"({"subject":"payments-value","version":1,"id":3,"schemaType":"PROTOBUF","references":[{"name":"money.proto","subject":"money","version":1}],"schema":"syntax = \"proto3\";\nimport \"money.proto\";\nmessage Payment { Money amount = 1; }\n","deleted":false})"),
      rec(5, R"({"keytype":"SCHEMA","subject":"orders-value","version":2,"magic":1})",
          R"({"subject":"orders-value","version":2,"id":4,"schema":"\"string\"","deleted":false})"),
      rec(6, R"({"keytype":"SCHEMA","subject":"orders-value","version":2,"magic":1})",
          R"({"subject":"orders-value","version":2,"id":4,"schema":"\"string\"","deleted":true})"),
      rec(7, R"({"keytype":"DELETE_SUBJECT","subject":"orders-value","magic":0})",
          R"({"subject":"orders-value","version":1})"),
      rec(8, R"({"keytype":"SCHEMA","subject":"orders-value","version":2,"magic":1})", std::nullopt),
      rec(9, R"({"keytype":"SCHEMA","subject":"orders-value","version":1,"magic":1})", std::nullopt),
      rec(10, R"({"keytype":"CONFIG","subject":"orders-value","magic":0})", std::nullopt),
      rec(11, R"({"keytype":"CONFIG","magic":0})", R"({"compatibilityLevel":"BACKWARD"})"),
  };
}

class StoreTest : public ::testing::Test {
 protected:
  std::unique_ptr<StateStore> open(const std::filesystem::path& dir) {
    auto store = StateStore::open(dir);
    EXPECT_TRUE(store.ok());
    return std::move(store).value();
  }
  std::unique_ptr<StateStore> open() { return open(dir_.path()); }
  accord::testing::TempDir dir_;
};

TEST_F(StoreTest, AppliesConfluentRecordsStepByStep) {
  auto store = open();
  Materializer materializer(*store);
  auto records = confluent_records();
  ASSERT_TRUE(materializer.apply(std::span(records.data(), 6)).ok());
  EXPECT_EQ(store->applied_offset(), 5);
  EXPECT_EQ(store->max_id(), 4);
  EXPECT_EQ(store->subjects(), (std::vector<std::string>{"money", "orders-value", "payments-value"}));
  ASSERT_EQ(store->versions("orders-value").size(), 2u);
  EXPECT_EQ(store->config(std::string("orders-value"))->compatibility_level, CompatibilityLevel::Full);
  EXPECT_EQ(store->referenced_by("money", VersionNumber{1}), (std::vector<std::pair<std::string, SchemaId>>{{".", SchemaId{3}}}));
  EXPECT_EQ(store->schema_by_id(SchemaId{2})->type, SchemaType::Protobuf);
  EXPECT_EQ(store->schema_by_id(SchemaId{1})->type, SchemaType::Avro);

  ASSERT_TRUE(materializer.apply(std::span(records.data() + 6, 2)).ok());
  auto versions = store->versions("orders-value");
  ASSERT_EQ(versions.size(), 2u);
  EXPECT_TRUE(versions[0].deleted);
  EXPECT_TRUE(versions[1].deleted);

  ASSERT_TRUE(materializer.apply(std::span(records.data() + 8, 4)).ok());
  EXPECT_TRUE(store->versions("orders-value").empty());
  EXPECT_FALSE(store->schema_by_id(SchemaId{1}).has_value()) << "the last version carrying id 1 is gone";
  EXPECT_FALSE(store->config(std::string("orders-value")).has_value());
  EXPECT_EQ(store->config(std::nullopt)->compatibility_level, CompatibilityLevel::Backward);
  EXPECT_EQ(store->max_id(), 4) << "tombstones never lower the id high-water mark";
}

TEST_F(StoreTest, ApplyingTwiceChangesNothing) {
  auto store = open();
  Materializer materializer(*store);
  auto records = confluent_records();
  records.resize(6);
  ASSERT_TRUE(materializer.apply(records).ok());
  const auto before = store->versions("orders-value");
  ASSERT_TRUE(materializer.apply(records).ok());  // same offsets: skipped
  EXPECT_EQ(store->versions("orders-value").size(), before.size());
  // A replay into an empty store (what --rebuild starts from), twice.
  accord::testing::TempDir fresh_dir;
  auto fresh = open(fresh_dir.path());
  Materializer replay(*fresh);
  ASSERT_TRUE(replay.apply(records).ok());
  ASSERT_TRUE(replay.apply(records).ok());
  EXPECT_EQ(fresh->versions("orders-value").size(), 2u);
  EXPECT_EQ(fresh->applied_offset(), 5);
}

TEST_F(StoreTest, ReopenRestoresEverything) {
  auto records = confluent_records();
  records.resize(8);
  {
    auto store = open();
    Materializer materializer(*store);
    ASSERT_TRUE(materializer.apply(records).ok());
  }
  auto store = open();
  EXPECT_EQ(store->applied_offset(), 7);
  EXPECT_EQ(store->max_id(), 4);
  auto versions = store->versions("orders-value");
  ASSERT_EQ(versions.size(), 2u);
  EXPECT_TRUE(versions[0].deleted) << "DELETE_SUBJECT effects persist";
  EXPECT_EQ(store->versions_with_id(SchemaId{3}).front().subject, "payments-value");
  EXPECT_EQ(store->referenced_by("money", VersionNumber{1}), (std::vector<std::pair<std::string, SchemaId>>{{".", SchemaId{3}}}));
  EXPECT_EQ(store->id_with_identity(*store->identity_of(SchemaId{2})), 2);
}

// Contexts: ids per context, CONTEXT records, references in the referrer's context, and
// all of it again after a reopen and after a replay into a fresh store.
TEST_F(StoreTest, ContextsKeepTheirOwnIds) {
  const std::vector<log::StoredRecord> records = {
      rec(0, R"({"keytype":"SCHEMA","subject":"orders","version":1,"magic":1})",
          R"({"subject":"orders","version":1,"id":1,"schema":"\"string\"","deleted":false})"),
      rec(1, R"({"keytype":"CONTEXT","tenant":"default","context":".a","magic":0})",
          R"({"tenant":"default","context":".a"})"),
      rec(2, R"({"keytype":"SCHEMA","subject":":.a:orders","version":1,"magic":1})",
          R"({"subject":":.a:orders","version":1,"id":1,"schema":"\"long\"","deleted":false})"),
      rec(3, R"({"keytype":"SCHEMA","subject":":.a:money","version":1,"magic":1})",
          R"({"subject":":.a:money","version":1,"id":2,"schema":"{\"type\":\"record\",\"name\":\"Money\",\"fields\":[{\"name\":\"u\",\"type\":\"long\"}]}","deleted":false})"),
      rec(4, R"({"keytype":"SCHEMA","subject":":.a:pay","version":1,"magic":1})",
          R"({"subject":":.a:pay","version":1,"id":3,"references":[{"name":"Money","subject":"money","version":1}],"schema":"{\"type\":\"record\",\"name\":\"Pay\",\"fields\":[{\"name\":\"m\",\"type\":\"Money\"}]}","deleted":false})"),
      rec(5, R"({"keytype":"SCHEMA","subject":":.a:temp","version":1,"magic":1})",
          R"({"subject":":.a:temp","version":1,"id":9,"schema":"\"int\"","deleted":true})"),
      rec(6, R"({"keytype":"SCHEMA","subject":":.a:temp","version":1,"magic":1})", std::nullopt),
      rec(7, R"({"keytype":"CONTEXT","tenant":"default","context":".b","magic":0})",
          R"({"tenant":"default","context":".b"})"),
      rec(8, R"({"keytype":"CONTEXT","tenant":"default","context":".b","magic":0})", std::nullopt),
  };
  auto check = [](const StateStore& store) {
    EXPECT_EQ(store.schema_by_id(SchemaId{1})->text, "\"string\"");
    EXPECT_EQ(store.schema_by_id(SchemaId{1}, ".a")->text, "\"long\"");
    EXPECT_FALSE(store.schema_by_id(SchemaId{2})) << "id 2 exists only in .a";
    EXPECT_EQ(store.max_id(), 1);
    EXPECT_EQ(store.max_id(".a"), 9) << "a hard-deleted id still counts";
    EXPECT_EQ(store.versions_with_id(SchemaId{1}, ".a").front().subject, ":.a:orders");
    EXPECT_EQ(store.referenced_by(":.a:money", VersionNumber{1}), (std::vector<std::pair<std::string, SchemaId>>{{".a", SchemaId{3}}}));
    EXPECT_TRUE(store.referenced_by("money", VersionNumber{1}).empty());
    EXPECT_EQ(store.contexts(), (std::vector<std::string>{".a"}));
    EXPECT_EQ(store.id_with_identity(*store.identity_of(SchemaId{1}, ".a"), ".a"), 1);
    EXPECT_FALSE(store.id_with_identity(*store.identity_of(SchemaId{1}, ".a")));
  };
  {
    auto store = open();
    ASSERT_TRUE(Materializer(*store).apply(records).ok());
    check(*store);
  }
  check(*open());
  accord::testing::TempDir fresh_dir;
  auto fresh = open(fresh_dir.path());
  ASSERT_TRUE(Materializer(*fresh).apply(records).ok());
  check(*fresh);
}

TEST_F(StoreTest, RemembersEveryKeyByteFormForTombstones) {
  auto store = open();
  Materializer materializer(*store);
  std::vector<log::StoredRecord> records = {
      rec(0, R"({"subject":"s","version":1,"magic":1,"keytype":"SCHEMA"})",
          R"({"subject":"s","version":1,"id":7,"schema":"\"int\"","deleted":false})"),
      rec(1, R"({"keytype":"SCHEMA","subject":"s","version":1,"magic":1})",
          R"({"subject":"s","version":1,"id":7,"schema":"\"int\"","deleted":true})"),
  };
  ASSERT_TRUE(materializer.apply(records).ok());
  auto variants = store->key_variants(log::schema_key("s", VersionNumber{1}));
  EXPECT_EQ(variants.size(), 2u);
  EXPECT_TRUE(store->versions("s").front().deleted);
}

TEST_F(StoreTest, FirstWriterWinsOnConflictingIds) {
  auto store = open();
  Materializer materializer(*store);
  std::vector<log::StoredRecord> records = {
      rec(0, R"({"keytype":"SCHEMA","subject":"a","version":1,"magic":1})",
          R"({"subject":"a","version":1,"id":1,"schema":"\"int\"","deleted":false})"),
      // A zombie writer reuses id 1 for another schema: refused.
      rec(1, R"({"keytype":"SCHEMA","subject":"b","version":1,"magic":1})",
          R"({"subject":"b","version":1,"id":1,"schema":"\"long\"","deleted":false})"),
      // ... and version 1 of "a" for another id: refused.
      rec(2, R"({"keytype":"SCHEMA","subject":"a","version":1,"magic":1})",
          R"({"subject":"a","version":1,"id":2,"schema":"\"string\"","deleted":false})"),
  };
  ASSERT_TRUE(materializer.apply(records).ok());
  EXPECT_EQ(store->schema_by_id(SchemaId{1})->text, "\"int\"");
  EXPECT_TRUE(store->versions("b").empty());
  EXPECT_EQ(store->versions("a").front().id, 1);
  EXPECT_FALSE(store->schema_by_id(SchemaId{2}).has_value());
  EXPECT_EQ(store->applied_offset(), 2);
}

// A store opened empty skips its lookups of keys it never wrote while it is rebuilt; the
// records it did write are still found, one batch after another, and after the rebuild.
TEST_F(StoreTest, ARebuildFromEmptyStillFindsWhatItWrote) {
  auto store = open();
  EXPECT_TRUE(store->rebuilding());
  Materializer materializer(*store);
  auto apply_one = [&](log::StoredRecord record) { ASSERT_TRUE(materializer.apply(std::span(&record, 1)).ok()); };
  apply_one(rec(0, R"({"keytype":"SCHEMA","subject":"a","version":1,"magic":1})",
                R"({"subject":"a","version":1,"id":1,"schema":"\"int\"","deleted":false})"));
  // Another schema under the same id, and another id for the same version: refused.
  apply_one(rec(1, R"({"keytype":"SCHEMA","subject":"b","version":1,"magic":1})",
                R"({"subject":"b","version":1,"id":1,"schema":"\"long\"","deleted":false})"));
  apply_one(rec(2, R"({"keytype":"SCHEMA","subject":"a","version":1,"magic":1})",
                R"({"subject":"a","version":1,"id":2,"schema":"\"string\"","deleted":false})"));
  // The same schema again under a new id: the identity keeps its first id.
  apply_one(rec(3, R"({"keytype":"SCHEMA","subject":"c","version":1,"magic":1})",
                R"({"subject":"c","version":1,"id":3,"schema":"\"int\"","deleted":false})"));
  EXPECT_TRUE(store->versions("b").empty());
  EXPECT_EQ(store->versions("a").front().id, 1);
  EXPECT_EQ(store->id_with_identity(*store->identity_of(SchemaId{3})), 1);

  store->end_rebuild();
  EXPECT_FALSE(store->rebuilding());
  apply_one(rec(4, R"({"keytype":"SCHEMA","subject":"b","version":1,"magic":1})",
                R"({"subject":"b","version":1,"id":1,"schema":"\"long\"","deleted":false})"));
  EXPECT_TRUE(store->versions("b").empty());
  EXPECT_EQ(store->applied_offset(), 4);
}

TEST_F(StoreTest, OnlyAnEmptyStoreIsRebuilt) {
  {
    auto store = open();
    EXPECT_TRUE(store->rebuilding());
  }
  {
    auto store = open();
    EXPECT_TRUE(store->rebuilding()) << "opened and closed without applying: still empty";
    Materializer materializer(*store);
    auto records = confluent_records();
    ASSERT_TRUE(materializer.apply(std::span(records.data(), 2)).ok());
  }
  auto store = open();
  EXPECT_FALSE(store->rebuilding());
  EXPECT_EQ(store->applied_offset(), 1);
}

// What a rebuild changes in RocksDB's options, and what it returns them to: the family's own.
TEST(RebuildOptionsTest, ReturnToTheFamilysOwnValues) {
  rocksdb::ColumnFamilyOptions options;
  options.level0_file_num_compaction_trigger = 3;
  options.level0_slowdown_writes_trigger = 17;
  options.level0_stop_writes_trigger = 29;
  const auto rebuild = detail::rebuild_options();
  const auto steady = detail::steady_options(options);
  ASSERT_EQ(steady.size(), rebuild.size());
  EXPECT_EQ(steady.at("level0_file_num_compaction_trigger"), "3");
  EXPECT_EQ(steady.at("level0_slowdown_writes_trigger"), "17");
  EXPECT_EQ(steady.at("level0_stop_writes_trigger"), "29");
  for (const auto& [name, value] : rebuild) EXPECT_NE(steady.at(name), value) << name;
}

TEST_F(StoreTest, SkipsUnreadableAndUnknownRecords) {
  auto store = open();
  Materializer materializer(*store);
  std::vector<log::StoredRecord> records = {
      rec(0, "not json", "{}"),
      rec(1, R"({"keytype":"ASSOC","magic":0})", "{}"),
      rec(2, R"({"keytype":"SCHEMA","subject":"a","version":1,"magic":1})", "{broken"),
      rec(3, R"({"keytype":"SCHEMA","subject":"a","version":1,"magic":1})", ""),  // Karapace delete
      rec(4, R"({"keytype":"CONFIG","subject":null,"magic":0})", R"({"compatibilityLevel":"full"})"),
  };
  ASSERT_TRUE(materializer.apply(records).ok());
  EXPECT_EQ(store->applied_offset(), 4);
  EXPECT_TRUE(store->subjects().empty());
  EXPECT_EQ(store->config(std::nullopt)->compatibility_level, CompatibilityLevel::Full);
}

}  // namespace
}  // namespace accord::store

namespace accord::store {
namespace {

// A RocksDB database in `dir` as a store of another layout (or another program) left it.
std::unique_ptr<rocksdb::DB> open_plain_db(const std::filesystem::path& dir) {
  rocksdb::Options options;
  options.create_if_missing = true;
  rocksdb::DB* raw = nullptr;
  if (!rocksdb::DB::Open(options, dir.string(), &raw).ok()) return nullptr;
  return std::unique_ptr<rocksdb::DB>(raw);
}

// A store of the layout before this one (every record under "r", indexes rebuilt in memory
// at each start) is not read: it is emptied and the log, the source of truth, rebuilds it.
TEST(StoreLayout, AStoreOfAnotherLayoutIsRebuiltFromTheLog) {
  accord::testing::TempDir dir;
  {
    auto db = open_plain_db(dir.path());
    ASSERT_TRUE(db);
    ASSERT_TRUE(db->Put(rocksdb::WriteOptions(), "o", "11").ok());
    ASSERT_TRUE(db->Put(rocksdb::WriteOptions(), "x", "4").ok());
    ASSERT_TRUE(db->Put(rocksdb::WriteOptions(), "r{\"keytype\":\"CONFIG\",\"magic\":0}", "old entry").ok());
  }
  {
    auto store = StateStore::open(dir.path());
    ASSERT_TRUE(store.ok());
    EXPECT_EQ((*store)->applied_offset(), -1) << "the reader starts again from offset 0";
    EXPECT_EQ((*store)->max_id(), 0);
    EXPECT_FALSE((*store)->config(std::nullopt).has_value());
    ASSERT_TRUE(Materializer(**store).apply(confluent_records()).ok());
    EXPECT_EQ((*store)->applied_offset(), 11);
    EXPECT_EQ((*store)->guid_of(SchemaId{3}), formats::schema_guid(*(*store)->schema_by_id(SchemaId{3})));
  }
  auto store = StateStore::open(dir.path());  // now of this layout: kept
  ASSERT_TRUE(store.ok());
  EXPECT_EQ((*store)->applied_offset(), 11);
  EXPECT_EQ((*store)->max_id(), 4);
  EXPECT_EQ((*store)->schema_count(), 2u);
  const auto guid = (*store)->guid_of(SchemaId{3});
  ASSERT_TRUE(guid.has_value());
  EXPECT_EQ((*store)->ids_with_guid(*guid), std::vector<SchemaId>{SchemaId{3}});
}

// The layout's column families as RocksDB itself lists them, and the keys each one holds.
std::map<std::string, std::vector<std::string>> keys_by_family(const std::filesystem::path& dir) {
  std::vector<std::string> names;
  EXPECT_TRUE(rocksdb::DB::ListColumnFamilies(rocksdb::DBOptions(), dir.string(), &names).ok());
  std::vector<rocksdb::ColumnFamilyDescriptor> families;
  for (const auto& name : names) families.emplace_back(name, rocksdb::ColumnFamilyOptions());
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* raw = nullptr;
  EXPECT_TRUE(rocksdb::DB::OpenForReadOnly(rocksdb::DBOptions(), dir.string(), families, &handles, &raw).ok());
  std::unique_ptr<rocksdb::DB> db(raw);
  std::map<std::string, std::vector<std::string>> out;
  for (auto* handle : handles) {
    auto& keys = out[handle->GetName()];
    std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(rocksdb::ReadOptions(), handle));
    for (it->SeekToFirst(); it->Valid(); it->Next()) keys.push_back(it->key().ToString());
    delete handle;
  }
  return out;
}

// Schema entries ("s" keys) live in their own column family, every other key in the default
// one: what a read of an id or a rebuild's flushes rely on (docs/store.md).
TEST(StoreLayout, SchemaEntriesHaveAColumnFamilyOfTheirOwn) {
  accord::testing::TempDir dir;
  {
    auto store = StateStore::open(dir.path());
    ASSERT_TRUE(store.ok());
    ASSERT_TRUE(Materializer(**store).apply(confluent_records()).ok());
    ASSERT_EQ((*store)->schema_count(), 2u);
  }
  const auto families = keys_by_family(dir.path());
  ASSERT_EQ(families.size(), 2u);
  ASSERT_TRUE(families.count("default"));
  ASSERT_TRUE(families.count("schemas"));
  EXPECT_EQ(families.at("schemas").size(), 2u);
  for (const auto& key : families.at("schemas")) EXPECT_EQ(key.front(), 's') << key;
  for (const auto& key : families.at("default")) EXPECT_NE(key.front(), 's') << key;
  EXPECT_FALSE(families.at("default").empty());
}

// A directory with a column family this layout does not know (a newer Accord's store, say)
// opens, and is rebuilt from the log like any store of another layout.
TEST(StoreLayout, AStoreWithAnUnknownColumnFamilyIsRebuiltFromTheLog) {
  accord::testing::TempDir dir;
  {
    auto db = open_plain_db(dir.path());
    ASSERT_TRUE(db);
    rocksdb::ColumnFamilyHandle* future = nullptr;
    ASSERT_TRUE(db->CreateColumnFamily(rocksdb::ColumnFamilyOptions(), "future", &future).ok());
    ASSERT_TRUE(db->Put(rocksdb::WriteOptions(), future, "anything", "from a later layout").ok());
    ASSERT_TRUE(db->Put(rocksdb::WriteOptions(), "F", "99").ok());
    ASSERT_TRUE(db->Put(rocksdb::WriteOptions(), "o", "11").ok());
    delete future;
  }
  {
    auto store = StateStore::open(dir.path());
    ASSERT_TRUE(store.ok()) << store.error().message;
    EXPECT_EQ((*store)->applied_offset(), -1) << "the reader starts again from offset 0";
    ASSERT_TRUE(Materializer(**store).apply(confluent_records()).ok());
  }
  const auto families = keys_by_family(dir.path());
  EXPECT_EQ(families.size(), 2u) << "the unknown family went with the old store";
  EXPECT_FALSE(families.count("future"));
  auto store = StateStore::open(dir.path());
  ASSERT_TRUE(store.ok());
  EXPECT_EQ((*store)->applied_offset(), 11);
  EXPECT_EQ((*store)->schema_count(), 2u);
}

}  // namespace
}  // namespace accord::store
