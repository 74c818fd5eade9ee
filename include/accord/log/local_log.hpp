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
