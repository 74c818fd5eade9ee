#include "accord/store/materializer.hpp"

#include <rocksdb/db.h>
#include <rocksdb/write_batch.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <exception>
#include <set>
#include <thread>

#include "accord/formats/guid.hpp"
#include "accord/formats/identity.hpp"
#include "accord/model/errors.hpp"
#include "store_keys.hpp"

namespace accord::store {
namespace detail {

// What applying a record needs that depends on the record alone. Decoding (JSON parsing,
// hashing) is most of a replay's work: it runs before the store's lock is taken, and for
// large batches on two threads.
struct DecodedRecord {
  std::optional<log::Key> key;  // empty: no key, or an unreadable one (key_error)
  std::string key_error;
  std::string logical;
  std::optional<keys::DecodedSchema> schema;  // a SCHEMA value that decoded
  std::string value_error;                    // a SCHEMA value that did not
};

DecodedRecord decode_record(const std::optional<std::string>& key_bytes, const std::optional<std::string>& value) {
  DecodedRecord out;
  if (!key_bytes) return out;
  try {
    auto key = log::decode_key(*key_bytes);
    if (!key) {
      out.key_error = key.error().message;
      return out;
    }
    out.logical = log::logical_key(*key);
    if (key->type == log::KeyType::Schema && !log::is_tombstone(value)) {
      auto decoded = log::decode_schema_value(*value);
      if (decoded) {
        decoded->subject = key->subject.value_or("");  // the key is authoritative
        decoded->version = key->version.value_or(0);
        // A schema with references is identified once its references resolve: in apply.
        std::string identity;
        if (decoded->schema.references.empty()) identity = formats::stored_schema_identity(decoded->schema, {});
        std::string guid = formats::schema_guid(decoded->schema);
        out.schema = keys::DecodedSchema{std::move(*decoded), std::move(identity), std::move(guid)};
      } else {
        out.value_error = decoded.error().message;
      }
    }
    out.key = std::move(*key);
  } catch (const std::exception& e) {  // may run on a helper thread: nothing escapes
    out = DecodedRecord{};
    out.key_error = e.what();
  }
  return out;
}

std::vector<DecodedRecord> decode_records(std::span<const log::StoredRecord> records) {
  std::vector<DecodedRecord> out(records.size());
  auto decode = [&](std::size_t begin, std::size_t end) {
    for (std::size_t i = begin; i < end; ++i) out[i] = decode_record(records[i].record.key, records[i].record.value);
  };
  // A second thread pays off only for replay-sized batches, not for a registration.
  constexpr std::size_t kParallelFrom = 256;
  if (records.size() < kParallelFrom || std::thread::hardware_concurrency() < 2) {
    decode(0, records.size());
    return out;
  }
  const std::size_t half = records.size() / 2;
  std::thread helper(decode, 0, half);
  decode(half, records.size());
  helper.join();
  return out;
}

// Applies records to a StateStore whose mutex the caller holds exclusively. With a batch,
// every change is also persisted; without one (load) only the indexes are rebuilt.
class Applier {
 public:
  Applier(StateStore& store, rocksdb::WriteBatch* batch) : s_(store), batch_(batch) {}

  // One log record, decoded by decode_record.
  void apply(const log::StoredRecord& stored, DecodedRecord& decoded);
  // One persisted entry stored under `logical`.
  void reindex(const keys::PersistedRecord& record, const std::string& logical);

 private:
  using VersionMap = std::map<VersionNumber, StateStore::VersionEntry>;

  void apply_schema(const log::Key& key, const std::string& logical, const std::optional<std::string>& value,
                    std::vector<std::string> variants, int64_t ts, DecodedRecord& decoded);
  void apply_config(const log::Key& key, const std::string& logical, const std::optional<std::string>& value,
                    std::vector<std::string> variants, int64_t ts);
  void apply_mode(const log::Key& key, const std::string& logical, const std::optional<std::string>& value,
                  std::vector<std::string> variants, int64_t ts);
  void apply_delete_subject(const std::string& value);
  void apply_clear_subject(const log::Key& key, const std::optional<std::string>& value);
  void apply_context(const log::Key& key, const std::string& logical, const std::optional<std::string>& value,
                     std::vector<std::string> variants, int64_t ts);

  bool index_schema(const log::SchemaValue& value, int64_t ts, const std::string& identity, const std::string& guid);
  void remove_version(const std::string& subject, VersionNumber version);
  void forget(const std::string& logical);
  void persist(const std::string& logical, std::vector<std::string> variants, int64_t ts, const std::string& value,
               std::optional<keys::DecodedSchema> schema = std::nullopt);
  std::vector<std::string> variants_with(const std::string& logical, const std::string& key_bytes) const;

  StateStore& s_;
  rocksdb::WriteBatch* batch_;
};

std::vector<std::string> Applier::variants_with(const std::string& logical, const std::string& key_bytes) const {
  std::vector<std::string> variants;
  if (auto it = s_.key_variants_.find(logical); it != s_.key_variants_.end()) variants = it->second;
  if (std::find(variants.begin(), variants.end(), key_bytes) == variants.end()) variants.push_back(key_bytes);
  return variants;
}

void Applier::persist(const std::string& logical, std::vector<std::string> variants, int64_t ts,
                      const std::string& value, std::optional<keys::DecodedSchema> schema) {
  if (batch_) {
    keys::PersistedRecord record{variants, ts, value, std::move(schema)};
    batch_->Put(std::string(keys::kRecordPrefix) + logical, keys::encode_persisted(record));
  }
  s_.key_variants_[logical] = std::move(variants);
}

void Applier::forget(const std::string& logical) {
  if (batch_) batch_->Delete(std::string(keys::kRecordPrefix) + logical);
  s_.key_variants_.erase(logical);
}

void Applier::apply(const log::StoredRecord& stored, DecodedRecord& decoded) {
  if (!decoded.key) {
    if (!decoded.key_error.empty()) spdlog::warn("skipping a record with an unreadable key: {}", decoded.key_error);
    return;
  }
  const auto& key = decoded.key;
  const auto& logical = decoded.logical;
  const auto& key_bytes = *stored.record.key;
  const auto& value = stored.record.value;
  const int64_t ts = stored.timestamp_ms;
  switch (key->type) {
    case log::KeyType::Schema:
      return apply_schema(*key, logical, value, variants_with(logical, key_bytes), ts, decoded);
    case log::KeyType::Config:
      return apply_config(*key, logical, value, variants_with(logical, key_bytes), ts);
    case log::KeyType::Mode:
      return apply_mode(*key, logical, value, variants_with(logical, key_bytes), ts);
    case log::KeyType::DeleteSubject:
      if (!log::is_tombstone(value)) apply_delete_subject(*value);
      return;
    case log::KeyType::ClearSubject:
      return apply_clear_subject(*key, value);
    case log::KeyType::Context:
      return apply_context(*key, logical, value, variants_with(logical, key_bytes), ts);
    case log::KeyType::Noop:
      return;
    case log::KeyType::Unknown: {
      static std::set<std::string> warned;
      if (warned.insert(key->keytype).second)
        spdlog::warn("skipping records of unknown keytype '{}' (warned once)", key->keytype);
      return;
    }
  }
}

void Applier::reindex(const keys::PersistedRecord& record, const std::string& logical) {
  if (record.schema) {
    // An entry written before GUIDs: its GUID is computed here, from the stored record alone.
    const std::string guid =
        record.schema->guid.empty() ? formats::schema_guid(record.schema->value.schema) : record.schema->guid;
    if (index_schema(record.schema->value, record.timestamp_ms, record.schema->identity, guid))
      s_.key_variants_[logical] = record.key_variants;
    return;
  }
  // An entry of the first store format: decode it as the log record it is.
  const std::optional<std::string> value = record.value;
  auto decoded = decode_record(record.key_variants.front(), value);
  if (!decoded.key) return;
  const auto& key = decoded.key;
  switch (key->type) {
    case log::KeyType::Schema:
      return apply_schema(*key, logical, value, record.key_variants, record.timestamp_ms, decoded);
    case log::KeyType::Config: return apply_config(*key, logical, value, record.key_variants, record.timestamp_ms);
    case log::KeyType::Mode: return apply_mode(*key, logical, value, record.key_variants, record.timestamp_ms);
    case log::KeyType::Context:
      return apply_context(*key, logical, value, record.key_variants, record.timestamp_ms);
    default: return;
  }
}

void Applier::apply_schema(const log::Key& key, const std::string& logical, const std::optional<std::string>& value,
                           std::vector<std::string> variants, int64_t ts, DecodedRecord& decoded) {
  const std::string subject = key.subject.value_or("");
  const VersionNumber version = key.version.value_or(0);
  if (log::is_tombstone(value)) {
    remove_version(subject, version);
    forget(logical);
    return;
  }
  if (!decoded.schema) {
    spdlog::warn("skipping SCHEMA record {} v{}: {}", subject, version, decoded.value_error);
    return;
  }
  auto& identity = decoded.schema->identity;
  if (identity.empty()) {
    const auto& schema = decoded.schema->value.schema;
    const auto& schemas = s_.ids_in(context_of(subject)).schemas;
    auto bound = schemas.find(decoded.schema->value.id);
    identity = bound != schemas.end() && bound->second.schema == schema ? bound->second.identity
                                                                       : s_.stored_identity(schema, subject);
  }
  if (!index_schema(decoded.schema->value, ts, identity, decoded.schema->guid)) return;
  persist(logical, std::move(variants), ts, *value, std::move(decoded.schema));
}

// Binds (subject, version) to the schema's id. A record that would give a taken id to
// another schema, or a taken version to another id, is refused: the first writer wins.
bool Applier::index_schema(const log::SchemaValue& value, int64_t ts, const std::string& identity,
                           const std::string& guid) {
  auto& versions = s_.subjects_[value.subject];
  if (auto existing = versions.find(value.version); existing != versions.end() && existing->second.id != value.id) {
    spdlog::error("refusing SCHEMA record: {} v{} already has id {}, record says {}", value.subject, value.version,
                  existing->second.id, value.id);
    if (versions.empty()) s_.subjects_.erase(value.subject);
    return false;
  }
  // Ids are numbered per context: the subject's context holds this one.
  const std::string context = context_of(value.subject);
  auto& ids = s_.ids_for(context);
  auto [it, created] = ids.schemas.try_emplace(value.id);
  if (created) {
    it->second.schema = value.schema;
    it->second.identity = identity;
    ids.ids_by_identity.try_emplace(identity, value.id);
    it->second.guid = guid;
    ids.ids_by_guid[guid].insert(value.id);
    for (const auto& ref : value.schema.references)
      s_.referenced_by_[{qualify_with_parent(value.subject, ref.subject), ref.version}].insert({context, value.id});
  } else if (it->second.identity != identity) {
    spdlog::error("refusing SCHEMA record: id {} is already bound to another schema ({} v{})", value.id,
                  value.subject, value.version);
    if (versions.empty()) s_.subjects_.erase(value.subject);
    return false;
  }
  it->second.users.insert({value.subject, value.version});
  auto& entry = versions[value.version];
  entry.id = value.id;
  entry.deleted = value.deleted;
  entry.timestamp_ms = ts;
  ids.max_id = std::max(ids.max_id, value.id);
  return true;
}

void Applier::remove_version(const std::string& subject, VersionNumber version) {
  auto subject_it = s_.subjects_.find(subject);
  if (subject_it == s_.subjects_.end()) return;
  auto version_it = subject_it->second.find(version);
  if (version_it == subject_it->second.end()) return;
  const SchemaId id = version_it->second.id;
  subject_it->second.erase(version_it);
  if (subject_it->second.empty()) s_.subjects_.erase(subject_it);
  const std::string context = context_of(subject);
  auto& ids = s_.ids_for(context);
  auto schema_it = ids.schemas.find(id);
  if (schema_it == ids.schemas.end()) return;
  schema_it->second.users.erase({subject, version});
  if (!schema_it->second.users.empty()) return;
  // The last version carrying this id is gone: the id no longer resolves (Confluent alike).
  if (auto ident = ids.ids_by_identity.find(schema_it->second.identity);
      ident != ids.ids_by_identity.end() && ident->second == id)
    ids.ids_by_identity.erase(ident);
  if (auto by_guid = ids.ids_by_guid.find(schema_it->second.guid); by_guid != ids.ids_by_guid.end()) {
    by_guid->second.erase(id);
    if (by_guid->second.empty()) ids.ids_by_guid.erase(by_guid);
  }
  for (const auto& ref : schema_it->second.schema.references) {
    auto rb = s_.referenced_by_.find({qualify_with_parent(subject, ref.subject), ref.version});
    if (rb == s_.referenced_by_.end()) continue;
    rb->second.erase({context, id});
    if (rb->second.empty()) s_.referenced_by_.erase(rb);
  }
  ids.schemas.erase(schema_it);
}

void Applier::apply_config(const log::Key& key, const std::string& logical, const std::optional<std::string>& value,
                           std::vector<std::string> variants, int64_t ts) {
  if (log::is_tombstone(value)) {
    if (key.subject) s_.configs_.erase(*key.subject);
    else s_.global_config_.reset();
    forget(logical);
    return;
  }
  auto decoded = log::decode_config_value(*value);
  if (!decoded) {
    spdlog::warn("skipping CONFIG record: {}", decoded.error().message);
    return;
  }
  decoded->subject = key.subject;
  if (key.subject) s_.configs_[*key.subject] = *decoded;
  else s_.global_config_ = *decoded;
  persist(logical, std::move(variants), ts, *value);
}

void Applier::apply_mode(const log::Key& key, const std::string& logical, const std::optional<std::string>& value,
                         std::vector<std::string> variants, int64_t ts) {
  if (log::is_tombstone(value)) {
    if (key.subject) s_.modes_.erase(*key.subject);
    else s_.global_mode_.reset();
    forget(logical);
    return;
  }
  auto decoded = log::decode_mode_value(*value);
  if (!decoded) {
    spdlog::warn("skipping MODE record: {}", decoded.error().message);
    return;
  }
  if (key.subject) s_.modes_[*key.subject] = decoded->mode;
  else s_.global_mode_ = decoded->mode;
  persist(logical, std::move(variants), ts, *value);
}

// Soft-deletes versions 1..version: their stored SCHEMA values are rewritten with
// deleted=true, so the store holds what a compacted topic would replay to.
void Applier::apply_delete_subject(const std::string& value) {
  auto decoded = log::decode_delete_subject_value(value);
  if (!decoded) {
    spdlog::warn("skipping DELETE_SUBJECT record: {}", decoded.error().message);
    return;
  }
  auto subject_it = s_.subjects_.find(decoded->subject);
  if (subject_it == s_.subjects_.end()) return;
  const auto& schemas = s_.ids_in(context_of(decoded->subject)).schemas;
  for (auto& [version, entry] : subject_it->second) {
    if (version > decoded->version || entry.deleted) continue;
    entry.deleted = true;
    log::SchemaValue rewritten{decoded->subject, version, entry.id, schemas.at(entry.id).schema, true};
    const auto logical = log::logical_key(log::schema_key(decoded->subject, version));
    auto variants = s_.key_variants_[logical];
    if (variants.empty()) variants.push_back(log::encode_key(log::schema_key(decoded->subject, version)));
    const auto& stored = schemas.at(entry.id);
    persist(logical, std::move(variants), entry.timestamp_ms, log::encode_schema_value(rewritten),
            keys::DecodedSchema{std::move(rewritten), stored.identity, stored.guid});
  }
}

void Applier::apply_clear_subject(const log::Key& key, const std::optional<std::string>& value) {
  std::optional<std::string> subject = key.subject;
  if (!log::is_tombstone(value))
    if (auto decoded = log::decode_clear_subject_value(*value); decoded && decoded->subject) subject = decoded->subject;
  std::vector<std::pair<std::string, VersionNumber>> doomed;
  for (const auto& [name, versions] : s_.subjects_) {
    if (subject && !subject_in_scope(name, *subject)) continue;
    for (const auto& [version, entry] : versions)
      if (entry.deleted) doomed.emplace_back(name, version);
  }
  for (const auto& [name, version] : doomed) {
    remove_version(name, version);
    forget(log::logical_key(log::schema_key(name, version)));
  }
}

// A CONTEXT record names a non-default context (`/contexts`); its tombstone removes it.
void Applier::apply_context(const log::Key& key, const std::string& logical, const std::optional<std::string>& value,
                            std::vector<std::string> variants, int64_t ts) {
  const std::string context = key.context.value_or("");
  if (context.empty() || context == kDefaultContext) return;
  if (key.tenant && *key.tenant != log::kDefaultTenant) {
    spdlog::warn("skipping CONTEXT record of tenant '{}': only the default tenant is served", *key.tenant);
    return;
  }
  if (log::is_tombstone(value)) {
    s_.context_records_.erase(context);
    forget(logical);
    return;
  }
  s_.context_records_.insert(context);
  persist(logical, std::move(variants), ts, *value);
}

}  // namespace detail

using detail::Applier;

Status Materializer::apply(std::span<const log::StoredRecord> records) {
  // Records already applied (a writer's own, applied at append) are not decoded again.
  {
    std::shared_lock lock(store_.mutex_);
    if (store_.write_failure_) return errors::store_error(*store_.write_failure_);
    while (!records.empty() && records.front().offset <= store_.applied_offset_) records = records.subspan(1);
  }
  if (records.empty()) return Ok{};
  auto decoded = detail::decode_records(records);
  {
    std::unique_lock lock(store_.mutex_);
    rocksdb::WriteBatch batch;
    Applier applier(store_, &batch);
    std::set<std::string> touched;  // subjects whose catalog entry may have changed
    bool touched_all = false;
    for (std::size_t i = 0; i < records.size(); ++i) {
      const auto& stored = records[i];
      if (stored.offset <= store_.applied_offset_) continue;
      if (const auto& key = decoded[i].key) {
        if (key->subject) touched.insert(*key->subject);
        else if (key->type == log::KeyType::ClearSubject) touched_all = true;
      }
      applier.apply(stored, decoded[i]);
      store_.applied_offset_ = stored.offset;
    }
    // The catalog index changes with the state it describes, under the same lock. A replay's
    // batches would describe a subject once per batch: they leave it to the next search.
    if (touched_all)
      for (const auto& [subject, versions] : store_.subjects_) touched.insert(subject);
    constexpr std::size_t kDeferCatalogFrom = 256;
    if (records.size() >= kDeferCatalogFrom)
      store_.catalog_stale_.merge(touched);
    else
      for (const auto& subject : touched) store_.refresh_catalog(subject);
    batch.Put(keys::kAppliedOffset, std::to_string(store_.applied_offset_));
    // One high-water mark per context: "x" for the default one (as before contexts), "x.ctx".
    for (const auto& [context, ids] : store_.ids_)
      batch.Put(context == kDefaultContext ? std::string(keys::kMaxId) : std::string(keys::kMaxId) + context,
                std::to_string(ids.max_id));
    // No write-ahead log: the log is the source of truth. A crash loses at most the
    // unflushed memtable, whose applied offset goes with it (one batch, one memtable), so
    // the store reopens consistent and behind, and the reader applies the rest again.
    rocksdb::WriteOptions write;
    write.disableWAL = true;
    if (auto status = store_.db_->Write(write, &batch); !status.ok()) {
      // The indexes already hold this batch and disk does not: reload them from disk before
      // any reader sees them, and stop applying (a retry would skip the lost offsets).
      auto reloaded = store_.reload_locked();
      store_.write_failure_ = "the state store stopped applying the log after a failed write (" +
                              status.ToString() + "); it serves its state at offset " +
                              std::to_string(store_.applied_offset_) + ". Restart the node" +
                              (reloaded ? "" : " (reloading the store failed too: " + reloaded.error().message + ")");
      spdlog::critical("{}", *store_.write_failure_);
      return errors::store_error(*store_.write_failure_);
    }
  }
  {
    std::lock_guard lock(store_.applied_mutex_);
  }
  store_.applied_cv_.notify_all();
  return Ok{};
}

void Materializer::reindex(const keys::PersistedRecord& record, const std::string& logical) {
  Applier(store_, nullptr).reindex(record, logical);
}

}  // namespace accord::store
