#pragma once
// Private to store/: how the state store tunes RocksDB (docs/store.md, "Memory", "Disk" and
// "Column families").
#include <rocksdb/cache.h>
#include <rocksdb/db.h>
#include <rocksdb/options.h>

#include <memory>
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

}  // namespace accord::store::detail
