#include <gtest/gtest.h>

#include "accord/ops/backup.hpp"
#include "accord/ops/restore.hpp"
#include "ops_test_support.hpp"
#include "support/temp_dir.hpp"

namespace accord::ops {
namespace {

using accord::testing::TempDir;
using namespace accord::ops::testing;

// A data dir whose embedded log holds a key written three times, a tombstone and a header.
std::vector<log::Record> fill(const std::filesystem::path& data_dir) {
  const auto a1 = schema_record("a", 1, 1, "\"string\"");
  const auto a1_deleted = schema_record("a", 1, 1, "\"string\"", true);
  const auto b1 = schema_record("b", 1, 2, "\"long\"");
  log::Record mode{log::encode_key(log::mode_key("a")), log::encode_mode_value({"a", Mode::ReadOnly}), {{"h", "v"}}};
  std::vector<log::Record> records{a1, b1, a1_deleted, mode, tombstone(b1), a1};
  auto log = open_log(data_dir / "log");
  EXPECT_TRUE(log->append(records).ok());
  return records;
}

std::vector<log::Record> bare(const std::vector<log::StoredRecord>& stored) {
  std::vector<log::Record> out;
  for (const auto& r : stored) out.push_back(r.record);
  return out;
}

TEST(Backup, FullKeepsEveryRecordAndRestoresThemExactly) {
  TempDir source, target;
  const auto records = fill(source.path());
  const auto file = source.path() / "full.jsonl";
  auto summary = backup(*open_log(source.path() / "log"), file, BackupOptions{true});
  ASSERT_TRUE(summary.ok()) << summary.error().message;
  EXPECT_EQ(summary->read, 6u);
  EXPECT_EQ(summary->counts.records, 6u);
  EXPECT_EQ(summary->counts.versions, 1u);  // b1 tombstoned
  EXPECT_GT(summary->bytes, 0u);

  auto restored = restore_to_data_dir(file, target.path(), RestoreOptions{});
  ASSERT_TRUE(restored.ok()) << restored.error().message;
  EXPECT_EQ(restored->written, 6u);
  auto original = all_records(*open_log(source.path() / "log"));
  auto copy = all_records(*open_log(target.path() / "log"));
  ASSERT_EQ(copy.size(), original.size());
  for (std::size_t i = 0; i < copy.size(); ++i) {
    EXPECT_EQ(copy[i].record, original[i].record);
    EXPECT_EQ(copy[i].timestamp_ms, original[i].timestamp_ms);
  }
  EXPECT_FALSE(std::filesystem::exists(target.path() / "log.restoring"));
}

TEST(Backup, CompactedKeepsTheLastRecordOfEachKeyInOffsetOrder) {
  TempDir source;
  const auto records = fill(source.path());
  const auto file = source.path() / "compacted.jsonl";
  auto summary = backup(*open_log(source.path() / "log"), file, BackupOptions{false});
  ASSERT_TRUE(summary.ok()) << summary.error().message;
  EXPECT_EQ(summary->read, 6u);
  EXPECT_EQ(summary->counts.records, 4u);
  auto reader = BackupReader::open(file);
  ASSERT_TRUE(reader.ok());
  std::vector<log::StoredRecord> kept;
  while (auto next = reader->next()) {
    if (!*next) break;
    kept.push_back(**next);
  }
  // b1 (1) carries the highest id: kept before its tombstone so that id is never reissued;
  // then mode (3), b's tombstone (4), a's last record (5). Offsets are the source's.
  ASSERT_EQ(kept.size(), 4u);
  const std::vector<Offset> offsets{Offset{1}, Offset{3}, Offset{4}, Offset{5}};
  for (std::size_t i = 0; i < kept.size(); ++i) {
    EXPECT_EQ(kept[i].offset, offsets[i]);
    EXPECT_EQ(kept[i].record, records[static_cast<std::size_t>(offsets[i])]);
  }
}

TEST(Backup, CompactedBackupOfAHardDeletedNewestSchemaStillRaisesTheNextId) {
  TempDir source;
  const auto a = schema_record("a", 1, 1, "\"string\"");
  const auto b = schema_record("b", 1, 2, "\"long\"");
  const auto c = schema_record("c", 1, 3, "\"int\"");
  {
    auto log = open_log(source.path() / "log");
    ASSERT_TRUE(log->append(std::vector<log::Record>{a, b, tombstone(b), c, tombstone(c)}).ok());
  }
  auto summary = backup(*open_log(source.path() / "log"), source.path() / "b.jsonl", BackupOptions{});
  ASSERT_TRUE(summary.ok()) << summary.error().message;
  // a, c's value (highest id), both tombstones; b's value is gone as compaction drops it.
  EXPECT_EQ(summary->counts.records, 4u);
  EXPECT_EQ(summary->counts.versions, 1u);
  EXPECT_EQ(summary->counts.max_id, 1);
}

TEST(Backup, SnapshotReadsARunningNodesLogUpToItsLastCompleteRecord) {
  TempDir source;
  fill(source.path());
  auto running = open_log(source.path() / "log");  // holds the lock, as a node does
  // A frame being written: a length and half a body.
  {
    std::ofstream out(source.path() / "log" / "schemas.log", std::ios::binary | std::ios::app);
    out << std::string("\x40\x00\x00\x00\x01\x02\x03\x04partial", 15);
  }
  auto snapshot = log::open_local_log_snapshot(source.path() / "log");
  ASSERT_TRUE(snapshot.ok()) << snapshot.error().message;
  EXPECT_EQ(*(*snapshot)->end_offset(), 6);
  EXPECT_FALSE((*snapshot)->append(std::vector<log::Record>{schema_record("c", 1, 3, "\"int\"")}).ok());
  auto summary = backup(**snapshot, source.path() / "b.jsonl", BackupOptions{true});
  ASSERT_TRUE(summary.ok()) << summary.error().message;
  EXPECT_EQ(summary->counts.records, 6u);
  // The snapshot wrote nothing: the partial frame is still there for the node to deal with.
  EXPECT_EQ(read_file(source.path() / "log" / "schemas.log").substr(read_file(source.path() / "log" / "schemas.log").size() - 7), "partial");
}

TEST(Restore, RefusesAnEmbeddedLogWithRecordsUnlessForced) {
  TempDir source, target;
  fill(source.path());
  const auto file = source.path() / "b.jsonl";
  ASSERT_TRUE(backup(*open_log(source.path() / "log"), file, BackupOptions{true}).ok());
  {
    auto log = open_log(target.path() / "log");
    ASSERT_TRUE(log->append(std::vector<log::Record>{schema_record("x", 1, 9, "\"int\"")}).ok());
  }
  std::filesystem::create_directories(target.path() / "store");
  auto refused = restore_to_data_dir(file, target.path(), RestoreOptions{});
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message.find("already holds 1 records"), std::string::npos) << refused.error().message;
  EXPECT_EQ(all_records(*open_log(target.path() / "log")).size(), 1u);
  EXPECT_TRUE(std::filesystem::exists(target.path() / "store"));

  auto forced = restore_to_data_dir(file, target.path(), RestoreOptions{true});
  ASSERT_TRUE(forced.ok()) << forced.error().message;
  EXPECT_EQ(all_records(*open_log(target.path() / "log")).size(), 6u);
  EXPECT_FALSE(std::filesystem::exists(target.path() / "store")) << "the old log's store must go with it";
  EXPECT_FALSE(std::filesystem::exists(target.path() / "log.replaced"));
}

TEST(Restore, RefusesALogARunningNodeHolds) {
  TempDir source, target;
  fill(source.path());
  const auto file = source.path() / "b.jsonl";
  ASSERT_TRUE(backup(*open_log(source.path() / "log"), file, BackupOptions{true}).ok());
  auto running = open_log(target.path() / "log");
  auto refused = restore_to_data_dir(file, target.path(), RestoreOptions{true});
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message.find("in use by another process"), std::string::npos) << refused.error().message;
}

TEST(Restore, ADamagedBackupLeavesTheTargetUntouched) {
  TempDir source, target;
  fill(source.path());
  const auto file = source.path() / "b.jsonl";
  ASSERT_TRUE(backup(*open_log(source.path() / "log"), file, BackupOptions{true}).ok());
  auto text = read_file(file);
  write_file(file, text.substr(0, text.size() / 2));
  EXPECT_FALSE(restore_to_data_dir(file, target.path(), RestoreOptions{}).ok());
  EXPECT_FALSE(std::filesystem::exists(target.path() / "log"));
  EXPECT_FALSE(std::filesystem::exists(target.path() / "log.restoring"));

  auto log = open_log(target.path() / "kafka-like");
  EXPECT_FALSE(restore_to_log(file, *log, RestoreOptions{}).ok());
  EXPECT_EQ(*log->end_offset(), 0);
}

TEST(Restore, AnInterruptedScratchLogIsRebuiltOnTheNextRun) {
  TempDir source, target;
  fill(source.path());
  const auto file = source.path() / "b.jsonl";
  ASSERT_TRUE(backup(*open_log(source.path() / "log"), file, BackupOptions{true}).ok());
  // What a kill -9 in the middle leaves: a partial scratch log, no log.
  write_file((std::filesystem::create_directories(target.path() / "log.restoring"), target.path() / "log.restoring" / "schemas.log"),
             "ACCORDLOG1\ngarbage");
  auto restored = restore_to_data_dir(file, target.path(), RestoreOptions{});
  ASSERT_TRUE(restored.ok()) << restored.error().message;
  EXPECT_EQ(bare(all_records(*open_log(target.path() / "log"))), bare(all_records(*open_log(source.path() / "log"))));
}

TEST(Restore, IntoALogContinuesAfterThePrefixAnInterruptedRunWrote) {
  TempDir source, target;
  const auto records = fill(source.path());
  const auto file = source.path() / "b.jsonl";
  ASSERT_TRUE(backup(*open_log(source.path() / "log"), file, BackupOptions{true}).ok());
  auto log = open_log(target.path() / "topic");
  ASSERT_TRUE(log->append(std::span(records).first(2)).ok());
  auto restored = restore_to_log(file, *log, RestoreOptions{});
  ASSERT_TRUE(restored.ok()) << restored.error().message;
  EXPECT_EQ(restored->skipped, 2u);
  EXPECT_EQ(restored->written, 4u);
  EXPECT_EQ(bare(all_records(*log)), records);

  auto again = restore_to_log(file, *log, RestoreOptions{});
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_EQ(again->written, 0u);
  EXPECT_EQ(bare(all_records(*log)), records);
}

TEST(Restore, IntoALogWithForeignRecordsIsRefusedUnlessForced) {
  TempDir source, target;
  const auto records = fill(source.path());
  const auto file = source.path() / "b.jsonl";
  ASSERT_TRUE(backup(*open_log(source.path() / "log"), file, BackupOptions{true}).ok());
  auto log = open_log(target.path() / "topic");
  const auto foreign = schema_record("zzz", 1, 77, "\"int\"");
  ASSERT_TRUE(log->append(std::vector<log::Record>{foreign}).ok());
  auto refused = restore_to_log(file, *log, RestoreOptions{});
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.error().message.find("not this backup's"), std::string::npos) << refused.error().message;
  EXPECT_EQ(*log->end_offset(), 1);

  auto forced = restore_to_log(file, *log, RestoreOptions{true});
  ASSERT_TRUE(forced.ok()) << forced.error().message;
  auto expected = records;
  expected.insert(expected.begin(), foreign);
  EXPECT_EQ(bare(all_records(*log)), expected);
}

}  // namespace
}  // namespace accord::ops
