#include <gtest/gtest.h>

#include <fstream>
#include <thread>

#include "accord/log/local_log.hpp"
#include "support/temp_dir.hpp"

namespace accord::log {
namespace {

using namespace std::chrono_literals;
using accord::testing::TempDir;

std::unique_ptr<SchemaLog> open_or_die(const std::filesystem::path& dir) {
  auto log = open_local_log(dir);
  EXPECT_TRUE(log.ok()) << (log.ok() ? "" : log.error().message);
  return log.ok() ? std::move(log).value() : nullptr;
}

Record keyed(const std::string& key, std::optional<std::string> value) { return Record{key, std::move(value), {}}; }

std::vector<StoredRecord> read_all(SchemaLog& log, Offset from = Offset{0}) {
  auto records = log.read(from, 0ms, 1'000'000);
  EXPECT_TRUE(records.ok()) << (records.ok() ? "" : records.error().message);
  return records.ok() ? std::move(records).value() : std::vector<StoredRecord>{};
}

std::filesystem::path log_file(const TempDir& dir) { return dir.path() / "schemas.log"; }

TEST(LocalLog, EmptyLogStartsAtZero) {
  TempDir dir;
  auto log = open_or_die(dir.path());
  EXPECT_EQ(*log->start_offset(), 0);
  EXPECT_EQ(*log->end_offset(), 0);
  EXPECT_EQ(*log->held_offsets(), (std::pair<Offset, Offset>{0, 0}));
  EXPECT_EQ(log->describe(), "embedded log at " + log_file(dir).string());
  EXPECT_TRUE(read_all(*log).empty());
}

TEST(LocalLog, RecordsSurviveReopenExactly) {
  TempDir dir;
  const std::vector<Record> batch{
      Record{R"({"keytype":"NOOP","magic":0})", std::nullopt, {}},
      Record{std::nullopt, std::string("no key"), {}},
      Record{"k", std::string(), {{"h1", "v1"}, {"h2", std::string("\0bin", 4)}}},
      Record{"k2", std::string(100'000, 'x'), {}},
  };
  {
    auto log = open_or_die(dir.path());
    auto last = log->append(batch);
    ASSERT_TRUE(last.ok());
    EXPECT_EQ(*last, 3);
  }
  auto log = open_or_die(dir.path());
  EXPECT_EQ(*log->end_offset(), 4);
  const auto records = read_all(*log);
  ASSERT_EQ(records.size(), 4u);
  for (std::size_t i = 0; i < records.size(); ++i) {
    EXPECT_EQ(records[i].offset, static_cast<Offset>(i));
    EXPECT_EQ(records[i].record, batch[i]);
    EXPECT_GT(records[i].timestamp_ms, 0);
  }
  EXPECT_FALSE(records[0].record.value.has_value());  // tombstone stays distinct from empty
  EXPECT_TRUE(records[2].record.value.has_value());
}

TEST(LocalLog, OffsetsContinueAfterReopen) {
  TempDir dir;
  {
    auto log = open_or_die(dir.path());
    const std::vector<Record> two{keyed("a", "1"), keyed("b", "2")};
    EXPECT_EQ(*log->append(two), 1);
  }
  auto log = open_or_die(dir.path());
  const std::vector<Record> one{keyed("c", "3")};
  EXPECT_EQ(*log->append(one), 2);
  EXPECT_EQ(*log->end_offset(), 3);
  EXPECT_EQ(*log->held_offsets(), (std::pair<Offset, Offset>{0, 3}));
  const auto records = read_all(*log, Offset{1});
  ASSERT_EQ(records.size(), 2u);
  EXPECT_EQ(records[0].record.key, "b");
  EXPECT_EQ(records[1].record.key, "c");
}

// Reads stop once the records read hold max_bytes: at least one, whatever its size.
TEST(LocalLog, ReadHonoursMaxBytes) {
  TempDir dir;
  auto log = open_or_die(dir.path());
  std::vector<Record> batch;
  for (int i = 0; i < 10; ++i) batch.push_back(keyed("k" + std::to_string(i), std::string(1000, 'v')));
  ASSERT_TRUE(log->append(batch).ok());
  auto three = log->read(Offset{0}, 0ms, 100, 2500);
  ASSERT_TRUE(three.ok());
  ASSERT_EQ(three->size(), 3u) << "two hold less than 2,500 bytes, three more";
  EXPECT_EQ(three->back().offset, 2);
  auto one = log->read_batch(Offset{4}, 0ms, 100, 1);
  ASSERT_TRUE(one.ok());
  ASSERT_EQ(one->records.size(), 1u);
  EXPECT_EQ(one->records.front().offset, 4);
  EXPECT_EQ(one->next_offset, 5);
  auto rest = log->read_batch(Offset{5}, 0ms, 100, 1'000'000);
  ASSERT_TRUE(rest.ok());
  EXPECT_EQ(rest->records.size(), 5u);
  EXPECT_EQ(rest->next_offset, 10);
}

// Without a bound of its own, a read of large records stops at kBatchBytes.
TEST(LocalLog, ReadsOfLargeRecordsAreBoundedByDefault) {
  TempDir dir;
  auto log = open_or_die(dir.path());
  const std::size_t size = kBatchBytes / 3 + 1;
  std::vector<Record> batch;
  for (int i = 0; i < 6; ++i) batch.push_back(keyed("k" + std::to_string(i), std::string(size, 'v')));
  ASSERT_TRUE(log->append(batch).ok());
  auto records = log->read(Offset{0}, 0ms, 4096);
  ASSERT_TRUE(records.ok());
  EXPECT_EQ(records->size(), 3u);
}

TEST(LocalLog, ReadHonoursMaxRecords) {
  TempDir dir;
  auto log = open_or_die(dir.path());
  std::vector<Record> batch;
  for (int i = 0; i < 10; ++i) batch.push_back(keyed("k" + std::to_string(i), "v"));
  ASSERT_TRUE(log->append(batch).ok());
  auto records = log->read(Offset{3}, 0ms, 4);
  ASSERT_TRUE(records.ok());
  ASSERT_EQ(records->size(), 4u);
  EXPECT_EQ(records->front().offset, 3);
  EXPECT_EQ(records->back().offset, 6);
  auto batch_read = log->read_batch(Offset{8}, 0ms, 100);
  ASSERT_TRUE(batch_read.ok());
  EXPECT_EQ(batch_read->records.size(), 2u);
  EXPECT_EQ(batch_read->next_offset, 10);
}

void append_bytes(const std::filesystem::path& file, const std::string& bytes) {
  std::ofstream out(file, std::ios::binary | std::ios::app);
  out << bytes;
}

class TornTail : public ::testing::Test {
 protected:
  void SetUp() override {
    auto log = open_or_die(dir.path());
    const std::vector<Record> batch{keyed("a", "1"), keyed("b", "2"), keyed("c", "3")};
    ASSERT_EQ(*log->append(batch), 2);
  }
  void expect_cut_to(std::size_t records) {
    {
      auto log = open_or_die(dir.path());
      ASSERT_TRUE(log);
      EXPECT_EQ(*log->end_offset(), static_cast<Offset>(records));
      EXPECT_EQ(read_all(*log).size(), records);
      const std::vector<Record> more{keyed("d", "4")};
      EXPECT_EQ(*log->append(more), static_cast<Offset>(records));
    }
    auto log = open_or_die(dir.path());
    const auto all = read_all(*log);
    ASSERT_EQ(all.size(), records + 1);
    EXPECT_EQ(all.back().record.key, "d");
  }
  TempDir dir;
};

TEST_F(TornTail, GarbageAfterTheLastRecordIsCut) {
  using namespace std::string_literals;
  append_bytes(log_file(dir), "\x13\x00\x00\x00garbage that is not a frame"s);
  expect_cut_to(3);
}

TEST_F(TornTail, RecordTruncatedMidWriteIsCut) {
  const auto size = std::filesystem::file_size(log_file(dir));
  std::filesystem::resize_file(log_file(dir), size - 5);
  expect_cut_to(2);
}

TEST_F(TornTail, PartialFrameHeaderIsCut) {
  append_bytes(log_file(dir), std::string("\x40\x00", 2));
  expect_cut_to(3);
}

TEST_F(TornTail, ChecksumMismatchInTheLastRecordIsCut) {
  const auto size = std::filesystem::file_size(log_file(dir));
  std::fstream file(log_file(dir), std::ios::binary | std::ios::in | std::ios::out);
  file.seekp(static_cast<std::streamoff>(size - 1));
  file.put('Z');  // last byte of the last value: "3" -> "Z"
  file.close();
  expect_cut_to(2);
}

TEST(LocalLog, RefusesAFileThatIsNotALog) {
  TempDir dir;
  append_bytes(log_file(dir), "this is some other file's content");
  EXPECT_FALSE(open_local_log(dir.path()).ok());
}

TEST(LocalLog, RefusesASecondOpenerOfTheSameLog) {
  TempDir dir;
  auto first = open_or_die(dir.path());
  auto second = open_local_log(dir.path());
  ASSERT_FALSE(second.ok());
  EXPECT_NE(second.error().message.find("in use"), std::string::npos);
}

TEST(LocalLog, ConcurrentAppendersAreAllAcknowledgedInOrder) {
  TempDir dir;
  auto log = open_or_die(dir.path());
  constexpr int kThreads = 8;
  constexpr int kAppends = 50;
  std::vector<std::vector<Offset>> acked(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kAppends; ++i) {
        const std::vector<Record> batch{keyed("t" + std::to_string(t), std::to_string(i))};
        auto offset = log->append(batch);
        ASSERT_TRUE(offset.ok());
        acked[t].push_back(*offset);
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(*log->end_offset(), kThreads * kAppends);

  const auto records = read_all(*log);
  ASSERT_EQ(records.size(), static_cast<std::size_t>(kThreads * kAppends));
  for (int t = 0; t < kThreads; ++t) {
    ASSERT_EQ(acked[t].size(), static_cast<std::size_t>(kAppends));
    for (int i = 0; i < kAppends; ++i) {
      const auto& record = records[static_cast<std::size_t>(acked[t][i])];
      EXPECT_EQ(record.record.key, "t" + std::to_string(t));
      EXPECT_EQ(record.record.value, std::to_string(i));
      if (i > 0) {
        EXPECT_LT(acked[t][i - 1], acked[t][i]);
      }
    }
  }
  for (std::size_t i = 0; i < records.size(); ++i) EXPECT_EQ(records[i].offset, static_cast<Offset>(i));
}

TEST(LocalLog, ReadWaitsForAnAppend) {
  TempDir dir;
  auto log = open_or_die(dir.path());
  std::thread writer([&] {
    const std::vector<Record> batch{keyed("late", "1")};
    EXPECT_TRUE(log->append(batch).ok());
  });
  // The deadline bounds the test; the append arriving is what ends the wait.
  auto records = log->read(Offset{0}, 30s, 10);
  writer.join();
  ASSERT_TRUE(records.ok());
  ASSERT_EQ(records->size(), 1u);
  EXPECT_EQ(records->front().record.key, "late");
}

TEST(LocalLog, ReadReturnsEmptyWhenNothingArrivesBeforeTheDeadline) {
  TempDir dir;
  auto log = open_or_die(dir.path());
  auto records = log->read(Offset{0}, 20ms, 10);
  ASSERT_TRUE(records.ok());
  EXPECT_TRUE(records->empty());
}

TEST(LocalLog, ReadOutsideTheLogIsOffsetOutOfRange) {
  TempDir dir;
  auto log = open_or_die(dir.path());
  const std::vector<Record> batch{keyed("a", "1")};
  ASSERT_TRUE(log->append(batch).ok());
  auto beyond = log->read(Offset{5}, 0ms, 10);
  ASSERT_FALSE(beyond.ok());
  EXPECT_TRUE(is_offset_out_of_range(beyond.error()));
  auto negative = log->read(Offset{-1}, 0ms, 10);
  ASSERT_FALSE(negative.ok());
  EXPECT_TRUE(is_offset_out_of_range(negative.error()));
  EXPECT_FALSE(is_offset_out_of_range(Error{ErrorCode::StoreError, "disk full"}));
}

TEST(LocalLog, ManyRecordsReopenAndReadBack) {
  TempDir dir;
  constexpr int kRecords = 100'000;
  {
    auto log = open_or_die(dir.path());
    std::vector<Record> batch;
    for (int i = 0; i < kRecords; ++i) {
      batch.push_back(keyed(R"({"keytype":"SCHEMA","subject":"s)" + std::to_string(i) + R"(","version":1,"magic":1})",
                            std::string(120, 'v')));
      if (batch.size() == 5000) {
        ASSERT_TRUE(log->append(batch).ok());
        batch.clear();
      }
    }
  }
  auto log = open_or_die(dir.path());
  EXPECT_EQ(*log->end_offset(), kRecords);
  Offset next{0};
  while (next < kRecords) {
    auto batch = log->read_batch(next, 0ms, 10'000);
    ASSERT_TRUE(batch.ok());
    ASSERT_FALSE(batch->records.empty());
    EXPECT_EQ(batch->records.front().offset, next);
    next = batch->next_offset;
  }
  EXPECT_EQ(next, kRecords);
}

// The size of a record's frame, measured on a log of its own.
std::size_t frame_size(const Record& record) {
  TempDir dir;
  auto log = open_or_die(dir.path());
  const auto before = std::filesystem::file_size(log_file(dir));
  EXPECT_TRUE(log->append(std::vector<Record>{record}).ok());
  return std::filesystem::file_size(log_file(dir)) - before;
}

// The index beside the log keeps the position of every 4,096th offset (docs/log.md).
constexpr int kMarkEvery = 4096;

std::filesystem::path index_file(const TempDir& dir) { return dir.path() / "schemas.log.index"; }

// Records of varied sizes, so that positions are not a multiple of anything.
void append_numbered(SchemaLog& log, int count, int first = 0, const std::string& tag = "r") {
  std::vector<Record> batch;
  for (int i = first; i < first + count; ++i) {
    batch.push_back(keyed(tag + std::to_string(i), std::string(static_cast<std::size_t>(i % 97), 'v')));
    if (batch.size() == 1000) {
      ASSERT_TRUE(log.append(batch).ok());
      batch.clear();
    }
  }
  if (!batch.empty()) ASSERT_TRUE(log.append(batch).ok());
}

std::optional<std::string> key_at(SchemaLog& log, int offset) {
  auto records = log.read(Offset{offset}, 0ms, 1);
  if (!records.ok() || records->size() != 1 || (*records)[0].offset != offset) return std::nullopt;
  return (*records)[0].record.key;
}

void expect_every_record(SchemaLog& log, int count, const std::string& tag = "r") {
  EXPECT_EQ(*log.end_offset(), count);
  Offset next{0};
  int seen = 0;
  while (next < count) {
    auto batch = log.read_batch(next, 0ms, 1000);
    ASSERT_TRUE(batch.ok()) << batch.error().message;
    ASSERT_FALSE(batch->records.empty());
    for (const auto& r : batch->records) {
      ASSERT_EQ(r.offset, seen);
      ASSERT_EQ(r.record.key, tag + std::to_string(seen));
      ++seen;
    }
    next = batch->next_offset;
  }
  EXPECT_EQ(seen, count);
}

TEST(LocalLog, ReopensFromItsMarksAndReadsAnyOffset) {
  TempDir dir;
  const int count = 3 * kMarkEvery + 100;
  {
    auto log = open_or_die(dir.path());
    append_numbered(*log, count);
  }
  // The header and four marks (offsets 0, 4096, 8192, 12288), 8 bytes each.
  EXPECT_EQ(std::filesystem::file_size(index_file(dir)), 15u + 4 * 8);
  auto log = open_or_die(dir.path());
  for (int offset : {0, 1, kMarkEvery - 1, kMarkEvery, kMarkEvery + 1, 2 * kMarkEvery + 7, 3 * kMarkEvery,
                     count - 1, 5, 2 * kMarkEvery - 1})
    EXPECT_EQ(key_at(*log, offset), "r" + std::to_string(offset)) << offset;
  // A read that crosses marks, and one bounded by bytes in the middle of a mark's range.
  auto across = log->read(Offset{kMarkEvery - 3}, 0ms, 10);
  ASSERT_TRUE(across.ok());
  ASSERT_EQ(across->size(), 10u);
  EXPECT_EQ(across->back().record.key, "r" + std::to_string(kMarkEvery + 6));
  auto bounded = log->read(Offset{kMarkEvery + 100}, 0ms, 1000, 1);
  ASSERT_TRUE(bounded.ok());
  ASSERT_EQ(bounded->size(), 1u);
  EXPECT_EQ(bounded->front().offset, kMarkEvery + 100);
  expect_every_record(*log, count);
  // Appends after a reopen go on marking, and a reader following the log sees them.
  append_numbered(*log, kMarkEvery, count);
  EXPECT_EQ(key_at(*log, count + kMarkEvery - 1), "r" + std::to_string(count + kMarkEvery - 1));
  log.reset();
  EXPECT_EQ(std::filesystem::file_size(index_file(dir)), 15u + 5 * 8);
  auto reopened = open_or_die(dir.path());
  expect_every_record(*reopened, count + kMarkEvery);
}

TEST(LocalLog, AnOpenWithMarksChecksOnlyTheFramesAfterTheLastOne) {
  TempDir dir;
  const int count = 2 * kMarkEvery + 10;
  {
    auto log = open_or_die(dir.path());
    append_numbered(*log, count);
  }
  // A bad byte in record 10: an open does not read that far back, and nothing is cut; a
  // read of that record says where the damage is (a scan of the whole log used to cut
  // everything after it).
  {
    auto reader = open_or_die(dir.path());
    auto records = reader->read(Offset{10}, 0ms, 1);
    ASSERT_TRUE(records.ok());
  }
  const auto size = std::filesystem::file_size(log_file(dir));
  {
    // Record 10's value ends its key ("r10") with 10 'v's; find it and damage one.
    std::fstream file(log_file(dir), std::ios::binary | std::ios::in | std::ios::out);
    std::string bytes(size, '\0');
    file.read(bytes.data(), static_cast<std::streamsize>(size));
    const auto at = bytes.find("r10\x0a\x00\x00\x00vvvvvvvvvv");
    ASSERT_NE(at, std::string::npos);
    file.seekp(static_cast<std::streamoff>(at + 8));
    file.put('X');
  }
  auto log = open_or_die(dir.path());
  EXPECT_EQ(*log->end_offset(), count);
  EXPECT_EQ(std::filesystem::file_size(log_file(dir)), size);
  auto damaged = log->read(Offset{10}, 0ms, 1);
  ASSERT_FALSE(damaged.ok());
  EXPECT_NE(damaged.error().message.find("Corrupt record"), std::string::npos) << damaged.error().message;
  EXPECT_FALSE(key_at(*log, 11));  // the way there from its mark passes record 10
  EXPECT_EQ(key_at(*log, kMarkEvery + 3), "r" + std::to_string(kMarkEvery + 3));
  EXPECT_EQ(key_at(*log, count - 1), "r" + std::to_string(count - 1));
}

TEST(LocalLog, MarksOfAnotherLogAreNotTrusted) {
  TempDir a, b;
  {
    auto log = open_or_die(a.path());
    append_numbered(*log, 2 * kMarkEvery + 5, 0, "a-record-");
  }
  {
    auto log = open_or_die(b.path());
    append_numbered(*log, kMarkEvery + 3, 0, "b");
  }
  std::filesystem::copy_file(index_file(a), index_file(b), std::filesystem::copy_options::overwrite_existing);
  {
    auto log = open_or_die(b.path());
    expect_every_record(*log, kMarkEvery + 3, "b");
  }
  EXPECT_EQ(std::filesystem::file_size(index_file(b)), 15u + 2 * 8);  // written again for b
  auto log = open_or_die(b.path());
  expect_every_record(*log, kMarkEvery + 3, "b");
}

TEST(LocalLog, AMarkAtAnotherRecordsFrameIsNotTrusted) {
  // Frames of one size, but c's first record takes two frames' room: each mark of d then
  // falls on the start of a frame of c, the one before the offset it names.
  auto fixed = [](int i) { return keyed("k" + std::to_string(100000 + i), std::string(50, 'v')); };
  const std::size_t frame = frame_size(fixed(0));
  TempDir c, d;
  const int count = 2 * kMarkEvery + 5;
  for (auto* dir : {&c, &d}) {
    auto log = open_or_die(dir->path());
    std::vector<Record> batch;
    for (int i = 0; i < count; ++i) batch.push_back(fixed(i));
    if (dir == &c) batch[0].value = std::string(50 + frame, 'w');
    ASSERT_TRUE(log->append(batch).ok());
  }
  std::filesystem::copy_file(index_file(d), index_file(c), std::filesystem::copy_options::overwrite_existing);
  auto log = open_or_die(c.path());
  EXPECT_EQ(*log->end_offset(), count);
  for (int offset : {kMarkEvery, kMarkEvery + 1, 2 * kMarkEvery, count - 1}) {
    auto records = log->read(Offset{offset}, 0ms, 1);
    ASSERT_TRUE(records.ok()) << records.error().message;
    EXPECT_EQ(records->front().record.key, "k" + std::to_string(100000 + offset));
  }
}

TEST(LocalLog, AMissingOrTornIndexIsWrittenAgain) {
  TempDir dir;
  const int count = 2 * kMarkEvery + 1;
  {
    auto log = open_or_die(dir.path());
    append_numbered(*log, count);
  }
  const auto full = std::filesystem::file_size(index_file(dir));
  std::filesystem::remove(index_file(dir));
  {
    auto log = open_or_die(dir.path());
    expect_every_record(*log, count);
  }
  EXPECT_EQ(std::filesystem::file_size(index_file(dir)), full);
  std::filesystem::resize_file(index_file(dir), full - 3);  // a torn last entry
  {
    auto log = open_or_die(dir.path());
    expect_every_record(*log, count);
  }
  EXPECT_EQ(std::filesystem::file_size(index_file(dir)), full);
  std::filesystem::resize_file(index_file(dir), 4);  // not even a header
  auto log = open_or_die(dir.path());
  expect_every_record(*log, count);
}

TEST(LocalLog, ATornFrameAtAMarkIsCutAndMarkedAgain) {
  TempDir dir;
  {
    auto log = open_or_die(dir.path());
    append_numbered(*log, kMarkEvery + 1);  // the last record is the second mark's
  }
  const auto size = std::filesystem::file_size(log_file(dir));
  {
    std::fstream file(log_file(dir), std::ios::binary | std::ios::in | std::ios::out);
    file.seekp(static_cast<std::streamoff>(size - 1));
    file.put('Z');  // its checksum no longer matches
  }
  {
    auto log = open_or_die(dir.path());
    EXPECT_EQ(*log->end_offset(), kMarkEvery);
    EXPECT_EQ(std::filesystem::file_size(index_file(dir)), 15u + 8);
    append_numbered(*log, 1, kMarkEvery);
  }
  auto log = open_or_die(dir.path());
  expect_every_record(*log, kMarkEvery + 1);
  EXPECT_EQ(std::filesystem::file_size(index_file(dir)), 15u + 2 * 8);
}

TEST(LocalLog, ASnapshotReadsTheMarksAndWritesNone) {
  TempDir dir;
  const int count = kMarkEvery + 50;
  {
    auto log = open_or_die(dir.path());
    append_numbered(*log, count);
  }
  {
    auto snapshot = open_local_log_snapshot(dir.path());
    ASSERT_TRUE(snapshot.ok());
    expect_every_record(**snapshot, count);
  }
  std::filesystem::remove(index_file(dir));
  auto snapshot = open_local_log_snapshot(dir.path());
  ASSERT_TRUE(snapshot.ok());
  expect_every_record(**snapshot, count);
  EXPECT_FALSE(std::filesystem::exists(index_file(dir)));
}

TEST(LogTransfer, ExportThenImportKeepsEveryRecord) {
  TempDir source_dir, target_dir, file_dir;
  auto source = open_or_die(source_dir.path());
  const std::vector<Record> batch{
      Record{R"({"keytype":"SCHEMA","subject":"s","version":1,"magic":1})",
             std::string(R"({"subject":"s","version":1,"id":7,"schemaType":"AVRO","schema":"\"int\"","deleted":false})"),
             {}},
      Record{R"({"keytype":"NOOP","magic":0})", std::nullopt, {}},
      Record{std::nullopt, std::string(), {{"origin", "node-1"}}},
  };
  ASSERT_TRUE(source->append(batch).ok());
  const auto file = file_dir.path() / "export.jsonl";
  auto exported = export_log(*source, file);
  ASSERT_TRUE(exported.ok()) << exported.error().message;
  EXPECT_EQ(*exported, 3u);

  auto target = open_or_die(target_dir.path());
  auto imported = import_log(file, *target);
  ASSERT_TRUE(imported.ok()) << imported.error().message;
  EXPECT_EQ(*imported, 3u);
  const auto records = read_all(*target);
  ASSERT_EQ(records.size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) EXPECT_EQ(records[i].record, batch[i]);
}

TEST(LogTransfer, ImportRejectsMalformedLines) {
  TempDir dir, log_dir;
  const auto file = dir.path() / "bad.jsonl";
  append_bytes(file, "{\"key\":\"k\",\"value\":\"v\"}\n{\"key\":5}\n");
  auto log = open_or_die(log_dir.path());
  auto imported = import_log(file, *log);
  ASSERT_FALSE(imported.ok());
  EXPECT_NE(imported.error().message.find(":2:"), std::string::npos);
}

}  // namespace
}  // namespace accord::log
