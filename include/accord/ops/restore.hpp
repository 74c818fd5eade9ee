#pragma once
// `accord restore`: a backup file into an embedded log or a Kafka topic. The whole file is
// verified (checksum, every record) before anything is written.
#include <filesystem>

#include "accord/log/schema_log.hpp"
#include "accord/ops/backup_file.hpp"
#include "accord/ops/progress.hpp"

namespace accord::ops {

struct RestoreOptions {
  // Embedded log: replace a log that holds records. Kafka: append after records that are
  // not a prefix of the backup.
  bool force = false;
};

struct RestoreSummary {
  BackupCounts counts;
  uint64_t written = 0;  // records written by this run
  uint64_t skipped = 0;  // records an earlier, interrupted run had already written (Kafka)
  std::string target;
};

// Builds `<data_dir>/log` in a scratch directory and renames it into place, so an
// interrupted restore leaves the target as it was; the node's store (`<data_dir>/store`,
// a cache of the old log) is removed with it. Refuses a log that holds records unless
// forced, and a log a running node holds.
Result<RestoreSummary> restore_to_data_dir(const std::filesystem::path& file, const std::filesystem::path& data_dir,
                                           const RestoreOptions& options, const ProgressFn& progress = {});

// Appends the backup's records to `log` in order. When the log already holds records,
// they must be exactly the backup's first records (an interrupted restore): the rest is
// appended after them. Anything else is refused unless forced.
Result<RestoreSummary> restore_to_log(const std::filesystem::path& file, log::SchemaLog& log,
                                      const RestoreOptions& options, const ProgressFn& progress = {});

}  // namespace accord::ops
