#pragma once
// The backup file (docs/operations.md, "Backup file format"): JSON Lines, UTF-8.
//   line 1      {"format":"accord-backup","format_version":1,"created_at":...,"source":...,"selection":"compacted"|"full"}
//   records     {"offset":12,"timestamp":1700000000000,"key":"<key bytes>","value":"<value bytes>"|null,"headers":[["name","value"]]}
//   last line   {"end":true,"records":N,"subjects":..,"versions":..,"schemas":..,"max_id":..,"sha256":"<hex>"}
// Record bytes are JSON strings when they are UTF-8 (always, for registry records), else
// {"base64":"..."}; null = null key / tombstone. sha256 covers every byte before the last
// line. Offsets strictly increase (they are the source's offsets). The file is written
// to FILE.tmp-<pid> and renamed into place only once complete and synced.
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <memory>
#include <optional>
#include <string>

#include "accord/log/record.hpp"
#include "accord/model/error.hpp"
#include "accord/ops/progress.hpp"

namespace accord::ops {

inline constexpr const char* kBackupFormat = "accord-backup";
inline constexpr int kBackupFormatVersion = 1;

struct BackupHeader {
  std::string created_at;  // ISO-8601 UTC
  std::string source;      // what was backed up, e.g. "embedded log at /var/lib/accord/log/schemas.log"
  bool full = false;       // every record, or only what compaction keeps
};

// What the records of a backup hold (computed while writing, checked while reading).
struct BackupCounts {
  uint64_t records = 0;
  uint64_t subjects = 0;  // distinct subjects with a live SCHEMA record
  uint64_t versions = 0;  // live SCHEMA records
  uint64_t schemas = 0;   // distinct ids among them
  int64_t max_id = 0;
  bool operator==(const BackupCounts&) const = default;
};

// Tallies records into BackupCounts (a later record for the same key replaces the earlier).
class BackupCounter {
 public:
  void add(const log::Record& record);
  BackupCounts counts() const;

 private:
  struct Impl;
  std::shared_ptr<Impl> impl_;
};

class BackupWriter {
 public:
  static Result<BackupWriter> create(const std::filesystem::path& file, const BackupHeader& header);
  BackupWriter(BackupWriter&&) noexcept;
  BackupWriter& operator=(BackupWriter&&) noexcept;
  ~BackupWriter();  // removes the temporary file unless finish() succeeded

  Status add(const log::StoredRecord& record);
  // Writes the trailer, syncs, renames into place. Returns the counts and the file size.
  Result<std::pair<BackupCounts, uint64_t>> finish();

 private:
  struct Impl;
  explicit BackupWriter(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Reads a backup line by line. Every structural problem is an error naming the line;
// next() returns nullopt after the trailer, once the checksum and counts matched.
class BackupReader {
 public:
  static Result<BackupReader> open(const std::filesystem::path& file);
  BackupReader(BackupReader&&) noexcept;
  BackupReader& operator=(BackupReader&&) noexcept;
  ~BackupReader();

  const BackupHeader& header() const;
  uint64_t file_size() const;
  Result<std::optional<log::StoredRecord>> next();
  // The trailer's counts; valid once next() returned nullopt.
  const BackupCounts& counts() const;

 private:
  struct Impl;
  explicit BackupReader(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Reads the whole file once: every line well-formed, offsets in order, every key a
// `_schemas` key and every value decodable, counts and checksum as the trailer says.
Result<BackupCounts> verify_backup(const std::filesystem::path& file, const ProgressFn& progress = {});

}  // namespace accord::ops
