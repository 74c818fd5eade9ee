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
  void put(const std::string& key, Offset state, const Response& response);
  std::size_t bytes() const;

 private:
  struct Entry {
    Offset state{-1};
    Response response;
  };
  struct Shard {
    mutable std::mutex mutex;
    LruCache<Entry> entries{0};
  };
  static constexpr std::size_t kShards = 8;
  Shard& shard_for(const std::string& key);

  std::array<Shard, kShards> shards_;
};

}  // namespace accord::api
