// `accord backup`: read a log to its end offset, keep what compaction would keep (or
// everything), write the backup file.
#include "accord/ops/backup.hpp"

#include <algorithm>
#include <optional>
#include <unordered_map>

#include "accord/log/codec.hpp"
#include "accord/model/errors.hpp"

namespace accord::ops {
namespace {

constexpr std::size_t kReadBatch = 2000;
// How long the log may deliver nothing while it says records exist (a Kafka fetch may lag).
constexpr auto kStallLimit = std::chrono::seconds(30);

// The last SCHEMA record carrying the highest id in `records`, if any.
std::optional<std::size_t> last_record_of_highest_id(const std::vector<log::StoredRecord>& records) {
  std::optional<std::size_t> found;
  SchemaId highest{0};
  for (std::size_t i = 0; i < records.size(); ++i) {
    const auto& r = records[i].record;
    if (!r.key || log::is_tombstone(r.value)) continue;
    auto key = log::decode_key(*r.key);
    if (!key || key->type != log::KeyType::Schema) continue;
    auto value = log::decode_schema_value(*r.value);
    if (value && value->id >= highest) {
      highest = value->id;
      found = i;
    }
  }
  return found;
}

}  // namespace

Result<BackupSummary> backup(log::SchemaLog& log, const std::filesystem::path& file, const BackupOptions& options,
                             const ProgressFn& progress) {
  const auto start = log.start_offset();
  if (!start) return start.error();
  const auto end = log.end_offset();
  if (!end) return end.error();
  const uint64_t span = static_cast<uint64_t>(*end - *start);

  // The whole log is held in memory: compaction can only be decided once every later
  // record of a key is known, and a registry's log is small (100,000 schemas ≈ 40 MB).
  std::vector<log::StoredRecord> records;
  Offset next = *start;
  auto last_progress = std::chrono::steady_clock::now();
  while (next < *end) {
    auto batch = log.read_batch(next, std::chrono::milliseconds(500), kReadBatch);
    if (!batch) return batch.error();
    if (batch->next_offset > next) last_progress = std::chrono::steady_clock::now();
    else if (std::chrono::steady_clock::now() - last_progress > kStallLimit)
      return errors::store_error("Backup stalled: no record after offset " + std::to_string(next) + " of " +
                                 std::to_string(*end) + " within " + std::to_string(kStallLimit.count()) + " s");
    for (auto& r : batch->records) {
      if (r.offset >= *end) break;
      records.push_back(std::move(r));
    }
    next = std::min(batch->next_offset, *end);
    report(progress, "reading", static_cast<uint64_t>(next - *start), span);
  }

  std::vector<bool> keep(records.size(), true);
  if (!options.full) {
    std::unordered_map<std::string, std::size_t> last_of_key;
    for (std::size_t i = 0; i < records.size(); ++i) {
      if (!records[i].record.key) continue;  // a compacted topic cannot hold these; keep them visible
      auto [it, inserted] = last_of_key.try_emplace(*records[i].record.key, i);
      if (!inserted) {
        keep[it->second] = false;
        it->second = i;
      }
    }
    // Ids are never reissued because the store's high-water mark counts every SCHEMA record
    // ever applied. When the record carrying the highest id was superseded (its version
    // hard-deleted), it is kept: replayed before its tombstone it changes no state, but a
    // node restored from this backup still allocates above it.
    if (auto highest = last_record_of_highest_id(records); highest && !keep[*highest]) keep[*highest] = true;
  }

  BackupHeader header;
  header.source = log.describe();
  header.full = options.full;
  auto writer = BackupWriter::create(file, header);
  if (!writer) return writer.error();
  uint64_t written = 0;
  const uint64_t kept = static_cast<uint64_t>(std::count(keep.begin(), keep.end(), true));
  for (std::size_t i = 0; i < records.size(); ++i) {
    if (!keep[i]) continue;
    if (auto s = writer->add(records[i]); !s) return s.error();
    if (++written % 1000 == 0) report(progress, "writing", written, kept);
  }
  auto finished = writer->finish();
  if (!finished) return finished.error();
  report(progress, "writing", written, kept);
  return BackupSummary{finished->first, records.size(), finished->second, header.source};
}

}  // namespace accord::ops
