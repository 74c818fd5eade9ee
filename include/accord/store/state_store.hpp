#pragma once
// The node's materialized view of the `_schemas` log, persisted in RocksDB.
//
// What is persisted is the log's compacted state: for each logical key the effective value
// (SCHEMA values already carry soft-delete flags) and every key byte string seen for it,
// plus the applied offset and the id high-water mark, all written in one batch per apply.
// At open the in-memory indexes are rebuilt from that, so reads never touch RocksDB.
// Only the Materializer changes the state, and only from log records. Memory never runs
// ahead of disk: a batch is applied to the indexes and written under one exclusive lock,
// and if the write fails the indexes are reloaded from RocksDB before the lock is released
// and the store applies nothing more (docs/store.md).
#include <condition_variable>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <shared_mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "accord/log/codec.hpp"
#include "accord/store/catalog_index.hpp"
#include "accord/model/error.hpp"
#include "accord/model/types.hpp"

namespace rocksdb {
class DB;
}

namespace accord::store {

namespace detail {
class Applier;
}

struct VersionInfo {
  std::string subject;
  VersionNumber version = 0;
  SchemaId id = 0;
  bool deleted = false;
  int64_t timestamp_ms = 0;
};

class StateStore {
 public:
  // Wraps the opened RocksDB handle before the store uses it: tests inject failing writes.
  using DbWrapper = std::function<std::unique_ptr<rocksdb::DB>(std::unique_ptr<rocksdb::DB>)>;
  static Result<std::unique_ptr<StateStore>> open(const std::filesystem::path& directory, const DbWrapper& wrap = {});
  ~StateStore();

  // Highest offset applied, -1 when nothing was.
  Offset applied_offset() const;
  SchemaId max_id() const;

  std::optional<Schema> schema_by_id(SchemaId id) const;
  // The id a schema of this identity (formats/identity.hpp) already has in this registry, if
  // any version carries it.
  std::optional<SchemaId> id_with_identity(std::string_view identity) const;
  // The identity of the schema stored under `id`, computed from its parsed form when the
  // record was applied (whoever wrote its text).
  std::optional<std::string> identity_of(SchemaId id) const;
  // Confluent's GUID (formats/guid.hpp, 16 bytes) of the schema stored under `id`.
  std::optional<std::string> guid_of(SchemaId id) const;
  // The ids whose schema has this GUID (several only after IMPORTs of one schema under two
  // ids), ascending.
  std::vector<SchemaId> ids_with_guid(std::string_view guid) const;
  // Every subject that has at least one version (soft-deleted included), sorted.
  std::vector<std::string> subjects() const;
  // A subject's versions, ascending, soft-deleted included. Empty when unknown.
  std::vector<VersionInfo> versions(std::string_view subject) const;
  std::optional<VersionInfo> version(std::string_view subject, VersionNumber version) const;
  // The highest version (live only unless include_deleted), without copying the others.
  std::optional<VersionInfo> latest(std::string_view subject, bool include_deleted) const;
  // Every subject-version carrying this id (soft-deleted included), sorted.
  std::vector<VersionInfo> versions_with_id(SchemaId id) const;
  // Ids of schemas whose references point at (subject, version), ascending.
  std::vector<SchemaId> referenced_by(std::string_view subject, VersionNumber version) const;
  // Subject-level (or global when subject is nullopt) records.
  std::optional<log::ConfigValue> config(const std::optional<std::string>& subject) const;
  std::optional<Mode> mode(const std::optional<std::string>& subject) const;
  // Every key byte string seen for the logical key (tombstones must cover each one).
  std::vector<std::string> key_variants(const log::Key& key) const;
  std::size_t schema_count() const;
  // The catalog: subjects by free text and governance filters, paged (docs/ui.md).
  CatalogPage search_catalog(const CatalogQuery& query) const;

  // Blocks until applied_offset() >= offset or the deadline passes; true when reached.
  bool wait_applied(Offset offset, std::chrono::steady_clock::time_point deadline) const;

 private:
  friend class Materializer;
  friend class detail::Applier;
  struct SchemaEntry {
    Schema schema;
    std::string identity;
    std::string guid;
    std::set<std::pair<std::string, VersionNumber>> users;
  };
  struct VersionEntry {
    SchemaId id = 0;
    bool deleted = false;
    int64_t timestamp_ms = 0;
  };

  explicit StateStore(std::unique_ptr<rocksdb::DB> db);
  Status load();
  // Forgets every in-memory index and loads them again from RocksDB: after a failed write,
  // memory equals disk again. The caller holds mutex_ exclusively.
  Status reload_locked();
  // Stores written before identities came from the parsed schema held the digest of the
  // stored bytes: recompute every identity once and persist it.
  Status upgrade_identities();
  // Stores written before GUIDs: persist the GUIDs load() computed, once.
  Status persist_guids();
  // The identity of a stored schema, its references resolved from this store's state.
  // The caller holds mutex_.
  std::string stored_identity(const Schema& schema) const;
  // Recomputes the subject's catalog entry from the state; the caller holds mutex_ exclusively.
  void refresh_catalog(const std::string& subject) const;

  std::unique_ptr<rocksdb::DB> db_;
  mutable std::shared_mutex mutex_;
  Offset applied_offset_ = -1;
  SchemaId max_id_ = 0;
  std::map<std::string, std::map<VersionNumber, VersionEntry>, std::less<>> subjects_;
  std::unordered_map<SchemaId, SchemaEntry> schemas_;
  std::unordered_map<std::string, SchemaId> ids_by_identity_;
  std::unordered_map<std::string, std::set<SchemaId>> ids_by_guid_;
  std::map<std::pair<std::string, VersionNumber>, std::set<SchemaId>> referenced_by_;
  std::map<std::string, log::ConfigValue, std::less<>> configs_;
  std::optional<log::ConfigValue> global_config_;
  std::map<std::string, Mode, std::less<>> modes_;
  std::optional<Mode> global_mode_;
  std::unordered_map<std::string, std::vector<std::string>> key_variants_;
  // The catalog describes the state (a cache of it): a search may bring it up to date.
  mutable CatalogIndex catalog_;
  // Subjects changed by replay-sized batches, refreshed by the next search.
  mutable std::set<std::string> catalog_stale_;

  // Set when a write failed: the store serves what it holds and applies nothing more.
  std::optional<std::string> write_failure_;

  mutable std::mutex applied_mutex_;
  mutable std::condition_variable applied_cv_;
};

}  // namespace accord::store
