#include "pending_writes.hpp"

#include <rocksdb/db.h>
#include <rocksdb/write_batch.h>

#include "written_keys.hpp"

namespace accord::store::detail {

namespace {
rocksdb::Slice slice(std::string_view text) { return {text.data(), text.size()}; }
}  // namespace

PendingWrites::PendingWrites(rocksdb::DB& db, rocksdb::ColumnFamilyHandle& schemas, WrittenKeys* written)
    : db_(db), schemas_(schemas), written_(written) {}

rocksdb::ColumnFamilyHandle& PendingWrites::handle(Family family) const {
  return family == Family::Schemas ? schemas_ : *db_.DefaultColumnFamily();
}

void PendingWrites::put(std::string_view key, std::string value, Family family) {
  if (written_) written_->add(key, static_cast<int>(family));
  auto& map = changes(family);
  if (auto it = map.find(key); it != map.end()) it->second = std::move(value);
  else map.emplace(std::string(key), std::move(value));
}

void PendingWrites::erase(std::string_view key, Family family) {
  auto& map = changes(family);
  if (auto it = map.find(key); it != map.end()) it->second.reset();
  else map.emplace(std::string(key), std::nullopt);
}

std::optional<std::string> PendingWrites::get(const std::string& key, Family family) const {
  const auto& map = changes(family);
  if (auto it = map.find(key); it != map.end()) return it->second;
  if (written_ && !written_->may_contain(key, static_cast<int>(family))) return std::nullopt;
  std::string value;
  if (db_.Get(rocksdb::ReadOptions(), &handle(family), key, &value).ok()) return value;
  return std::nullopt;
}

PendingWrites::Cursor PendingWrites::scan(std::string_view prefix) const {
  std::unique_ptr<rocksdb::Iterator> stored(db_.NewIterator(rocksdb::ReadOptions()));
  stored->Seek(slice(prefix));
  const auto& map = changes(Family::Default);
  return Cursor(std::move(stored), map.lower_bound(prefix), map.end());
}

PendingWrites::Cursor::Cursor(std::unique_ptr<rocksdb::Iterator> stored, Changes::const_iterator mine,
                              Changes::const_iterator end)
    : stored_(std::move(stored)), mine_(mine), end_(end) {
  settle();
}

PendingWrites::Cursor::Cursor(Cursor&&) noexcept = default;
PendingWrites::Cursor::~Cursor() = default;

void PendingWrites::Cursor::settle() {
  for (;;) {
    if (mine_ == end_) {
      on_mine_ = false;
      return;
    }
    if (stored_->Valid()) {
      const int order = stored_->key().compare(slice(mine_->first));
      if (order < 0) {
        on_mine_ = false;
        return;
      }
      if (order == 0) stored_->Next();  // the pending change replaces the stored key
    }
    if (mine_->second) {
      on_mine_ = true;
      return;
    }
    ++mine_;  // a pending deletion
  }
}

bool PendingWrites::Cursor::valid() const { return on_mine_ || stored_->Valid(); }

std::string_view PendingWrites::Cursor::key() const {
  return on_mine_ ? std::string_view(mine_->first) : stored_->key().ToStringView();
}

std::string_view PendingWrites::Cursor::value() const {
  return on_mine_ ? std::string_view(*mine_->second) : stored_->value().ToStringView();
}

void PendingWrites::Cursor::next() {
  if (on_mine_) ++mine_;
  else stored_->Next();
  settle();
}

rocksdb::WriteBatch PendingWrites::batch() const {
  rocksdb::WriteBatch batch;
  for (auto family : {Family::Default, Family::Schemas}) {
    auto& target = handle(family);
    for (const auto& [key, value] : changes(family)) {
      if (value) batch.Put(&target, key, *value);
      else batch.Delete(&target, key);
    }
  }
  return batch;
}

}  // namespace accord::store::detail
