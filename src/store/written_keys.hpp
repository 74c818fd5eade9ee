#pragma once
// Private to store/: the keys a store rebuilt from empty has written, as a bloom filter.
//
// Why: applying a record looks up the keys it is about to write (is this version taken, is
// this id bound, has this identity an id) and in a rebuild nearly every answer is "no". At a
// million records those misses were a third of the applying thread, and RocksDB answers each
// by probing the filter of every file that could hold the key. A store that was empty when
// the rebuild began holds only what it wrote since, so a key this filter never saw is not
// there; a key it may have seen is looked up as before (docs/store.md, "Rebuilding").
//
// It is sized for the keys the caller expects; past them it grows by adding a filter twice
// the size of the last one (every filter adds its false positives, so a good guess matters),
// and it gives up (answers "maybe" for every key) past `max_bytes`. RocksDB's own filters are per file and not public, and no
// Debian package has an incremental one for C++ (Boost's arrives in 1.89; bookworm has 1.74).
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace accord::store::detail {

class WrittenKeys {
 public:
  WrittenKeys(std::size_t expected_keys, std::size_t max_bytes);

  // `family` tells the column families apart: the same bytes in two are two keys.
  void add(std::string_view key, int family);
  // False only for a key never added (while not given up).
  bool may_contain(std::string_view key, int family) const;
  // Past max_bytes: every key may be there.
  bool given_up() const { return given_up_; }
  std::size_t bytes() const;

 private:
  // 512 bits, one cache line: a key's probes all land in one block.
  struct Block {
    uint64_t words[8];
  };
  struct Filter {
    std::vector<Block> blocks;
    std::size_t capacity = 0;  // keys at about 1.5% false positives
    std::size_t count = 0;
  };
  static uint64_t hash(std::string_view key, int family);
  // Calls visit(block, word, mask) for each of the key's bits, while it returns true.
  template <class Visit>
  static void for_each_probe(std::size_t blocks, uint64_t h, Visit visit);
  void grow(std::size_t capacity);

  std::size_t max_bytes_;
  std::vector<Filter> filters_;  // the last one takes new keys
  bool given_up_ = false;
};

}  // namespace accord::store::detail
