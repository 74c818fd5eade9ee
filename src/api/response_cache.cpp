#include "response_cache.hpp"

#include <functional>

namespace accord::api {

ResponseCache::ResponseCache(std::size_t capacity_bytes) {
  for (auto& shard : shards_) shard.entries = LruCache<Entry>(capacity_bytes / kShards);
}

std::string ResponseCache::key_of(const Request& request) {
  // Every part length-prefixed: decoded segments may hold any byte, separators included.
  std::string key = request.method;
  auto part = [&](std::string_view text) {
    key += std::to_string(text.size());
    key.push_back(':');
    key += text;
  };
  for (const auto& segment : request.segments) part(segment);
  key.push_back('?');
  for (const auto& [name, value] : request.query) {  // a multimap: ordered by name already
    part(name);
    part(value);
  }
  return key;
}

ResponseCache::Shard& ResponseCache::shard_for(const std::string& key) {
  return shards_[std::hash<std::string>{}(key) % kShards];
}

std::optional<Response> ResponseCache::find(const std::string& key, Offset state) {
  auto& shard = shard_for(key);
  std::lock_guard lock(shard.mutex);
  auto* entry = shard.entries.find(key);
  if (!entry) return std::nullopt;
  if (entry->state != state) {
    shard.entries.erase(key);
    return std::nullopt;
  }
  return entry->response;
}

void ResponseCache::put(const std::string& key, Offset state, const Response& response) {
  std::size_t cost = 2 * key.size() + response.body.size() + sizeof(Entry) + 64;
  for (const auto& [name, value] : response.headers) cost += name.size() + value.size() + 64;
  auto& shard = shard_for(key);
  std::lock_guard lock(shard.mutex);
  shard.entries.put(key, Entry{state, response}, cost);
}

std::size_t ResponseCache::bytes() const {
  std::size_t total = 0;
  for (const auto& shard : shards_) {
    std::lock_guard lock(shard.mutex);
    total += shard.entries.bytes();
  }
  return total;
}

}  // namespace accord::api
