#include "accord/store/state_store.hpp"

#include <rocksdb/cache.h>
#include <rocksdb/db.h>
#include <rocksdb/options.h>
#include <rocksdb/write_batch.h>
#include <spdlog/spdlog.h>

#include <algorithm>

#include "accord/model/errors.hpp"
#include "catalog_describe.hpp"
#include "decoded_record.hpp"
#include "rocksdb_options.hpp"
#include "state_update.hpp"
#include "store_keys.hpp"
#include "written_keys.hpp"

namespace accord::store {

namespace {

// What a rebuild's filter of written keys may hold: about 50 million keys (written_keys.hpp).
constexpr std::size_t kWrittenKeysBytes = 64u << 20;

// What one catalog pass keeps of the schemas it described, for the subjects that share them.
constexpr std::size_t kCatalogDescriptionBytes = 16u << 20;

struct OpenedDb {
  std::unique_ptr<rocksdb::DB> db;
  std::vector<std::unique_ptr<rocksdb::ColumnFamilyHandle>> families;  // released first
};

Result<OpenedDb> open_db(const detail::RocksDbLayout& layout, const std::string& path) {
  // Every family the directory has must be opened: a store of another layout may have more.
  auto families = layout.families;
  std::vector<std::string> existing;
  if (rocksdb::DB::ListColumnFamilies(layout.db, path, &existing).ok())
    for (const auto& name : existing)
      if (std::none_of(families.begin(), families.end(), [&](const auto& f) { return f.name == name; }))
        families.emplace_back(name, rocksdb::ColumnFamilyOptions());
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* raw = nullptr;
  const auto status = rocksdb::DB::Open(layout.db, path, families, &handles, &raw);
  if (!status.ok()) return errors::store_error("cannot open the state store at " + path + ": " + status.ToString());
  OpenedDb out;
  out.db.reset(raw);
  for (auto* handle : handles) out.families.emplace_back(handle);
  return out;
}

// Reads one consistent state across several lookups.
class Snapshot {
 public:
  explicit Snapshot(rocksdb::DB& db) : db_(db), snapshot_(db.GetSnapshot()) { options_.snapshot = snapshot_; }
  ~Snapshot() { db_.ReleaseSnapshot(snapshot_); }
  Snapshot(const Snapshot&) = delete;
  Snapshot& operator=(const Snapshot&) = delete;
  const rocksdb::ReadOptions& options() const { return options_; }

 private:
  rocksdb::DB& db_;
  const rocksdb::Snapshot* snapshot_;
  rocksdb::ReadOptions options_;
};

std::optional<std::string> read(rocksdb::DB& db, const rocksdb::ReadOptions& options, std::string_view key,
                                rocksdb::ColumnFamilyHandle* family = nullptr) {
  std::string value;
  if (!family) family = db.DefaultColumnFamily();
  if (!db.Get(options, family, rocksdb::Slice(key.data(), key.size()), &value).ok()) return std::nullopt;
  return value;
}

std::optional<keys::VersionEntry> read_version(rocksdb::DB& db, const rocksdb::ReadOptions& options,
                                               std::string_view subject, VersionNumber version) {
  return keys::read_version([&](std::string_view key) { return read(db, options, key); }, subject, version);
}

std::optional<keys::SchemaEntry> read_schema(rocksdb::DB& db, rocksdb::ColumnFamilyHandle* schemas,
                                             const rocksdb::ReadOptions& options, std::string_view context, SchemaId id) {
  return keys::read_schema([&](std::string_view key) { return read(db, options, key, schemas); }, context, id);
}

// Calls `visit(rest of key, value)` for every key starting with `prefix`, in key order.
template <class Visit>
void scan(rocksdb::DB& db, const rocksdb::ReadOptions& options, const std::string& prefix, Visit visit) {
  std::unique_ptr<rocksdb::Iterator> it(db.NewIterator(options));
  for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix); it->Next())
    visit(it->key().ToStringView().substr(prefix.size()), it->value().ToStringView());
}

}  // namespace

Result<std::unique_ptr<StateStore>> StateStore::open(const std::filesystem::path& directory,
                                                     const StoreOptions& store_options_in, const DbWrapper& wrap) {
  std::error_code ec;
  std::filesystem::create_directories(directory, ec);
  auto cache = rocksdb::NewLRUCache(store_options_in.block_cache_bytes);
  const auto layout = detail::rocksdb_layout(cache);
  auto opened = open_db(layout, directory.string());
  if (!opened) return opened.error();
  // A store of another layout is rebuilt from the log, the source of truth: the reader
  // starts from offset 0 when the store has applied nothing.
  std::string layout_version;
  const bool has_layout = opened->db->Get(rocksdb::ReadOptions(), keys::kLayoutKey, &layout_version).ok();
  std::string ignored;
  const bool has_state = opened->db->Get(rocksdb::ReadOptions(), keys::kAppliedOffset, &ignored).ok();
  if ((has_layout && layout_version != keys::kLayout) || (!has_layout && has_state)) {
    spdlog::warn("the state store at {} has another layout ({}): rebuilding it from the log", directory.string(),
                 has_layout ? layout_version : "1");
    opened->families.clear();
    opened->db.reset();
    const rocksdb::Options options(layout.db, layout.families.front().options);
    if (auto destroyed = rocksdb::DestroyDB(directory.string(), options, layout.families); !destroyed.ok())
      return errors::store_error("cannot remove the old state store at " + directory.string() + ": " +
                                 destroyed.ToString());
    opened = open_db(layout, directory.string());
    if (!opened) return opened.error();
  }
  if (!has_layout || layout_version != keys::kLayout) {
    rocksdb::WriteOptions sync;
    sync.sync = true;
    if (auto s = opened->db->Put(sync, keys::kLayoutKey, keys::kLayout); !s.ok())
      return errors::store_error("state store write failed: " + s.ToString());
  }
  std::unique_ptr<rocksdb::DB> handle = std::move(opened->db);
  if (wrap) handle = wrap(std::move(handle));
  std::unique_ptr<StateStore> store(new StateStore(std::move(handle), std::move(opened->families), std::move(cache)));
  if (auto loaded = store->load_counters(); !loaded) return loaded.error();
  if (store->applied_offset() < 0 && store->empty()) store->begin_rebuild(store_options_in.rebuild_records);
  return store;
}

StateStore::StateStore(std::unique_ptr<rocksdb::DB> db,
                       std::vector<std::unique_ptr<rocksdb::ColumnFamilyHandle>> families,
                       std::shared_ptr<rocksdb::Cache> cache)
    : block_cache_(std::move(cache)), db_(std::move(db)), families_(std::move(families)), schemas_(families_.at(1).get()) {}

StateStore::~StateStore() = default;

// A handful of keys: the start does not depend on how much the store holds.
Status StateStore::load_counters() {
  const rocksdb::ReadOptions options;
  if (auto offset = read(*db_, options, keys::kAppliedOffset)) applied_offset_ = Offset{std::stoll(*offset)};
  if (auto count = read(*db_, options, keys::kSchemaCount)) schema_count_ = std::stoull(*count);
  // The default context's high-water mark under "x", each other context's under "x" + name.
  scan(*db_, options, std::string(keys::kMaxId), [&](std::string_view context, std::string_view value) {
    if (!context.empty() && context.front() != '.') return;
    const std::string name = context.empty() ? std::string(kDefaultContext) : std::string(context);
    max_ids_[name] = SchemaId{std::stoi(std::string(value))};
  });
  spdlog::debug("state store opened: {} schemas, applied offset {}", schema_count_.load(), applied_offset_.load());
  return Ok{};
}

bool StateStore::empty() const {
  for (const auto& family : families_) {
    std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator(rocksdb::ReadOptions(), family.get()));
    for (it->SeekToFirst(); it->Valid(); it->Next())
      if (family->GetID() != db_->DefaultColumnFamily()->GetID() || it->key() != keys::kLayoutKey) return false;
  }
  return true;
}

void StateStore::begin_rebuild(std::size_t expected_records) {
  std::lock_guard lock(apply_mutex_);
  // A new schema writes five keys (its version, id, user, identity and GUID); one more for
  // the odd config, mode or key variant.
  constexpr std::size_t kKeysPerRecord = 6;
  written_ = std::make_unique<detail::WrittenKeys>(expected_records * kKeysPerRecord, kWrittenKeysBytes);
  for (const auto& family : families_) {
    steady_options_.push_back(detail::steady_options(db_->GetOptions(family.get())));
    if (auto s = db_->SetOptions(family.get(), detail::rebuild_options()); !s.ok())
      spdlog::warn("cannot set the state store's rebuild options: {}", s.ToString());
  }
  rebuilding_ = true;
  spdlog::debug("the state store is empty: rebuilding it from the log");
}

void StateStore::end_rebuild() {
  std::lock_guard lock(apply_mutex_);
  if (!rebuilding_) return;
  if (written_->given_up())
    spdlog::info("the rebuild's filter of written keys outgrew {} MiB: later lookups read the store",
                 kWrittenKeysBytes >> 20);
  written_.reset();
  for (std::size_t i = 0; i < families_.size() && i < steady_options_.size(); ++i)
    if (auto s = db_->SetOptions(families_[i].get(), steady_options_[i]); !s.ok())
      spdlog::warn("cannot restore the state store's options after the rebuild: {}", s.ToString());
  steady_options_.clear();
  rebuilding_ = false;
  spdlog::debug("the state store's rebuild is over");
}

std::optional<std::string> StateStore::get(std::string_view key) const { return read(*db_, {}, key); }

bool StateStore::compacting() const {
  uint64_t pending = 0, running = 0;
  db_->GetAggregatedIntProperty(rocksdb::DB::Properties::kCompactionPending, &pending);
  db_->GetIntProperty(rocksdb::DB::Properties::kNumRunningCompactions, &running);
  return pending != 0 || running != 0;
}

SchemaId StateStore::max_id(std::string_view context) const {
  std::shared_lock lock(max_ids_mutex_);
  auto it = max_ids_.find(context);
  return it == max_ids_.end() ? SchemaId{0} : it->second;
}

std::optional<StoredSchema> StateStore::stored_schema(SchemaId id, std::string_view context) const {
  auto entry = read_schema(*db_, schemas_, {}, context, id);
  if (!entry) return std::nullopt;
  return StoredSchema{std::move(entry->schema), std::move(entry->identity), std::move(entry->guid)};
}

std::optional<Schema> StateStore::schema_by_id(SchemaId id, std::string_view context) const {
  auto entry = read_schema(*db_, schemas_, {}, context, id);
  if (!entry) return std::nullopt;
  return std::move(entry->schema);
}

std::optional<SchemaId> StateStore::id_with_identity(std::string_view identity, std::string_view context) const {
  auto id = get(keys::identity_key(context, identity));
  if (!id) return std::nullopt;
  return SchemaId{std::stoi(*id)};
}

std::optional<std::string> StateStore::identity_of(SchemaId id, std::string_view context) const {
  auto entry = read_schema(*db_, schemas_, {}, context, id);
  if (!entry) return std::nullopt;
  return std::move(entry->identity);
}

std::optional<std::string> StateStore::guid_of(SchemaId id, std::string_view context) const {
  auto entry = read_schema(*db_, schemas_, {}, context, id);
  if (!entry) return std::nullopt;
  return std::move(entry->guid);
}

std::vector<SchemaId> StateStore::ids_with_guid(std::string_view guid, std::string_view context) const {
  std::vector<SchemaId> out;
  scan(*db_, {}, keys::guid_prefix(context, guid), [&](std::string_view rest, std::string_view) {
    if (auto id = keys::KeyReader(rest).id()) out.push_back(*id);
  });
  return out;
}

std::vector<std::string> StateStore::contexts() const {
  std::vector<std::string> out;
  scan(*db_, {}, std::string(keys::kContexts), [&](std::string_view rest, std::string_view) {
    if (auto context = keys::KeyReader(rest).text()) out.push_back(std::move(*context));
  });
  return out;
}

bool StateStore::has_context(std::string_view context) const { return get(keys::context_key(context)).has_value(); }

std::vector<std::string> StateStore::subjects() const {
  // One seek per subject: past its versions to the next subject's first.
  std::vector<std::string> out;
  const std::string prefix(keys::kVersions);
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator({}));
  for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix);) {
    auto subject = keys::KeyReader(it->key().ToStringView().substr(prefix.size())).text();
    if (!subject) break;
    auto next = keys::version_prefix(*subject);
    next.append(4, '\xff');
    out.push_back(std::move(*subject));
    it->Seek(next);
    if (it->Valid() && it->key() == next) it->Next();
  }
  return out;
}

std::vector<VersionInfo> StateStore::versions(std::string_view subject) const {
  std::vector<VersionInfo> out;
  scan(*db_, {}, keys::version_prefix(subject), [&](std::string_view rest, std::string_view value) {
    auto version = keys::KeyReader(rest).version();
    auto entry = keys::decode_version(value);
    if (version && entry)
      out.push_back({std::string(subject), *version, entry->id, entry->deleted, entry->timestamp_ms});
  });
  return out;
}

std::optional<VersionInfo> StateStore::version(std::string_view subject, VersionNumber version) const {
  auto entry = read_version(*db_, {}, subject, version);
  if (!entry) return std::nullopt;
  return VersionInfo{std::string(subject), version, entry->id, entry->deleted, entry->timestamp_ms};
}

std::optional<VersionInfo> StateStore::latest(std::string_view subject, bool include_deleted) const {
  const auto prefix = keys::version_prefix(subject);
  auto past = prefix;
  past.append(5, '\xff');
  std::unique_ptr<rocksdb::Iterator> it(db_->NewIterator({}));
  for (it->SeekForPrev(past); it->Valid() && it->key().starts_with(prefix); it->Prev()) {
    auto version = keys::KeyReader(it->key().ToStringView().substr(prefix.size())).version();
    auto entry = keys::decode_version(it->value().ToStringView());
    if (!version || !entry) continue;
    if (include_deleted || !entry->deleted)
      return VersionInfo{std::string(subject), *version, entry->id, entry->deleted, entry->timestamp_ms};
  }
  return std::nullopt;
}

std::vector<VersionInfo> StateStore::versions_with_id(SchemaId id, std::string_view context) const {
  Snapshot snapshot(*db_);
  std::vector<VersionInfo> out;
  scan(*db_, snapshot.options(), keys::user_prefix(context, id), [&](std::string_view rest, std::string_view) {
    keys::KeyReader reader(rest);
    auto subject = reader.text();
    auto version = reader.version();
    if (!subject || !version) return;
    if (auto entry = read_version(*db_, snapshot.options(), *subject, *version))
      out.push_back({std::move(*subject), *version, id, entry->deleted, entry->timestamp_ms});
  });
  return out;
}

std::vector<std::pair<std::string, SchemaId>> StateStore::referenced_by(std::string_view subject,
                                                                        VersionNumber version) const {
  std::vector<std::pair<std::string, SchemaId>> out;
  scan(*db_, {}, keys::referrer_prefix(subject, version), [&](std::string_view rest, std::string_view) {
    keys::KeyReader reader(rest);
    auto context = reader.text();
    auto id = reader.id();
    if (context && id) out.emplace_back(std::move(*context), *id);
  });
  std::sort(out.begin(), out.end(),
            [](const auto& a, const auto& b) { return std::tie(a.second, a.first) < std::tie(b.second, b.first); });
  return out;
}

std::optional<log::ConfigValue> StateStore::config(const std::optional<std::string>& subject) const {
  auto bytes = get(keys::config_key(subject));
  if (!bytes) return std::nullopt;
  auto decoded = log::decode_config_value(*bytes);
  if (!decoded) return std::nullopt;  // applied only once it decoded
  decoded->subject = subject;
  return std::move(*decoded);
}

std::optional<std::string> StateStore::alias_of(std::string_view subject) const {
  return get(keys::alias_key(subject));
}

std::optional<Mode> StateStore::mode(const std::optional<std::string>& subject) const {
  auto bytes = get(keys::mode_key(subject));
  return bytes ? parse_mode(*bytes) : std::nullopt;
}

std::vector<std::string> StateStore::key_variants(const log::Key& key) const {
  auto bytes = get(keys::variants_key(log::logical_key(key)));
  if (!bytes) return {};
  auto variants = keys::decode_variants(*bytes);
  return variants ? std::move(*variants) : std::vector<std::string>{};
}

std::optional<std::string> StateStore::write_failure() const {
  std::lock_guard lock(apply_mutex_);
  return write_failure_;
}

Status StateStore::apply(std::span<const log::StoredRecord> records, std::span<detail::DecodedRecord> decoded) {
  std::lock_guard lock(apply_mutex_);
  if (write_failure_) return errors::store_error(*write_failure_);
  detail::Counters counters;
  {
    std::shared_lock ids(max_ids_mutex_);
    counters.max_ids = max_ids_;
  }
  counters.schema_count = static_cast<int64_t>(schema_count_.load());
  Offset applied = applied_offset_.load();
  detail::PendingWrites writes(*db_, *schemas_, written_.get());
  detail::StateUpdate update(writes, counters);
  for (std::size_t i = 0; i < records.size(); ++i) {
    if (records[i].offset <= applied) continue;
    update.apply(records[i], decoded[i]);
    applied = records[i].offset;
  }
  if (applied == applied_offset_.load()) return Ok{};
  writes.put(keys::kAppliedOffset, std::to_string(applied));
  writes.put(keys::kSchemaCount, std::to_string(counters.schema_count));
  for (const auto& [context, id] : counters.max_ids) writes.put(keys::max_id_key(context), std::to_string(id));
  // No write-ahead log: the log is the source of truth. A crash loses at most the
  // unflushed memtable, whose applied offset goes with it (one batch, one memtable), so
  // the store reopens consistent and behind, and the reader applies the rest again.
  rocksdb::WriteOptions write;
  write.disableWAL = true;
  // In key order, family by family: each memtable insert starts where the last one ended
  // instead of at the top of the skiplist.
  auto batch = writes.batch();
  if (auto status = db_->Write(write, &batch); !status.ok()) {
    // Nothing of this batch reached memory: what is served is what is on disk. A retry
    // could not tell which records are missing, so the store stops applying.
    write_failure_ = "the state store stopped applying the log after a failed write (" + status.ToString() +
                     "); it serves its state at offset " + std::to_string(applied_offset_.load()) +
                     ". Restart the node";
    spdlog::critical("{}", *write_failure_);
    return errors::store_error(*write_failure_);
  }
  {
    std::unique_lock ids(max_ids_mutex_);
    max_ids_ = std::move(counters.max_ids);
  }
  schema_count_ = static_cast<std::size_t>(std::max<int64_t>(0, counters.schema_count));
  {
    // The catalog changes with the state it describes. A replay's batches would describe a
    // subject once per batch: they leave it to the next search.
    std::lock_guard catalog(catalog_mutex_);
    if (catalog_built_) {
      auto touched = update.touched();
      if (update.touched_all()) {
        catalog_built_ = false;  // described again by the next search
        catalog_.clear();
        catalog_stale_.clear();
      } else if (records.size() >= 256) {
        catalog_stale_.merge(touched);
      } else {
        for (const auto& subject : touched) refresh_catalog(subject);
      }
    }
  }
  {
    std::lock_guard applied_lock(applied_mutex_);
    applied_offset_.store(applied, std::memory_order_release);
  }
  applied_cv_.notify_all();
  return Ok{};
}

CatalogPage StateStore::search_catalog(const CatalogQuery& query) const {
  std::lock_guard lock(catalog_mutex_);
  CatalogDescriptions descriptions(kCatalogDescriptionBytes);
  if (!catalog_built_) {
    // The first search describes every subject: start-up does not pay for the catalog.
    for (const auto& subject : subjects()) refresh_catalog(subject, &descriptions);
    catalog_stale_.clear();
    catalog_built_ = true;
  }
  for (const auto& subject : catalog_stale_) refresh_catalog(subject, &descriptions);
  catalog_stale_.clear();
  return catalog_.search(query);
}

void StateStore::refresh_catalog(const std::string& subject, CatalogDescriptions* descriptions) const {
  Snapshot snapshot(*db_);
  CatalogEntry entry;
  entry.subject = subject;
  std::optional<std::pair<VersionNumber, SchemaId>> latest_live, latest_any;
  scan(*db_, snapshot.options(), keys::version_prefix(subject), [&](std::string_view rest, std::string_view value) {
    auto version = keys::KeyReader(rest).version();
    auto v = keys::decode_version(value);
    if (!version || !v) return;
    entry.updated_ms = std::max(entry.updated_ms, v->timestamp_ms);
    latest_any = {*version, v->id};
    if (v->deleted) return;
    ++entry.versions;
    latest_live = {*version, v->id};
  });
  const auto latest = latest_live ? latest_live : latest_any;
  if (!latest) {
    catalog_.remove(subject);
    return;
  }
  entry.deleted = entry.versions == 0;
  entry.version = latest->first;
  entry.id = latest->second;
  const std::string key = CatalogDescriptions::key(context_of(subject), entry.id);
  const CatalogDescription* known = descriptions ? descriptions->find(key) : nullptr;
  std::optional<CatalogDescription> described;
  if (!known) {
    auto schema = read_schema(*db_, schemas_, snapshot.options(), context_of(subject), entry.id);
    if (!schema) {
      catalog_.remove(subject);
      return;
    }
    described = describe_for_catalog(schema->schema);
    if (descriptions) descriptions->put(key, *described);
    known = &*described;
  }
  known->fill(entry);
  auto words = known->words;
  if (auto bytes = read(*db_, snapshot.options(), keys::config_key(subject)))
    if (auto config = log::decode_config_value(*bytes)) entry.compatibility = config->compatibility_level;
  catalog_.put(std::move(entry), std::move(words));
}

bool StateStore::wait_applied(Offset offset, std::chrono::steady_clock::time_point deadline) const {
  std::unique_lock lock(applied_mutex_);
  return applied_cv_.wait_until(lock, deadline, [&] { return applied_offset() >= offset; });
}

}  // namespace accord::store
