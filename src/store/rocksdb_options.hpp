#pragma once
// Private to store/: how the state store tunes RocksDB (docs/store.md, "Memory", "Disk" and
// "Column families").
#include <rocksdb/cache.h>
#include <rocksdb/db.h>
#include <rocksdb/options.h>

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace accord::store::detail {

// The schema entries ("s" keys) have a column family of their own; every other key family
// is in the default one.
inline constexpr const char* kSchemaFamily = "schemas";

struct RocksDbLayout {
  rocksdb::DBOptions db;
  std::vector<rocksdb::ColumnFamilyDescriptor> families;  // the default family, then kSchemaFamily
};

RocksDbLayout rocksdb_layout(const std::shared_ptr<rocksdb::Cache>& cache);

// Options a family can change while open (DB::SetOptions), by name.
using MutableOptions = std::unordered_map<std::string, std::string>;
// While a store is rebuilt from empty: level 0 is merged down when many files wait there,
// not a few, so that each key is rewritten about once instead of once per level.
MutableOptions rebuild_options();
// The values `options` has for the options rebuild_options() changes: what they return to.
MutableOptions steady_options(const rocksdb::ColumnFamilyOptions& options);

}  // namespace accord::store::detail
