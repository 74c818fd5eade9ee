#pragma once
// A map bounded in bytes: each value comes with its cost (an estimate of the memory it
// holds), and the least recently used values leave first when the total would pass the
// capacity. Not thread-safe: the caches built on it (answers, parsed schemas) hold their
// own lock around it.
#include <cstddef>
#include <iterator>
#include <list>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>

namespace accord {

template <class Value>
class LruCache {
 public:
  explicit LruCache(std::size_t capacity_bytes) : capacity_(capacity_bytes) {}

  // The value under `key`, now the most recently used; nullptr when there is none.
  Value* find(std::string_view key) {
    auto it = index_.find(key);
    if (it == index_.end()) return nullptr;
    recent_.splice(recent_.begin(), recent_, it->second);
    return &it->second->value;
  }

  void erase(std::string_view key) {
    if (auto it = index_.find(key); it != index_.end()) remove(it->second);
  }

  // Stores `value` under `key` (replacing what was there) as the most recently used. A value
  // costing more than the whole capacity is not kept.
  void put(std::string key, Value value, std::size_t cost) {
    erase(key);
    if (cost > capacity_) return;
    while (!recent_.empty() && bytes_ + cost > capacity_) remove(std::prev(recent_.end()));
    recent_.push_front(Node{std::move(key), std::move(value), cost});
    index_.emplace(recent_.front().key, recent_.begin());
    bytes_ += cost;
  }

  std::size_t bytes() const { return bytes_; }
  std::size_t size() const { return index_.size(); }
  std::size_t capacity() const { return capacity_; }

 private:
  struct Node {
    std::string key;  // the index's keys view these
    Value value;
    std::size_t cost = 0;
  };
  void remove(typename std::list<Node>::iterator node) {
    bytes_ -= node->cost;
    index_.erase(std::string_view(node->key));
    recent_.erase(node);
  }

  std::size_t capacity_;
  std::size_t bytes_ = 0;
  std::list<Node> recent_;  // most recently used first
  std::unordered_map<std::string_view, typename std::list<Node>::iterator> index_;
};

}  // namespace accord
