#include "written_keys.hpp"

#include <algorithm>
#include <functional>

namespace accord::store::detail {
namespace {

// Ten bits per key and six probes in one cache line: about 1.5% false positives per filter.
constexpr std::size_t kBitsPerKey = 10;
constexpr int kProbes = 6;
constexpr std::size_t kFirstCapacity = 1u << 16;

}  // namespace

WrittenKeys::WrittenKeys(std::size_t expected_keys, std::size_t max_bytes) : max_bytes_(max_bytes) {
  // More keys expected than the bound holds: the filter covers the first ones, then gives up.
  const std::size_t fits = max_bytes / sizeof(Block) * 512 / kBitsPerKey;
  grow(std::min(std::max(expected_keys, kFirstCapacity), fits));
}

uint64_t WrittenKeys::hash(std::string_view key, int family) {
  uint64_t h = std::hash<std::string_view>{}(key);
  h ^= static_cast<uint64_t>(family) * 0x9E3779B97F4A7C15ull;
  // A final mix (splitmix64's), so that every bit depends on every input bit.
  h = (h ^ (h >> 30)) * 0xBF58476D1CE4E5B9ull;
  h = (h ^ (h >> 27)) * 0x94D049BB133111EBull;
  return h ^ (h >> 31);
}

// The block from the high half of `h`; six bit positions in it, 9 bits each, from a remix.
template <class Visit>
void WrittenKeys::for_each_probe(std::size_t blocks, uint64_t h, Visit visit) {
  const auto block = static_cast<std::size_t>(((h >> 32) * blocks) >> 32);
  uint64_t bits = h ^ (h * 0xFF51AFD7ED558CCDull);
  for (int i = 0; i < kProbes; ++i, bits >>= 9) {
    const auto bit = static_cast<unsigned>(bits & 511u);
    if (!visit(block, bit >> 6, uint64_t{1} << (bit & 63u))) return;
  }
}

void WrittenKeys::add(std::string_view key, int family) {
  if (given_up_) return;
  if (filters_.back().count >= filters_.back().capacity) {
    grow(filters_.back().capacity * 2);
    if (given_up_) return;
  }
  auto& filter = filters_.back();
  for_each_probe(filter.blocks.size(), hash(key, family), [&](std::size_t block, unsigned word, uint64_t mask) {
    filter.blocks[block].words[word] |= mask;
    return true;
  });
  ++filter.count;
}

bool WrittenKeys::may_contain(std::string_view key, int family) const {
  if (given_up_) return true;
  const uint64_t h = hash(key, family);
  for (const auto& filter : filters_) {
    bool all = true;
    for_each_probe(filter.blocks.size(), h, [&](std::size_t block, unsigned word, uint64_t mask) {
      return all = (filter.blocks[block].words[word] & mask) != 0;
    });
    if (all) return true;
  }
  return false;
}

std::size_t WrittenKeys::bytes() const {
  std::size_t total = 0;
  for (const auto& filter : filters_) total += filter.blocks.size() * sizeof(Block);
  return total;
}

void WrittenKeys::grow(std::size_t capacity) {
  const std::size_t blocks = (capacity * kBitsPerKey + 511) / 512;
  if (bytes() + blocks * sizeof(Block) > max_bytes_) {
    given_up_ = true;
    filters_.clear();
    filters_.shrink_to_fit();
    return;
  }
  Filter filter;
  filter.blocks.assign(blocks, Block{});
  filter.capacity = capacity;
  filters_.push_back(std::move(filter));
}

}  // namespace accord::store::detail
