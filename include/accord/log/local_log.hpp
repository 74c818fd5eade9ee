#pragma once
// The embedded durable log: an append-only file in the data directory holding the same
// key/value bytes a Kafka topic would, with their offsets. Appends are fsync'd before they
// are acknowledged (concurrent appenders share one fsync: group commit); a torn tail left
// by a crash is detected by checksum and cut at open.
#include <filesystem>
#include <memory>
#include <string>

#include "accord/log/schema_log.hpp"

namespace accord::log {

Result<std::unique_ptr<SchemaLog>> open_local_log(const std::filesystem::path& directory);

// A read-only view of the log in `directory` as it is now, safe while a node appends to it:
// takes no lock, never writes, and ends at the last complete, checksummed frame (a frame
// being written at that moment is simply not seen). append() fails. Used by backups.
Result<std::unique_ptr<SchemaLog>> open_local_log_snapshot(const std::filesystem::path& directory);

// Writes a new embedded log file, record by record, keeping each record's bytes, headers and
// timestamp (offsets are renumbered densely from 0). Nothing is acknowledged until finish(),
// which makes the file and its directory entry durable. Used by restores, which build the
// log in a scratch directory and rename it into place.
class LocalLogBuilder {
 public:
  // Fails when `directory` already holds a log file.
  static Result<LocalLogBuilder> create(const std::filesystem::path& directory);
  LocalLogBuilder(LocalLogBuilder&& other) noexcept;
  LocalLogBuilder& operator=(LocalLogBuilder&&) = delete;
  ~LocalLogBuilder();

  Status add(const Record& record, int64_t timestamp_ms);
  Status finish();
  Offset records() const { return next_offset_; }

 private:
  LocalLogBuilder(std::filesystem::path directory, int fd) : directory_(std::move(directory)), fd_(fd) {}
  Status flush();

  std::filesystem::path directory_;
  int fd_ = -1;
  std::string buffer_;
  uint64_t written_ = 0;  // file position after what was flushed
  Offset next_offset_{0};
};

}  // namespace accord::log

namespace accord::log {

// Transfer of a whole log between SchemaLogs (e.g. seeding a Kafka topic from a single
// node, so ids and versions are kept). The file holds one JSON object per line:
//   {"offset":12,"timestamp":1700000000000,"key":"{\"keytype\":...}","value":"{...}","headers":[["k","v"]]}
// key/value are the exact record bytes as JSON strings (null for a null key / tombstone);
// offset and timestamp are informational. See docs/log.md.
// Writes every record from the log's start to its end offset at the time of the call.
Result<std::size_t> export_log(SchemaLog& log, const std::filesystem::path& file);
// Appends the file's records, in order, to `log`; returns how many were appended.
Result<std::size_t> import_log(const std::filesystem::path& file, SchemaLog& log);

}  // namespace accord::log
