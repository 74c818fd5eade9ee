#include "rocksdb_options.hpp"

#include <rocksdb/convenience.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/table.h>

#include <algorithm>

namespace accord::store::detail {
namespace {

// Small memtables: a rebuild inserts about five random keys per schema into them, and a
// skiplist of 4 MiB is searched in fewer cache misses than one of 16 MiB (a replay of a
// million records: 7% faster, 8% less CPU; docs/store.md).
constexpr std::size_t kWriteBufferBytes = 4u << 20;
constexpr int kWriteBuffers = 3;

rocksdb::ColumnFamilyOptions family_options(const std::shared_ptr<rocksdb::Cache>& cache) {
  rocksdb::ColumnFamilyOptions options;
  options.write_buffer_size = kWriteBufferBytes;
  options.max_write_buffer_number = kWriteBuffers;
  // Applying a record looks up keys that mostly do not exist yet (a replay): a bloom
  // filter over the memtable answers those without searching it.
  options.memtable_whole_key_filtering = true;
  options.memtable_prefix_bloom_size_ratio = 0.05;
  rocksdb::BlockBasedTableOptions table;
  table.block_cache = cache;
  table.cache_index_and_filter_blocks = true;
  // Index and filter in partitions of a few KiB, found through a small pinned top level:
  // whole-file index and filter blocks of a large registry outgrow a cache shard, and a
  // block that does not fit is read from disk and checksummed again on every lookup.
  table.index_type = rocksdb::BlockBasedTableOptions::kTwoLevelIndexSearch;
  table.partition_filters = true;
  table.metadata_block_size = 4096;
  table.pin_top_level_index_and_filter = true;
  table.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
  table.format_version = 5;
  options.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
  // Schema texts are repetitive JSON: LZ4 more than halves the disk, and a point read that
  // misses the block cache is no slower for it (fewer bytes copied from the page cache make
  // up for decompressing; measured with bench/store). Level 0 is not compressed: it is
  // compacted again soon, and a rebuild flushes many files.
  const auto supported = rocksdb::GetSupportedCompressions();
  const bool lz4 = std::find(supported.begin(), supported.end(), rocksdb::kLZ4Compression) != supported.end();
  options.compression = lz4 ? rocksdb::kLZ4Compression : rocksdb::kNoCompression;
  options.compression_per_level.assign(options.num_levels, options.compression);
  options.compression_per_level[0] = rocksdb::kNoCompression;
  options.level_compaction_dynamic_level_bytes = true;
  return options;
}

}  // namespace

RocksDbLayout rocksdb_layout(const std::shared_ptr<rocksdb::Cache>& cache) {
  RocksDbLayout layout;
  auto& db = layout.db;
  db.create_if_missing = true;
  db.create_missing_column_families = true;
  db.max_open_files = 256;
  db.max_background_jobs = 2;
  // Memory is the block cache plus the memtables, whatever the registry holds: index and
  // filter blocks live in the cache too (pinned for the newest files), not beside it. The
  // memtables of both families share one budget.
  db.db_write_buffer_size = kWriteBufferBytes * kWriteBuffers;
  // There is no write-ahead log (the log is the source of truth): the families are flushed
  // together, so that a store reopened after a crash is one consistent state, behind.
  db.atomic_flush = true;

  // Not optimize_filters_for_hits here: without filters on the last level, reads of ids that
  // exist were 9% cheaper, but a rebuild (whose lookups mostly miss) was 15% slower.
  layout.families.emplace_back(rocksdb::kDefaultColumnFamilyName, family_options(cache));
  // The schema entries are most of the store's bytes, written once by ascending id and read
  // by id. In a family of their own, flushed files hold disjoint id ranges and compaction
  // moves them down without rewriting them; a read of an id finds one file whose range
  // holds it. The lookups that miss (a replay's new ids) fall outside every file's range,
  // so the last level, where nearly all entries are, needs no filter.
  auto schemas = family_options(cache);
  schemas.optimize_filters_for_hits = true;
  // Level 0 compressed too: a file moved down is not rewritten, so it keeps the
  // compression it was flushed with.
  schemas.compression_per_level.assign(schemas.num_levels, schemas.compression);
  layout.families.emplace_back(kSchemaFamily, std::move(schemas));
  return layout;
}

// A rebuild writes level 0 files far faster than 4 of them would be merged into the levels
// below; merged in one pass at 256, each key is compacted about once. 256 files of 4 MiB
// per family bound what a merge reads; writes stall only well past it.
MutableOptions rebuild_options() {
  return {{"level0_file_num_compaction_trigger", "256"},
          {"level0_slowdown_writes_trigger", "640"},
          {"level0_stop_writes_trigger", "800"}};
}

MutableOptions steady_options(const rocksdb::ColumnFamilyOptions& options) {
  // RocksDB's own rendering of every option, by name: the names rebuild_options() changes
  // are listed once.
  std::string rendered;
  MutableOptions all;
  if (!rocksdb::GetStringFromColumnFamilyOptions(&rendered, options).ok() || !rocksdb::StringToMap(rendered, &all).ok())
    return {};
  MutableOptions steady;
  for (const auto& [name, value] : rebuild_options())
    if (auto it = all.find(name); it != all.end()) steady.emplace(name, it->second);
  return steady;
}

}  // namespace accord::store::detail
