#include "accord/ops/backup_file.hpp"

#include <gtest/gtest.h>

#include "ops_test_support.hpp"
#include "support/temp_dir.hpp"

namespace accord::ops {
namespace {

using accord::testing::TempDir;
using namespace accord::ops::testing;

std::vector<log::StoredRecord> sample() {
  const auto v1 = schema_record("orders-value", 1, 1, "\"string\"");
  const auto v2 = schema_record("orders-value", 2, 2, "\"long\"", true);
  const auto other = schema_record("payments-value", 1, 1, "\"string\"");
  log::ConfigValue full;
  full.compatibility_level = CompatibilityLevel::Full;
  log::Record config{log::encode_key(log::config_key(std::nullopt)), log::encode_config_value(full), {}};
  log::Record binary_header{log::encode_key(log::noop_key()), std::nullopt, {{"trace", std::string("\xff\x00\x01", 3)}}};
  return {{Offset{0}, v1, 1000}, {Offset{3}, v2, 1001}, {Offset{4}, other, 1002}, {Offset{7}, config, 1003},
          {Offset{9}, binary_header, 1004}, {Offset{10}, tombstone(v2), 1005}};
}

std::filesystem::path write_sample(const TempDir& dir) {
  const auto file = dir.path() / "backup.jsonl";
  auto writer = BackupWriter::create(file, BackupHeader{"2024-01-01T00:00:00Z", "test", false});
  EXPECT_TRUE(writer.ok());
  for (const auto& r : sample()) EXPECT_TRUE(writer->add(r).ok());
  auto done = writer->finish();
  EXPECT_TRUE(done.ok()) << (done.ok() ? "" : done.error().message);
  return file;
}

TEST(BackupFile, RoundTripKeepsEveryByteOffsetAndTimestamp) {
  TempDir dir;
  const auto file = write_sample(dir);
  EXPECT_FALSE(std::filesystem::exists(file.string() + ".tmp-" + std::to_string(::getpid())));
  auto reader = BackupReader::open(file);
  ASSERT_TRUE(reader.ok()) << reader.error().message;
  EXPECT_EQ(reader->header().source, "test");
  EXPECT_EQ(reader->header().created_at, "2024-01-01T00:00:00Z");
  std::vector<log::StoredRecord> read;
  while (true) {
    auto next = reader->next();
    ASSERT_TRUE(next.ok()) << next.error().message;
    if (!*next) break;
    read.push_back(**next);
  }
  const auto expected = sample();
  ASSERT_EQ(read.size(), expected.size());
  for (std::size_t i = 0; i < read.size(); ++i) {
    EXPECT_EQ(read[i].offset, expected[i].offset);
    EXPECT_EQ(read[i].timestamp_ms, expected[i].timestamp_ms);
    EXPECT_EQ(read[i].record, expected[i].record);
  }
  // v2 was tombstoned: two versions of two subjects remain, both id 1.
  EXPECT_EQ(reader->counts(), (BackupCounts{6, 2, 2, 1, 1}));
}

TEST(BackupFile, IsJsonLinesWithHeaderAndTrailer) {
  TempDir dir;
  const auto text = read_file(write_sample(dir));
  EXPECT_EQ(text.rfind("{\"format\":\"accord-backup\",\"format_version\":1,", 0), 0u) << text;
  EXPECT_NE(text.find("\"headers\":[[\"trace\",{\"base64\":\"/wAB\"}]]"), std::string::npos) << text;
  const auto last = text.substr(text.rfind('\n', text.size() - 2) + 1);
  EXPECT_EQ(last.rfind("{\"end\":true,\"records\":6,\"subjects\":2,\"versions\":2,\"schemas\":1,\"max_id\":1,\"sha256\":\"", 0), 0u)
      << last;
  EXPECT_TRUE(verify_backup(dir.path() / "backup.jsonl").ok());
}

void expect_refused(const std::filesystem::path& file, const std::string& fragment) {
  auto verified = verify_backup(file);
  ASSERT_FALSE(verified.ok()) << "a damaged backup must be refused";
  EXPECT_NE(verified.error().message.find(fragment), std::string::npos) << verified.error().message;
}

TEST(BackupFile, TruncatedFileIsRefused) {
  TempDir dir;
  const auto file = write_sample(dir);
  const auto text = read_file(file);
  write_file(file, text.substr(0, text.size() - 20));  // trailer cut
  expect_refused(file, "truncated");
  write_file(file, text.substr(0, text.find("payments-value")));  // cut inside a record
  expect_refused(file, "truncated");
}

TEST(BackupFile, OneFlippedByteIsRefused) {
  TempDir dir;
  const auto file = write_sample(dir);
  auto text = read_file(file);
  const auto at = text.find("long");  // inside a schema text: the line stays valid JSON
  ASSERT_NE(at, std::string::npos);
  text[at + 1] = 'i';
  write_file(file, text);
  expect_refused(file, "checksum mismatch");
}

TEST(BackupFile, RecordOutOfOrderIsRefused) {
  TempDir dir;
  const auto file = write_sample(dir);
  auto text = read_file(file);
  // Swap the second and third record lines.
  std::vector<std::string> lines;
  std::stringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line + "\n");
  std::swap(lines[2], lines[3]);
  std::string swapped;
  for (const auto& l : lines) swapped += l;
  write_file(file, swapped);
  expect_refused(file, "out of order");
}

TEST(BackupFile, ForeignAndFutureFilesAreRefused) {
  TempDir dir;
  const auto file = dir.path() / "other.jsonl";
  write_file(file, "{\"key\":\"x\"}\n");
  expect_refused(file, "not an Accord backup");
  write_file(file, "{\"format\":\"accord-backup\",\"format_version\":2}\n");
  expect_refused(file, "format version 2 is not supported");
  write_file(file, "");
  expect_refused(file, "no header line");
}

TEST(BackupFile, UndecodableRecordIsRefusedEvenWithAValidChecksum) {
  TempDir dir;
  const auto file = dir.path() / "bad.jsonl";
  auto writer = BackupWriter::create(file, BackupHeader{});
  ASSERT_TRUE(writer.ok());
  ASSERT_TRUE(writer->add({Offset{0}, {log::encode_key(log::schema_key("s", VersionNumber{1})), std::string("{\"not\":\"a schema\"}"), {}}, 1}).ok());
  ASSERT_TRUE(writer->finish().ok());
  expect_refused(file, "the value does not decode");
}

TEST(BackupFile, AnExistingTemporaryFileIsNotOverwritten) {
  TempDir dir;
  const auto file = dir.path() / "b.jsonl";
  write_file(file.string() + ".tmp-" + std::to_string(::getpid()), "someone else's");
  EXPECT_FALSE(BackupWriter::create(file, BackupHeader{}).ok());
}

}  // namespace
}  // namespace accord::ops
