// WrittenKeys answers "never written" only for keys it never saw: a rebuild skips the store's
// lookup of such a key, so a false "no" would lose state. Its false positives only cost a
// lookup; they are measured here with a generous bound.
#include <gtest/gtest.h>

#include <string>

#include "written_keys.hpp"

namespace accord::store::detail {
namespace {

constexpr std::size_t kPlenty = 64u << 20;

std::string key(std::size_t n) { return "v" + std::to_string(n) + "-subject"; }

TEST(WrittenKeysTest, FindsEveryKeyItWasGiven) {
  WrittenKeys written(1000, kPlenty);  // far fewer than added: it grows many times
  for (std::size_t n = 0; n < 300000; ++n) written.add(key(n), 0);
  for (std::size_t n = 0; n < 300000; ++n) ASSERT_TRUE(written.may_contain(key(n), 0)) << key(n);
  EXPECT_FALSE(written.given_up());
}

TEST(WrittenKeysTest, AnswersNoForMostKeysItWasNotGiven) {
  WrittenKeys written(100000, kPlenty);
  for (std::size_t n = 0; n < 100000; ++n) written.add(key(n), 0);
  std::size_t maybe = 0, same_bytes_other_family = 0;
  for (std::size_t n = 100000; n < 200000; ++n) maybe += written.may_contain(key(n), 0);
  for (std::size_t n = 0; n < 100000; ++n) same_bytes_other_family += written.may_contain(key(n), 1);
  // About 1.5% each when sized right (1,449 and 1,510 when written); a broken hash or probe
  // shows as far more.
  EXPECT_LT(maybe, 4000u);
  EXPECT_LT(same_bytes_other_family, 4000u);
  EXPECT_GT(maybe, 0u) << "ten bits per key cannot be exact";
}

TEST(WrittenKeysTest, GivesUpPastItsBoundAndThenAnswersMaybe) {
  WrittenKeys written(1000, 1u << 20);  // 1 MiB: a few hundred thousand keys, grown from 65,536
  for (std::size_t n = 0; n < 2000000 && !written.given_up(); ++n) written.add(key(n), 0);
  ASSERT_TRUE(written.given_up());
  EXPECT_TRUE(written.may_contain("never added", 0));
  EXPECT_EQ(written.bytes(), 0u) << "its memory is released";
}

TEST(WrittenKeysTest, MoreKeysExpectedThanTheBoundHoldsAreCoveredUpToIt) {
  WrittenKeys written(1u << 30, 1u << 20);  // a billion keys expected, 1 MiB allowed
  EXPECT_FALSE(written.given_up());
  EXPECT_LE(written.bytes(), 1u << 20);
  std::size_t added = 0;
  for (; added < 2000000 && !written.given_up(); ++added) written.add(key(added), 0);
  EXPECT_GT(added, 800000u) << "the whole bound is used";
  ASSERT_TRUE(written.given_up());
  EXPECT_TRUE(written.may_contain("never added", 0));
}

}  // namespace
}  // namespace accord::store::detail
