#pragma once
// Private to store/: how the state store tunes RocksDB (docs/store.md, "Memory" and "Disk").
#include <rocksdb/cache.h>
#include <rocksdb/options.h>

#include <memory>

namespace accord::store::detail {

rocksdb::Options rocksdb_options(const std::shared_ptr<rocksdb::Cache>& cache);

}  // namespace accord::store::detail
