#include "response_cache.hpp"

#include <functional>

namespace accord::api {

ResponseCache::ResponseCache(std::size_t capacity_bytes) : shard_capacity_(capacity_bytes / kShards) {}

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

void ResponseCache::erase(Shard& shard, std::list<Entry>::iterator entry) {
  shard.bytes -= entry->cost;
  shard.index.erase(entry->key);
  shard.recent.erase(entry);
}

std::optional<Response> ResponseCache::find(const std::string& key, Offset state) {
  auto& shard = shard_for(key);
  std::lock_guard lock(shard.mutex);
  auto it = shard.index.find(key);
  if (it == shard.index.end()) return std::nullopt;
  if (it->second->state != state) {
    erase(shard, it->second);
    return std::nullopt;
  }
  shard.recent.splice(shard.recent.begin(), shard.recent, it->second);
  return it->second->response;
}

void ResponseCache::put(const std::string& key, Offset state, const Response& response) {
  std::size_t cost = 2 * key.size() + response.body.size() + sizeof(Entry) + 64;
  for (const auto& [name, value] : response.headers) cost += name.size() + value.size() + 64;
  if (cost > shard_capacity_) return;
  auto& shard = shard_for(key);
  std::lock_guard lock(shard.mutex);
  if (auto it = shard.index.find(key); it != shard.index.end()) erase(shard, it->second);
  while (!shard.recent.empty() && shard.bytes + cost > shard_capacity_) erase(shard, std::prev(shard.recent.end()));
  shard.recent.push_front(Entry{key, state, response, cost});
  shard.index.emplace(shard.recent.front().key, shard.recent.begin());
  shard.bytes += cost;
}

std::size_t ResponseCache::bytes() const {
  std::size_t total = 0;
  for (const auto& shard : shards_) {
    std::lock_guard lock(shard.mutex);
    total += shard.bytes;
  }
  return total;
}

}  // namespace accord::api
