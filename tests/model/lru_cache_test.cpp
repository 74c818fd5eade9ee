#include "accord/model/lru_cache.hpp"

#include <gtest/gtest.h>

#include <string>

namespace accord {
namespace {

TEST(LruCache, KeepsTheMostRecentlyUsedWithinItsBytes) {
  LruCache<std::string> cache(30);
  cache.put("a", "A", 10);
  cache.put("b", "B", 10);
  cache.put("c", "C", 10);
  ASSERT_NE(cache.find("a"), nullptr);  // a is now the most recent: b goes first
  cache.put("d", "D", 10);
  EXPECT_EQ(cache.find("b"), nullptr);
  EXPECT_EQ(*cache.find("a"), "A");
  EXPECT_EQ(*cache.find("c"), "C");
  EXPECT_EQ(*cache.find("d"), "D");
  EXPECT_EQ(cache.bytes(), 30u);
  EXPECT_EQ(cache.size(), 3u);
}

TEST(LruCache, ReplacingAKeyCountsItsNewCostOnly) {
  LruCache<int> cache(100);
  cache.put("k", 1, 40);
  cache.put("k", 2, 25);
  EXPECT_EQ(*cache.find("k"), 2);
  EXPECT_EQ(cache.bytes(), 25u);
  EXPECT_EQ(cache.size(), 1u);
}

TEST(LruCache, AValueLargerThanTheCapacityIsNotKept) {
  LruCache<int> cache(50);
  cache.put("small", 1, 10);
  cache.put("huge", 2, 51);
  EXPECT_EQ(cache.find("huge"), nullptr);
  EXPECT_NE(cache.find("small"), nullptr) << "nothing was evicted for it";
  cache.put("small", 3, 51);
  EXPECT_EQ(cache.find("small"), nullptr) << "a replacement too large drops the old value";
  EXPECT_EQ(cache.bytes(), 0u);
}

TEST(LruCache, EraseAndKeysWithAnyByte) {
  LruCache<int> cache(100);
  const std::string a("x\0a", 3), b("x\0b", 3);
  cache.put(a, 1, 10);
  cache.put(b, 2, 10);
  cache.erase(a);
  EXPECT_EQ(cache.find(a), nullptr);
  EXPECT_EQ(*cache.find(b), 2);
  EXPECT_EQ(cache.bytes(), 10u);
  cache.erase("absent");
  EXPECT_EQ(cache.size(), 1u);
}

}  // namespace
}  // namespace accord
