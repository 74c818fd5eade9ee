#pragma once
// The node's materialized view of the `_schemas` log, in RocksDB.
//
// RocksDB is the index: every lookup below is a point read or a prefix scan of a key family
// laid out for it (src/store/store_keys.hpp), so opening the store reads a handful of keys
// and memory is bounded by the configured cache, not by the number of schemas. Only a few
// counters live in memory (the applied offset, the id high-water marks, the schema count),
// and they change only after the write that persists them has succeeded.
//
// The log is applied by `apply` (the Materializer decodes records and calls it), one
// RocksDB batch per call, which carries the state's rules: ids bound once, versions bound
// once, tombstones, soft deletes, the reverse indexes. A failed write leaves disk and
// memory as they were, and the store applies nothing more (docs/store.md).
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <shared_mutex>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "accord/log/codec.hpp"
#include "accord/log/record.hpp"
#include "accord/model/error.hpp"
#include "accord/model/types.hpp"
#include "accord/store/catalog_index.hpp"

namespace rocksdb {
class DB;
class Cache;
class ColumnFamilyHandle;
}  // namespace rocksdb

namespace accord::store {

class CatalogDescriptions;

namespace detail {
struct DecodedRecord;
class WrittenKeys;
}

struct VersionInfo {
  std::string subject;
  VersionNumber version{0};
  SchemaId id{0};
  bool deleted = false;
  int64_t timestamp_ms = 0;
};

// A schema id's entry: the schema and what the store computed from it.
struct StoredSchema {
  Schema schema;
  std::string identity;
  std::string guid;
};

struct StoreOptions {
  // RocksDB's block cache: the schemas and indexes read most recently stay in memory.
  std::size_t block_cache_bytes = 32u << 20;
  // The records a rebuild of an empty store is about to apply (the log's length), if known:
  // what its filter of written keys is sized for.
  std::size_t rebuild_records = 0;
};

class StateStore {
 public:
  // Wraps the opened RocksDB handle before the store uses it: tests inject failing writes.
  using DbWrapper = std::function<std::unique_ptr<rocksdb::DB>(std::unique_ptr<rocksdb::DB>)>;
  static Result<std::unique_ptr<StateStore>> open(const std::filesystem::path& directory, const StoreOptions& options = {},
                                                  const DbWrapper& wrap = {});
  ~StateStore();

  // Highest offset applied, -1 when nothing was. It moves only after the state it
  // describes is on disk: a response computed at offset N is stale once it moved.
  Offset applied_offset() const { return applied_offset_.load(std::memory_order_acquire); }

  // Ids are per context (".", ".team-a"): every lookup by id names the context it looks in,
  // the default context when none is given. A subject's context is context_of(subject).
  SchemaId max_id(std::string_view context = kDefaultContext) const;
  std::optional<Schema> schema_by_id(SchemaId id, std::string_view context = kDefaultContext) const;
  // The whole entry in one read (a schema by id is served with its GUID).
  std::optional<StoredSchema> stored_schema(SchemaId id, std::string_view context = kDefaultContext) const;
  // The id a schema of this identity (formats/identity.hpp) already has in the context, if
  // any version carries it.
  std::optional<SchemaId> id_with_identity(std::string_view identity,
                                           std::string_view context = kDefaultContext) const;
  // The identity of the schema stored under `id`, computed from its parsed form when the
  // record was applied (whoever wrote its text).
  std::optional<std::string> identity_of(SchemaId id, std::string_view context = kDefaultContext) const;
  // Confluent's GUID (formats/guid.hpp, 16 bytes) of the schema stored under `id`.
  std::optional<std::string> guid_of(SchemaId id, std::string_view context = kDefaultContext) const;
  // The ids whose schema has this GUID in the context (several only after IMPORTs of one
  // schema under two ids), ascending.
  std::vector<SchemaId> ids_with_guid(std::string_view guid, std::string_view context = kDefaultContext) const;
  // Every subject that has at least one version (soft-deleted included), sorted, in every context.
  std::vector<std::string> subjects() const;
  // A subject's versions, ascending, soft-deleted included. Empty when unknown.
  std::vector<VersionInfo> versions(std::string_view subject) const;
  std::optional<VersionInfo> version(std::string_view subject, VersionNumber version) const;
  // The highest version (live only unless include_deleted), without reading the others.
  std::optional<VersionInfo> latest(std::string_view subject, bool include_deleted) const;
  // Every subject-version carrying this id in the context (soft-deleted included), sorted.
  std::vector<VersionInfo> versions_with_id(SchemaId id, std::string_view context = kDefaultContext) const;
  // Schemas whose references point at (subject, version), as (context, id), ascending.
  // A reference is resolved in its referrer's context (qualify_with_parent).
  std::vector<std::pair<std::string, SchemaId>> referenced_by(std::string_view subject, VersionNumber version) const;
  // The non-default contexts named by CONTEXT records, sorted (the default context has none).
  std::vector<std::string> contexts() const;
  bool has_context(std::string_view context) const;
  // Subject-level (or global when subject is nullopt) records.
  std::optional<log::ConfigValue> config(const std::optional<std::string>& subject) const;
  std::optional<Mode> mode(const std::optional<std::string>& subject) const;
  // The alias the subject's own CONFIG names, if any (one point read, no JSON decode).
  std::optional<std::string> alias_of(std::string_view subject) const;
  // The key byte strings seen for the logical key, when any differs from the canonical
  // encoding (tombstones must cover each one); empty when only the canonical one was.
  std::vector<std::string> key_variants(const log::Key& key) const;
  std::size_t schema_count() const { return schema_count_.load(std::memory_order_acquire); }
  // Whether RocksDB is compacting or has compactions to do (a rebuild leaves some behind;
  // reads that miss the caches are slower meanwhile).
  bool compacting() const;
  // The catalog: subjects by free text and governance filters, paged (docs/ui.md). Its
  // index is built by the first search, then kept up to date by every apply.
  CatalogPage search_catalog(const CatalogQuery& query) const;

  // Applies decoded log records (ascending offsets above the applied one) in one batch.
  // Called by the Materializer, which decodes them.
  Status apply(std::span<const log::StoredRecord> records, std::span<detail::DecodedRecord> decoded);
  // Set when a write failed: the store serves what it holds and applies nothing more.
  std::optional<std::string> write_failure() const;

  // A store opened empty is being rebuilt from the log: its lookups of keys it never wrote
  // skip RocksDB, and RocksDB merges its files in fewer, larger compactions (docs/store.md,
  // "Rebuilding"). The log reader ends the rebuild once it has caught up.
  bool rebuilding() const { return rebuilding_.load(std::memory_order_acquire); }
  void end_rebuild();

  // Blocks until applied_offset() >= offset or the deadline passes; true when reached.
  bool wait_applied(Offset offset, std::chrono::steady_clock::time_point deadline) const;

 private:
  StateStore(std::unique_ptr<rocksdb::DB> db, std::vector<std::unique_ptr<rocksdb::ColumnFamilyHandle>> families,
             std::shared_ptr<rocksdb::Cache> cache);
  Status load_counters();
  // Whether the store holds nothing but its layout version.
  bool empty() const;
  void begin_rebuild(std::size_t expected_records);
  std::optional<std::string> get(std::string_view key) const;
  // Recomputes the subject's catalog entry from the state; the caller holds catalog_mutex_.
  // A pass over many subjects passes `descriptions`, to describe each schema once.
  void refresh_catalog(const std::string& subject, CatalogDescriptions* descriptions = nullptr) const;

  std::shared_ptr<rocksdb::Cache> block_cache_;
  std::unique_ptr<rocksdb::DB> db_;
  // Declared after db_: handles are released before the database closes.
  std::vector<std::unique_ptr<rocksdb::ColumnFamilyHandle>> families_;
  rocksdb::ColumnFamilyHandle* schemas_;  // the schema entries' family (rocksdb_options.hpp)

  // One apply at a time; readers never wait for it.
  mutable std::mutex apply_mutex_;
  std::atomic<Offset> applied_offset_{Offset{-1}};
  std::atomic<std::size_t> schema_count_{0};
  mutable std::shared_mutex max_ids_mutex_;
  std::map<std::string, SchemaId, std::less<>> max_ids_;  // by context, "." for the default
  std::optional<std::string> write_failure_;              // under apply_mutex_
  // While rebuilding (under apply_mutex_): the keys written, and each family's options to
  // return to.
  std::unique_ptr<detail::WrittenKeys> written_;
  std::atomic<bool> rebuilding_{false};
  std::vector<std::unordered_map<std::string, std::string>> steady_options_;

  // The catalog describes the state (a cache of it), built by the first search.
  mutable std::mutex catalog_mutex_;
  mutable bool catalog_built_ = false;
  mutable CatalogIndex catalog_;
  // Subjects changed by replay-sized batches, refreshed by the next search.
  mutable std::set<std::string> catalog_stale_;

  mutable std::mutex applied_mutex_;
  mutable std::condition_variable applied_cv_;
};

}  // namespace accord::store
