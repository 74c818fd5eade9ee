// Ids, versions and offsets are distinct types: one never reaches a place that expects
// another (not by conversion, construction, assignment, comparison or a call), while a
// plain integer reads out of each, and their JSON stays a plain number.
#include <gtest/gtest.h>

#include <concepts>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <type_traits>
#include <unordered_set>

#include "accord/model/types.hpp"

namespace accord {
namespace {

template <class A, class B>
constexpr bool never_stands_in_for() {
  return !std::is_convertible_v<A, B> && !std::is_constructible_v<B, A> && !std::is_assignable_v<B&, A> &&
         !std::equality_comparable_with<A, B> && !std::three_way_comparable_with<A, B>;
}

static_assert(never_stands_in_for<VersionNumber, SchemaId>());
static_assert(never_stands_in_for<SchemaId, VersionNumber>());
static_assert(never_stands_in_for<Offset, SchemaId>());
static_assert(never_stands_in_for<Offset, VersionNumber>());
static_assert(never_stands_in_for<SchemaId, Offset>());
static_assert(never_stands_in_for<VersionNumber, Offset>());

// A call: f(SchemaId) with a version does not compile.
using TakesId = void(SchemaId);
using TakesVersion = void(VersionNumber);
static_assert(std::is_invocable_v<TakesId, SchemaId>);
static_assert(!std::is_invocable_v<TakesId, VersionNumber>);
static_assert(!std::is_invocable_v<TakesVersion, SchemaId>);
static_assert(!std::is_invocable_v<TakesId, Offset>);
static_assert(!std::is_invocable_v<TakesId, int32_t>);

// A bare integer becomes one only where it is spelled so; reading one out stays plain.
static_assert(!std::is_convertible_v<int32_t, SchemaId> && std::is_constructible_v<SchemaId, int32_t>);
static_assert(!std::is_convertible_v<int64_t, Offset> && std::is_constructible_v<Offset, int64_t>);
static_assert(!std::is_assignable_v<VersionNumber&, int32_t>);
static_assert(std::is_convertible_v<SchemaId, int32_t> && SchemaId{7}.value() == 7);
static_assert(VersionNumber{-1} == -1 && Offset{3} < 4);
static_assert(std::is_trivially_copyable_v<Offset> && sizeof(Offset) == sizeof(int64_t));  // std::atomic<Offset>

// A step keeps the kind; a distance between two is a plain count.
static_assert(std::same_as<decltype(Offset{5} + 1), Offset> && Offset{5} + 1 == Offset{6});
static_assert(std::same_as<decltype(VersionNumber{2} - 1), VersionNumber>);
static_assert(std::same_as<decltype(Offset{9} - Offset{4}), int64_t> && Offset{9} - Offset{4} == 5);

TEST(Number, OrdersAndHashesAsItsValue) {
  EXPECT_LT(SchemaId{2}, SchemaId{10});
  EXPECT_EQ(VersionNumber{3}, VersionNumber{3});
  EXPECT_NE(Offset{3}, Offset{4});
  const std::map<VersionNumber, std::string> by_version{{VersionNumber{2}, "b"}, {VersionNumber{1}, "a"}};
  EXPECT_EQ(by_version.begin()->second, "a");
  const std::unordered_set<SchemaId> ids{SchemaId{1}, SchemaId{1}, SchemaId{2}};
  EXPECT_EQ(ids.size(), 2u);
  EXPECT_TRUE(ids.contains(SchemaId{2}));
  Offset next{41};
  EXPECT_EQ(++next, Offset{42});
  EXPECT_EQ(next++, Offset{42});
  EXPECT_EQ(next, Offset{43});
  EXPECT_EQ(std::to_string(SchemaId{42}), "42");
  EXPECT_EQ(std::to_string(Offset{int64_t{1} << 40}), "1099511627776");
}

TEST(Number, IsAPlainJsonNumber) {
  const nlohmann::json body = {
      {"id", SchemaId{7}}, {"version", VersionNumber{-1}}, {"offset", Offset{int64_t{1} << 40}}};
  EXPECT_EQ(body.dump(), R"({"id":7,"offset":1099511627776,"version":-1})");
  EXPECT_TRUE(body["id"].is_number_integer());

  const auto parsed = nlohmann::json::parse(R"({"id":12,"version":3,"offset":1099511627776})");
  EXPECT_EQ(parsed["id"].get<SchemaId>(), SchemaId{12});
  EXPECT_EQ(parsed["version"].get<VersionNumber>(), VersionNumber{3});
  EXPECT_EQ(parsed["offset"].get<Offset>(), Offset{int64_t{1} << 40});
  EXPECT_EQ(parsed.value("missing", VersionNumber{-1}), VersionNumber{-1});
  EXPECT_EQ(nlohmann::json(parsed["id"].get<SchemaId>()), parsed["id"]) << "a round trip changes nothing";

  const nlohmann::json list = std::vector<VersionNumber>{VersionNumber{1}, VersionNumber{2}};
  EXPECT_EQ(list.dump(), "[1,2]");
  EXPECT_EQ(list.get<std::vector<VersionNumber>>(), (std::vector<VersionNumber>{VersionNumber{1}, VersionNumber{2}}));
  EXPECT_THROW(nlohmann::json("7").get<SchemaId>(), nlohmann::json::type_error) << "a string is not an id";
}

}  // namespace
}  // namespace accord
