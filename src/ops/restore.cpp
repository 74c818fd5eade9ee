// `accord restore`: verify the whole backup, then write it into an embedded log (built
// aside and renamed into place) or a Kafka topic (resuming after a prefix already there).
#include "accord/ops/restore.hpp"

#include "accord/log/local_log.hpp"
#include "accord/model/errors.hpp"
#include "sync_directory.hpp"

namespace accord::ops {
namespace {

constexpr std::size_t kAppendBatch = 1000;

Status rename_path(const std::filesystem::path& from, const std::filesystem::path& to) {
  std::error_code ec;
  std::filesystem::rename(from, to, ec);
  if (ec) return errors::store_error("Cannot rename " + from.string() + " to " + to.string() + ": " + ec.message());
  return Ok{};
}

// Opens the backup and reads it to its first record, after a full verification pass.
Result<BackupReader> verified_reader(const std::filesystem::path& file, BackupCounts& counts, const ProgressFn& progress) {
  auto verified = verify_backup(file, progress);
  if (!verified) return verified.error();
  counts = *verified;
  return BackupReader::open(file);
}

}  // namespace

Result<RestoreSummary> restore_to_data_dir(const std::filesystem::path& file, const std::filesystem::path& data_dir,
                                           const RestoreOptions& options, const ProgressFn& progress) {
  RestoreSummary summary;
  auto reader = verified_reader(file, summary.counts, progress);
  if (!reader) return reader.error();

  const auto log_dir = data_dir / "log";
  summary.target = "embedded log at " + (log_dir / "schemas.log").string();
  std::error_code ec;
  const bool has_log = std::filesystem::exists(log_dir / "schemas.log", ec);
  if (has_log) {
    // Opening takes the log's lock: a node running on it makes this fail, as it must.
    auto existing = log::open_local_log(log_dir);
    if (!existing) return existing.error();
    auto end = (*existing)->end_offset();
    if (!end) return end.error();
    if (*end > 0 && !options.force)
      return errors::operation_not_permitted("The target " + summary.target + " already holds " + std::to_string(*end) +
                                             " records; restore into an empty data directory, or pass --force to "
                                             "replace them (the replaced log is deleted)");
  }

  // Leftovers of an interrupted run are discarded: the scratch log is rebuilt from scratch.
  const auto scratch = data_dir / "log.restoring";
  const auto replaced = data_dir / "log.replaced";
  std::filesystem::remove_all(scratch, ec);
  if (ec) return errors::store_error("Cannot remove " + scratch.string() + ": " + ec.message());
  auto builder = log::LocalLogBuilder::create(scratch);
  if (!builder) return builder.error();
  while (true) {
    auto record = reader->next();
    if (!record) return record.error();
    if (!*record) break;
    if (auto s = builder->add((*record)->record, (*record)->timestamp_ms); !s) return s.error();
    if (++summary.written % 1000 == 0) report(progress, "writing", summary.written, summary.counts.records);
  }
  if (auto s = builder->finish(); !s) return s.error();

  std::filesystem::remove_all(replaced, ec);
  if (std::filesystem::exists(log_dir, ec))
    if (auto s = rename_path(log_dir, replaced); !s) return s.error();
  if (auto s = rename_path(scratch, log_dir); !s) return s.error();
  sync_directory(data_dir);
  // The store is a cache of the log it was built from; the node rebuilds it from the new log.
  std::filesystem::remove_all(data_dir / "store", ec);
  std::filesystem::remove_all(replaced, ec);
  report(progress, "writing", summary.written, summary.counts.records);
  return summary;
}

Result<RestoreSummary> restore_to_log(const std::filesystem::path& file, log::SchemaLog& log,
                                      const RestoreOptions& options, const ProgressFn& progress) {
  RestoreSummary summary;
  summary.target = log.describe();
  auto reader = verified_reader(file, summary.counts, progress);
  if (!reader) return reader.error();

  const auto start = log.start_offset();
  if (!start) return start.error();
  const auto end = log.end_offset();
  if (!end) return end.error();

  // What the target holds must be the backup's first records (an interrupted restore).
  bool foreign = false;
  std::string difference;
  for (Offset next = *start; next < *end && !foreign;) {
    auto batch = log.read_batch(next, std::chrono::milliseconds(2000), kAppendBatch);
    if (!batch) return batch.error();
    if (batch->next_offset <= next) return errors::store_error("Cannot read the target " + summary.target + " at offset " + std::to_string(next));
    for (const auto& existing : batch->records) {
      if (existing.offset >= *end) break;
      auto expected = reader->next();
      if (!expected) return expected.error();
      if (!*expected || !((*expected)->record == existing.record)) {
        foreign = true;
        difference = "its record at offset " + std::to_string(existing.offset) +
                     (*expected ? " differs from the backup's record " + std::to_string(summary.skipped + 1)
                                : " is beyond the backup's end");
        break;
      }
      ++summary.skipped;
    }
    next = batch->next_offset;
  }
  if (foreign && !options.force)
    return errors::operation_not_permitted("The target " + summary.target + " already holds records that are not " +
                                           "this backup's (" + difference + "); restore into an empty topic, or " +
                                           "pass --force to append the backup after them");
  if (foreign) {
    // Forced: the whole backup goes after the foreign records.
    reader = BackupReader::open(file);
    if (!reader) return reader.error();
    summary.skipped = 0;
  }
  report(progress, "writing", summary.skipped, summary.counts.records);

  log::BatchedAppender appender(log, kAppendBatch, [&](std::size_t appended) {
    summary.written = appended;
    report(progress, "writing", summary.skipped + summary.written, summary.counts.records);
  });
  while (true) {
    auto record = reader->next();
    if (!record) return record.error();
    if (!*record) break;
    if (auto s = appender.add(std::move((*record)->record)); !s) return s.error();
  }
  if (auto s = appender.flush(); !s) return s.error();
  return summary;
}

}  // namespace accord::ops
