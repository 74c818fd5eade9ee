#pragma once
// Ready-to-send answers of the hot reads (a schema by id, a subject's version), bounded in
// bytes. An entry is valid for the store state it was computed from: it carries the applied
// offset read before the endpoint ran, and is served only while the store is still at that
// offset. Any applied record makes every older entry a miss, so no change can leave a stale
// body behind, and a read that raced a write stores an entry that is never served.
#include <array>
#include <cstddef>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "accord/api/request.hpp"
#include "accord/model/lru_cache.hpp"
#include "accord/model/types.hpp"

namespace accord::api {

class ResponseCache {
 public:
  explicit ResponseCache(std::size_t capacity_bytes);

  // The request's cache key: method, decoded path segments and query, each length-prefixed
  // (the only inputs besides the store state of the routes that are cached).
  static std::string key_of(const Request& request);

  std::optional<Response> find(const std::string& key, Offset state);
  // Keeps the answer when its key was offered recently before (admission, below); true
  // when it was kept.
  bool offer(const std::string& key, Offset state, const Response& response);
  void put(const std::string& key, Offset state, const Response& response);
  std::size_t bytes() const;

 private:
  struct Entry {
    Offset state{-1};
    Response response;
  };
  // Admission: an answer is kept the second time its key is offered while the first offer
  // is still remembered. A key asked for once (a client walking every id: a backup, a
  // crawl, a consumer reading history) costs no copy and evicts nothing; the hot keys of
  // serializers are asked for again and kept from then on. What is remembered is a hash
  // per slot, direct-mapped: bounded memory, and a newer key simply replaces an older one.
  struct Shard {
    mutable std::mutex mutex;
    LruCache<Entry> entries{0};
    std::vector<std::size_t> offered;
  };
  static constexpr std::size_t kShards = 8;
  static std::size_t hash_of(const std::string& key);
  // What an entry holds in memory, about.
  static std::size_t cost_of(const std::string& key, const Response& response);
  Shard& shard_for(std::size_t hash);

  std::array<Shard, kShards> shards_;
};

}  // namespace accord::api
