#pragma once
// The embedded durable log: an append-only file in the data directory holding the same
// key/value bytes a Kafka topic would, with their offsets. Appends are fsync'd before they
// are acknowledged (concurrent appenders share one fsync: group commit); a torn tail left
// by a crash is detected by checksum and cut at open.
#include <filesystem>
#include <memory>

#include "accord/log/schema_log.hpp"

namespace accord::log {

Result<std::unique_ptr<SchemaLog>> open_local_log(const std::filesystem::path& directory);

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
