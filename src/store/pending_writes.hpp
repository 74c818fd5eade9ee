#pragma once
// Private to store/: the changes one apply makes, held in key order until they are written as
// one RocksDB batch. Reads go through it, so a record sees the changes of the records before
// it in the same batch, as if each were written on its own.
//
// Why not RocksDB's WriteBatchWithIndex: its index compares keys by decoding each entry from
// the batch's bytes, and a put that overwrites searches its skiplist twice; a replay spent a
// fifth of its applying thread there (docs/store.md). A map of the latest change per key is
// all an apply needs, and its order is the order the memtables want the batch in.
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace rocksdb {
class ColumnFamilyHandle;
class DB;
class Iterator;
class WriteBatch;
}  // namespace rocksdb

namespace accord::store::detail {

class WrittenKeys;

class PendingWrites {
 public:
  // `schemas`: the schema entries' column family; every other key is in the default one.
  // `written`, during a rebuild from empty: every key the database holds was put through it,
  // so a key it never saw is not read from the database (written_keys.hpp).
  PendingWrites(rocksdb::DB& db, rocksdb::ColumnFamilyHandle& schemas, WrittenKeys* written = nullptr);

  enum class Family { Default, Schemas };

  void put(std::string_view key, std::string value, Family family = Family::Default);
  void erase(std::string_view key, Family family = Family::Default);
  // The key's value with the pending changes applied over the database.
  std::optional<std::string> get(const std::string& key, Family family = Family::Default) const;

  // The default family's keys from a prefix on, pending changes over the database, in key
  // order (a deleted key is skipped, a changed one has its new value).
  class Cursor {
   public:
    Cursor(Cursor&&) noexcept;
    ~Cursor();
    bool valid() const;
    std::string_view key() const;
    std::string_view value() const;
    void next();

   private:
    friend class PendingWrites;
    using Changes = std::map<std::string, std::optional<std::string>, std::less<>>;
    Cursor(std::unique_ptr<rocksdb::Iterator> stored, Changes::const_iterator mine, Changes::const_iterator end);
    // Moves to the first key at or after the current positions that is not deleted.
    void settle();

    std::unique_ptr<rocksdb::Iterator> stored_;
    Changes::const_iterator mine_, end_;
    bool on_mine_ = false;
  };
  Cursor scan(std::string_view prefix) const;

  bool empty() const { return changes_[0].empty() && changes_[1].empty(); }
  // Every change, family by family, each in key order.
  rocksdb::WriteBatch batch() const;

 private:
  using Changes = Cursor::Changes;
  Changes& changes(Family family) { return changes_[static_cast<int>(family)]; }
  const Changes& changes(Family family) const { return changes_[static_cast<int>(family)]; }
  rocksdb::ColumnFamilyHandle& handle(Family family) const;

  rocksdb::DB& db_;
  rocksdb::ColumnFamilyHandle& schemas_;
  WrittenKeys* written_;
  Changes changes_[2];
};

}  // namespace accord::store::detail
