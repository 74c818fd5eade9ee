#include "response_cache.hpp"

#include <algorithm>
#include <functional>

namespace accord::api {

namespace {
// About as many keys remembered as the cache holds answers (a schema's answer is a few
// hundred bytes): a key asked for again before that many other misses is kept.
constexpr std::size_t kBytesPerRememberedKey = 512;
}  // namespace

ResponseCache::ResponseCache(std::size_t capacity_bytes) {
  const std::size_t slots = std::max<std::size_t>(64, capacity_bytes / kShards / kBytesPerRememberedKey);
  for (auto& shard : shards_) {
    shard.entries = LruCache<Entry>(capacity_bytes / kShards);
    shard.offered.assign(slots, 0);
  }
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

std::size_t ResponseCache::hash_of(const std::string& key) {
  // Never 0: that marks an empty slot.
  return std::max<std::size_t>(1, std::hash<std::string>{}(key));
}

ResponseCache::Shard& ResponseCache::shard_for(std::size_t hash) { return shards_[hash % kShards]; }

std::optional<Response> ResponseCache::find(const std::string& key, Offset state) {
  auto& shard = shard_for(hash_of(key));
  std::lock_guard lock(shard.mutex);
  auto* entry = shard.entries.find(key);
  if (!entry) return std::nullopt;
  if (entry->state != state) {
    shard.entries.erase(key);
    return std::nullopt;
  }
  return entry->response;
}

std::size_t ResponseCache::cost_of(const std::string& key, const Response& response) {
  std::size_t cost = 2 * key.size() + response.body.size() + sizeof(Entry) + 64;
  for (const auto& [name, value] : response.headers) cost += name.size() + value.size() + 64;
  return cost;
}

bool ResponseCache::offer(const std::string& key, Offset state, const Response& response) {
  const auto hash = hash_of(key);
  auto& shard = shard_for(hash);
  std::lock_guard lock(shard.mutex);
  // The shard took the hash's low bits; the slot takes the next ones.
  auto& slot = shard.offered[(hash / kShards) % shard.offered.size()];
  if (slot != hash) {
    slot = hash;
    return false;
  }
  shard.entries.put(key, Entry{state, response}, cost_of(key, response));
  return true;
}

void ResponseCache::put(const std::string& key, Offset state, const Response& response) {
  auto& shard = shard_for(hash_of(key));
  std::lock_guard lock(shard.mutex);
  shard.entries.put(key, Entry{state, response}, cost_of(key, response));
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
