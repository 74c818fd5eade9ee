#pragma once
// Private to store/: the rules of the state, applied to one RocksDB batch. Every change a
// log record makes goes through here, and each method keeps its indexes' invariants
// together: a version is bound to one id and an id to one schema (the first writer wins),
// the reverse indexes (users of an id, identities, GUIDs, referrers) change with what they
// index, and an id whose last version is gone no longer resolves (Confluent alike).
// Reads see the batch's own earlier changes (PendingWrites), so records applied in one
// batch behave as if applied one by one.
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "accord/log/codec.hpp"
#include "accord/log/record.hpp"
#include "accord/model/types.hpp"
#include "decoded_record.hpp"
#include "pending_writes.hpp"
#include "store_keys.hpp"

namespace accord::store::detail {

// What the store keeps in memory beside RocksDB; an update works on a copy.
struct Counters {
  std::map<std::string, SchemaId, std::less<>> max_ids;
  int64_t schema_count = 0;
};

class StateUpdate {
 public:
  StateUpdate(PendingWrites& writes, Counters& counters) : writes_(writes), counters_(counters) {}

  void apply(const log::StoredRecord& stored, DecodedRecord& decoded);

  // Subjects whose versions, schema or config changed (the catalog's entries); `all` after
  // a CLEAR_SUBJECT over a context or the whole registry.
  const std::set<std::string>& touched() const { return touched_; }
  bool touched_all() const { return touched_all_; }

 private:
  void apply_schema(const log::Key& key, const std::string& logical, const std::string& key_bytes,
                    const std::optional<std::string>& value, int64_t ts, DecodedRecord& decoded);
  void apply_config(const log::Key& key, const std::string& logical, const std::string& key_bytes,
                    const std::optional<std::string>& value);
  void apply_mode(const log::Key& key, const std::string& logical, const std::string& key_bytes,
                  const std::optional<std::string>& value);
  void apply_delete_subject(const std::string& value);
  void apply_clear_subject(const log::Key& key, const std::optional<std::string>& value);
  void apply_context(const log::Key& key, const std::string& logical, const std::string& key_bytes,
                     const std::optional<std::string>& value);

  // A CONFIG, MODE or CONTEXT entry: stored (with its key's byte forms), or deleted.
  void set_or_delete(const std::string& stored, const std::string& logical, const std::string& key_bytes,
                     const std::optional<std::string>& value);
  bool bind_version(const log::SchemaValue& value, int64_t ts, const std::string& identity, const std::string& guid,
                    bool& existed);
  void remove_version(const std::string& subject, VersionNumber version);
  // The key byte strings of a logical key, kept once one differs from the canonical encoding
  // (the logical key itself); `existed`: whether a record with the canonical one came first.
  void remember_variant(const std::string& logical, const std::string& key_bytes, bool existed);
  void forget(const std::string& logical);
  // The identity of a schema of `subject`, its references resolved from the state.
  std::string stored_identity(const Schema& schema, std::string_view subject);

  std::optional<keys::VersionEntry> version_entry(std::string_view subject, VersionNumber version);
  std::optional<keys::SchemaEntry> schema_entry(std::string_view context, SchemaId id);

  PendingWrites& writes_;
  Counters& counters_;
  std::set<std::string> touched_;
  bool touched_all_ = false;
};

}  // namespace accord::store::detail
