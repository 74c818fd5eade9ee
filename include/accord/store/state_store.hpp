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

  // Ids are per context (".", ".team-a"): every lookup by id names the context it looks in,
  // the default context when none is given. A subject's context is context_of(subject).
  SchemaId max_id(std::string_view context = kDefaultContext) const;
  std::optional<Schema> schema_by_id(SchemaId id, std::string_view context = kDefaultContext) const;
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
  // The highest version (live only unless include_deleted), without copying the others.
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
  // The identity of a stored schema of `subject`, its references resolved from this store's
  // state (in the subject's context). The caller holds mutex_.
  std::string stored_identity(const Schema& schema, std::string_view subject) const;
  std::size_t schema_count_locked() const;
  // Recomputes the subject's catalog entry from the state; the caller holds mutex_ exclusively.
  void refresh_catalog(const std::string& subject) const;

  // What is numbered per context: its ids, their schemas and the indexes over them.
  struct ContextIds {
    SchemaId max_id = 0;
    std::unordered_map<SchemaId, SchemaEntry> schemas;
    std::unordered_map<std::string, SchemaId> ids_by_identity;
    std::unordered_map<std::string, std::set<SchemaId>> ids_by_guid;
  };
  // The context's ids; an empty one for a context nothing was registered in.
  const ContextIds& ids_in(std::string_view context) const;
  ContextIds& ids_for(std::string_view context);

  std::unique_ptr<rocksdb::DB> db_;
  mutable std::shared_mutex mutex_;
  Offset applied_offset_ = -1;
  std::map<std::string, std::map<VersionNumber, VersionEntry>, std::less<>> subjects_;
  std::map<std::string, ContextIds, std::less<>> ids_;  // by context name, "." for the default
  std::set<std::string, std::less<>> context_records_;   // contexts with a CONTEXT record
  std::map<std::pair<std::string, VersionNumber>, std::set<std::pair<std::string, SchemaId>>> referenced_by_;
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
