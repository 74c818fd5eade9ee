#include "accord/store/state_store.hpp"

#include <rocksdb/db.h>
#include <rocksdb/options.h>
#include <rocksdb/write_batch.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <thread>

#include "accord/formats/identity.hpp"
#include "accord/model/errors.hpp"
#include "accord/store/materializer.hpp"
#include "catalog_describe.hpp"
#include "store_keys.hpp"

namespace accord::store {

Result<std::unique_ptr<StateStore>> StateStore::open(const std::filesystem::path& directory, const DbWrapper& wrap) {
  std::error_code ec;
  std::filesystem::create_directories(directory, ec);
  rocksdb::Options options;
  options.create_if_missing = true;
  options.compression = rocksdb::kNoCompression;
  options.max_open_files = 256;
  rocksdb::DB* raw = nullptr;
  const auto status = rocksdb::DB::Open(options, directory.string(), &raw);
  if (!status.ok())
    return errors::store_error("cannot open the state store at " + directory.string() + ": " + status.ToString());
  std::unique_ptr<rocksdb::DB> db(raw);
  if (wrap) db = wrap(std::move(db));
  std::unique_ptr<StateStore> store(new StateStore(std::move(db)));
  if (auto loaded = store->load(); !loaded) return loaded.error();
  if (auto upgraded = store->upgrade_identities(); !upgraded) return upgraded.error();
  if (auto upgraded = store->persist_guids(); !upgraded) return upgraded.error();
  return store;
}

StateStore::StateStore(std::unique_ptr<rocksdb::DB> db) : db_(std::move(db)) { ids_for(kDefaultContext); }
StateStore::~StateStore() = default;

Status StateStore::load() {
  std::string value;
  if (db_->Get(rocksdb::ReadOptions(), keys::kAppliedOffset, &value).ok()) applied_offset_ = std::stoll(value);
  // The default context's high-water mark under "x", each other context's under "x" + name.
  {
    std::unique_ptr<rocksdb::Iterator> marks(db_->NewIterator(rocksdb::ReadOptions()));
    for (marks->Seek(keys::kMaxId); marks->Valid() && marks->key().starts_with(keys::kMaxId); marks->Next()) {
      auto context = marks->key().ToStringView().substr(keys::kMaxId.size());
      if (!context.empty() && context.front() != '.') continue;
      ids_for(context.empty() ? kDefaultContext : context).max_id = std::stoi(marks->value().ToString());
    }
  }
  // Every logical key holds its effective record; re-index them as the Materializer would.
  // Sized once up front: growing these maps entry by entry rehashes them again and again.
  uint64_t estimate = 0;
  if (db_->GetIntProperty("rocksdb.estimate-num-keys", &estimate)) {
    const auto entries = static_cast<std::size_t>(std::min<uint64_t>(estimate, 50'000'000));
    key_variants_.reserve(entries);
    auto& plain = ids_for(kDefaultContext);
    plain.schemas.reserve(entries);
    plain.ids_by_identity.reserve(entries);
    plain.ids_by_guid.reserve(entries);
  }
  // One sequential pass: read ahead, and keep the blocks out of the cache reads use.
  rocksdb::ReadOptions scan;
  scan.fill_cache = false;
  scan.readahead_size = 4u << 20;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(scan));
  Materializer materializer(*this);
  for (it->Seek(keys::kRecordPrefix); it->Valid() && it->key().starts_with(keys::kRecordPrefix); it->Next()) {
    auto record = keys::decode_persisted(it->value().ToStringView());
    if (!record) {
      spdlog::warn("state store: skipping an unreadable entry: {}", record.error().message);
      continue;
    }
    materializer.reindex(*record, std::string(it->key().ToStringView().substr(keys::kRecordPrefix.size())));
  }
  // The catalog is described on the first search, not here: start-up stays as fast as before.
  for (const auto& [subject, versions] : subjects_) catalog_stale_.insert(catalog_stale_.end(), subject);
  spdlog::debug("state store loaded: {} subjects, {} schemas, applied offset {}", subjects_.size(), schema_count_locked(),
                applied_offset_);
  return Ok{};
}

Status StateStore::reload_locked() {
  applied_offset_ = -1;
  subjects_.clear();
  ids_.clear();
  context_records_.clear();
  referenced_by_.clear();
  configs_.clear();
  global_config_.reset();
  modes_.clear();
  global_mode_.reset();
  key_variants_.clear();
  catalog_.clear();
  catalog_stale_.clear();
  return load();
}

Status StateStore::upgrade_identities() {
  std::string scheme;
  if (db_->Get(rocksdb::ReadOptions(), keys::kIdentityKey, &scheme).ok() && scheme == keys::kIdentityScheme)
    return Ok{};
  rocksdb::WriteBatch batch;
  if (schema_count_locked() > 0) {
    spdlog::info("state store: computing the identity of {} schemas from their parsed form (once)",
                 schema_count_locked());
    for (auto& [context, ids_in_context] : ids_) {
      // Ascending ids, references first: a reference's target normally has the lower id.
      std::vector<SchemaId> ids;
      ids.reserve(ids_in_context.schemas.size());
      for (const auto& [id, entry] : ids_in_context.schemas) ids.push_back(id);
      std::sort(ids.begin(), ids.end());
      // Schemas without references depend on nothing else: two threads share them. Those with
      // references resolve their targets from the indexes, afterwards, in id order.
      std::vector<SchemaEntry*> plain;
      for (SchemaId id : ids)
        if (auto& entry = ids_in_context.schemas.at(id); entry.schema.references.empty()) plain.push_back(&entry);
      auto identify = [&](std::size_t begin, std::size_t end) {
        for (std::size_t i = begin; i < end; ++i)
          plain[i]->identity = formats::stored_schema_identity(plain[i]->schema, {});
      };
      std::thread helper(identify, 0, plain.size() / 2);
      identify(plain.size() / 2, plain.size());
      helper.join();
      ids_in_context.ids_by_identity.clear();
      for (SchemaId id : ids) {
        auto& entry = ids_in_context.schemas.at(id);
        if (!entry.schema.references.empty() && !entry.users.empty())
          entry.identity = stored_identity(entry.schema, entry.users.begin()->first);
        ids_in_context.ids_by_identity.try_emplace(entry.identity, id);
      }
    }
    std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions()));
    for (it->Seek(keys::kRecordPrefix); it->Valid() && it->key().starts_with(keys::kRecordPrefix); it->Next()) {
      auto record = keys::decode_persisted(it->value().ToStringView());
      if (!record || !record->schema) continue;
      const auto& schemas = ids_in(context_of(record->schema->value.subject)).schemas;
      auto entry = schemas.find(record->schema->value.id);
      if (entry == schemas.end()) continue;
      record->schema->identity = entry->second.identity;
      batch.Put(it->key(), keys::encode_persisted(*record));
    }
  }
  batch.Put(keys::kIdentityKey, keys::kIdentityScheme);
  if (auto status = db_->Write(rocksdb::WriteOptions(), &batch); !status.ok())
    return errors::store_error("state store write failed: " + status.ToString());
  return Ok{};
}

Status StateStore::persist_guids() {
  std::string marker;
  if (db_->Get(rocksdb::ReadOptions(), keys::kGuidKey, &marker).ok()) return Ok{};
  rocksdb::WriteBatch batch;
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions()));
  for (it->Seek(keys::kRecordPrefix); it->Valid() && it->key().starts_with(keys::kRecordPrefix); it->Next()) {
    auto record = keys::decode_persisted(it->value().ToStringView());
    if (!record || !record->schema || !record->schema->guid.empty()) continue;
    const auto& schemas = ids_in(context_of(record->schema->value.subject)).schemas;
    auto entry = schemas.find(record->schema->value.id);
    if (entry == schemas.end()) continue;
    record->schema->guid = entry->second.guid;  // computed by load()
    batch.Put(it->key(), keys::encode_persisted(*record));
  }
  batch.Put(keys::kGuidKey, "1");
  if (auto status = db_->Write(rocksdb::WriteOptions(), &batch); !status.ok())
    return errors::store_error("state store write failed: " + status.ToString());
  return Ok{};
}

std::string StateStore::stored_identity(const Schema& schema, std::string_view referrer) const {
  if (schema.references.empty()) return formats::stored_schema_identity(schema, {});
  auto lookup = [&](const SchemaReference& ref) -> std::optional<formats::ReferenceTarget> {
    auto subject = subjects_.find(ref.subject);
    if (subject == subjects_.end() || subject->second.empty()) return std::nullopt;
    auto version = subject->second.end();
    if (ref.version == -1) {
      for (auto v = subject->second.begin(); v != subject->second.end(); ++v)
        if (!v->second.deleted) version = v;
    } else {
      version = subject->second.find(ref.version);
    }
    if (version == subject->second.end()) return std::nullopt;
    const auto& schemas = ids_in(context_of(subject->first)).schemas;
    auto target = schemas.find(version->second.id);
    if (target == schemas.end()) return std::nullopt;
    // The target's own references live in the target's context.
    auto nested = target->second.schema.references;
    for (auto& n : nested) n.subject = qualify_with_parent(subject->first, n.subject);
    return formats::ReferenceTarget{subject->first, version->first, target->second.schema.text, std::move(nested)};
  };
  auto references = formats::resolve_references(qualified_references(schema.references, referrer), lookup, SIZE_MAX);
  // A reference this store cannot resolve: the schema can still match itself byte for byte.
  if (!references) return formats::identity_digest(schema.text, schema);
  return formats::stored_schema_identity(schema, *references);
}

Offset StateStore::applied_offset() const {
  std::shared_lock lock(mutex_);
  return applied_offset_;
}

const StateStore::ContextIds& StateStore::ids_in(std::string_view context) const {
  static const ContextIds kNone;
  auto it = ids_.find(context);
  return it == ids_.end() ? kNone : it->second;
}

StateStore::ContextIds& StateStore::ids_for(std::string_view context) {
  auto it = ids_.find(context);
  if (it == ids_.end()) it = ids_.emplace(std::string(context), ContextIds{}).first;
  return it->second;
}

std::size_t StateStore::schema_count_locked() const {
  std::size_t count = 0;
  for (const auto& [context, ids] : ids_) count += ids.schemas.size();
  return count;
}

SchemaId StateStore::max_id(std::string_view context) const {
  std::shared_lock lock(mutex_);
  return ids_in(context).max_id;
}

std::optional<Schema> StateStore::schema_by_id(SchemaId id, std::string_view context) const {
  std::shared_lock lock(mutex_);
  const auto& schemas = ids_in(context).schemas;
  auto it = schemas.find(id);
  if (it == schemas.end()) return std::nullopt;
  return it->second.schema;
}

std::optional<SchemaId> StateStore::id_with_identity(std::string_view identity, std::string_view context) const {
  std::shared_lock lock(mutex_);
  const auto& index = ids_in(context).ids_by_identity;
  auto it = index.find(std::string(identity));
  if (it == index.end()) return std::nullopt;
  return it->second;
}

std::optional<std::string> StateStore::identity_of(SchemaId id, std::string_view context) const {
  std::shared_lock lock(mutex_);
  const auto& schemas = ids_in(context).schemas;
  auto it = schemas.find(id);
  if (it == schemas.end()) return std::nullopt;
  return it->second.identity;
}

std::optional<std::string> StateStore::guid_of(SchemaId id, std::string_view context) const {
  std::shared_lock lock(mutex_);
  const auto& schemas = ids_in(context).schemas;
  auto it = schemas.find(id);
  if (it == schemas.end()) return std::nullopt;
  return it->second.guid;
}

std::vector<SchemaId> StateStore::ids_with_guid(std::string_view guid, std::string_view context) const {
  std::shared_lock lock(mutex_);
  const auto& index = ids_in(context).ids_by_guid;
  auto it = index.find(std::string(guid));
  if (it == index.end()) return {};
  return {it->second.begin(), it->second.end()};
}

std::vector<std::string> StateStore::contexts() const {
  std::shared_lock lock(mutex_);
  return {context_records_.begin(), context_records_.end()};
}

bool StateStore::has_context(std::string_view context) const {
  std::shared_lock lock(mutex_);
  return context_records_.find(context) != context_records_.end();
}

std::vector<std::string> StateStore::subjects() const {
  std::shared_lock lock(mutex_);
  std::vector<std::string> out;
  out.reserve(subjects_.size());
  for (const auto& [name, versions] : subjects_)
    if (!versions.empty()) out.push_back(name);
  return out;
}

std::vector<VersionInfo> StateStore::versions(std::string_view subject) const {
  std::shared_lock lock(mutex_);
  std::vector<VersionInfo> out;
  auto it = subjects_.find(subject);
  if (it == subjects_.end()) return out;
  for (const auto& [v, e] : it->second) out.push_back({it->first, v, e.id, e.deleted, e.timestamp_ms});
  return out;
}

std::optional<VersionInfo> StateStore::version(std::string_view subject, VersionNumber version) const {
  std::shared_lock lock(mutex_);
  auto it = subjects_.find(subject);
  if (it == subjects_.end()) return std::nullopt;
  auto v = it->second.find(version);
  if (v == it->second.end()) return std::nullopt;
  return VersionInfo{it->first, version, v->second.id, v->second.deleted, v->second.timestamp_ms};
}

std::optional<VersionInfo> StateStore::latest(std::string_view subject, bool include_deleted) const {
  std::shared_lock lock(mutex_);
  auto it = subjects_.find(subject);
  if (it == subjects_.end()) return std::nullopt;
  for (auto v = it->second.rbegin(); v != it->second.rend(); ++v)
    if (include_deleted || !v->second.deleted)
      return VersionInfo{it->first, v->first, v->second.id, v->second.deleted, v->second.timestamp_ms};
  return std::nullopt;
}

std::vector<VersionInfo> StateStore::versions_with_id(SchemaId id, std::string_view context) const {
  std::shared_lock lock(mutex_);
  std::vector<VersionInfo> out;
  const auto& schemas = ids_in(context).schemas;
  auto it = schemas.find(id);
  if (it == schemas.end()) return out;
  for (const auto& [subject, version] : it->second.users) {
    const auto& entry = subjects_.find(subject)->second.at(version);
    out.push_back({subject, version, id, entry.deleted, entry.timestamp_ms});
  }
  return out;
}

std::vector<std::pair<std::string, SchemaId>> StateStore::referenced_by(std::string_view subject,
                                                                        VersionNumber version) const {
  std::shared_lock lock(mutex_);
  auto it = referenced_by_.find({std::string(subject), version});
  if (it == referenced_by_.end()) return {};
  std::vector<std::pair<std::string, SchemaId>> out(it->second.begin(), it->second.end());
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return std::tie(a.second, a.first) < std::tie(b.second, b.first); });
  return out;
}

std::optional<log::ConfigValue> StateStore::config(const std::optional<std::string>& subject) const {
  std::shared_lock lock(mutex_);
  if (!subject) return global_config_;
  auto it = configs_.find(*subject);
  if (it == configs_.end()) return std::nullopt;
  return it->second;
}

std::optional<Mode> StateStore::mode(const std::optional<std::string>& subject) const {
  std::shared_lock lock(mutex_);
  if (!subject) return global_mode_;
  auto it = modes_.find(*subject);
  if (it == modes_.end()) return std::nullopt;
  return it->second;
}

std::vector<std::string> StateStore::key_variants(const log::Key& key) const {
  std::shared_lock lock(mutex_);
  auto it = key_variants_.find(log::logical_key(key));
  if (it == key_variants_.end()) return {};
  return it->second;
}

std::size_t StateStore::schema_count() const {
  std::shared_lock lock(mutex_);
  return schema_count_locked();
}

CatalogPage StateStore::search_catalog(const CatalogQuery& query) const {
  {
    std::shared_lock lock(mutex_);
    if (catalog_stale_.empty()) return catalog_.search(query);
  }
  // After a replay: bring the entries up to date once, then search what a read would see.
  std::unique_lock lock(mutex_);
  for (const auto& subject : catalog_stale_) refresh_catalog(subject);
  catalog_stale_.clear();
  return catalog_.search(query);
}

void StateStore::refresh_catalog(const std::string& subject) const {
  auto it = subjects_.find(subject);
  if (it == subjects_.end() || it->second.empty()) {
    catalog_.remove(subject);
    return;
  }
  CatalogEntry entry;
  entry.subject = subject;
  auto latest = it->second.rbegin();
  for (auto v = it->second.begin(); v != it->second.end(); ++v) {
    entry.updated_ms = std::max(entry.updated_ms, v->second.timestamp_ms);
    if (v->second.deleted) continue;
    ++entry.versions;
    latest = std::make_reverse_iterator(std::next(v));
  }
  entry.deleted = entry.versions == 0;
  entry.version = latest->first;
  entry.id = latest->second.id;
  const auto& schemas = ids_in(context_of(subject)).schemas;
  auto schema = schemas.find(entry.id);
  if (schema == schemas.end()) {
    catalog_.remove(subject);
    return;
  }
  auto words = describe_for_catalog(schema->second.schema, entry);
  if (auto config = configs_.find(subject); config != configs_.end())
    entry.compatibility = config->second.compatibility_level;
  catalog_.put(std::move(entry), std::move(words));
}

bool StateStore::wait_applied(Offset offset, std::chrono::steady_clock::time_point deadline) const {
  std::unique_lock lock(applied_mutex_);
  return applied_cv_.wait_until(lock, deadline, [&] { return applied_offset() >= offset; });
}

}  // namespace accord::store
