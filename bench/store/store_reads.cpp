// accord-bench-store-reads: the cost of one uncached read of a schema by id in the state
// store alone (no HTTP), so that store settings can be compared on a noisy machine:
//
//   accord-bench-store-reads --data-dir DIR [--reads 200000] [--cache-bytes 33554432]
//
// DIR is a node's data directory whose store is caught up (the node stopped). Ids are read
// once each, in a shuffled order over 1..max id, like the scale benchmark's uncached walk.
// Prints "<ns per read> <reads> <misses>".
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <numeric>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "accord/store/state_store.hpp"

int main(int argc, char** argv) {
  std::string dir;
  long reads = 200000;
  accord::store::StoreOptions options;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    auto next = [&]() -> const char* { return i + 1 < argc ? argv[++i] : ""; };
    if (arg == "--data-dir") dir = next();
    else if (arg == "--reads") reads = std::atol(next());
    else if (arg == "--cache-bytes") options.block_cache_bytes = std::strtoull(next(), nullptr, 10);
    else return std::fprintf(stderr, "usage: accord-bench-store-reads --data-dir DIR [--reads N] [--cache-bytes B]\n"), 2;
  }
  if (dir.empty()) return std::fprintf(stderr, "--data-dir is required\n"), 2;
  auto store = accord::store::StateStore::open(std::string(dir) + "/store", options);
  if (!store.ok()) return std::fprintf(stderr, "%s\n", store.error().message.c_str()), 1;
  const int max_id = (*store)->max_id();
  std::vector<int> ids(static_cast<std::size_t>(max_id));
  std::iota(ids.begin(), ids.end(), 1);
  std::shuffle(ids.begin(), ids.end(), std::mt19937(7));
  ids.resize(std::min<std::size_t>(ids.size(), static_cast<std::size_t>(reads)));
  long misses = 0;
  const auto start = std::chrono::steady_clock::now();
  for (int id : ids)
    if (!(*store)->stored_schema(accord::SchemaId{id})) ++misses;
  const auto ns = std::chrono::duration<double, std::nano>(std::chrono::steady_clock::now() - start).count();
  std::printf("%.0f %zu %ld\n", ns / static_cast<double>(ids.size()), ids.size(), misses);
  return misses == 0 ? 0 : 1;
}
