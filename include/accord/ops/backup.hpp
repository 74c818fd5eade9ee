#pragma once
// `accord backup`: a log (the embedded one, read through a snapshot, or a Kafka topic) into
// a backup file (backup_file.hpp).
#include <filesystem>

#include "accord/log/schema_log.hpp"
#include "accord/ops/backup_file.hpp"
#include "accord/ops/progress.hpp"

namespace accord::ops {

struct BackupOptions {
  // false: for each distinct key byte string only its last record, tombstones included
  // (what a compacted topic keeps until delete.retention.ms); true: every record.
  bool full = false;
};

struct BackupSummary {
  BackupCounts counts;
  uint64_t read = 0;   // records read from the log
  uint64_t bytes = 0;  // size of the backup file
  std::string source;
};

// Reads `log` from its start to the end offset seen at the call, in offset order.
Result<BackupSummary> backup(log::SchemaLog& log, const std::filesystem::path& file, const BackupOptions& options,
                             const ProgressFn& progress = {});

}  // namespace accord::ops
