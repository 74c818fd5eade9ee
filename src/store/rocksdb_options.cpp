#include "rocksdb_options.hpp"

#include <rocksdb/convenience.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/table.h>

#include <algorithm>

namespace accord::store::detail {

rocksdb::Options rocksdb_options(const std::shared_ptr<rocksdb::Cache>& cache) {
  rocksdb::Options options;
  options.create_if_missing = true;
  options.max_open_files = 256;
  options.max_background_jobs = 2;
  // Memory is the block cache plus the memtables, whatever the registry holds: index and
  // filter blocks live in the cache too (pinned for the newest files), not beside it.
  options.write_buffer_size = 16u << 20;
  options.max_write_buffer_number = 3;
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
  // Not optimize_filters_for_hits: without filters on the last level, reads of ids that
  // exist were 9% cheaper, but a rebuild (whose lookups mostly miss) was 15% slower.
  return options;
}

}  // namespace accord::store::detail
