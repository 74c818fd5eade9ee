// The catalog index: words, search, filters, paging, and that the Materializer keeps it in
// step with the state (new versions, soft deletes, config changes, reload from RocksDB).
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "accord/store/catalog_index.hpp"
#include "accord/store/materializer.hpp"
#include "accord/store/state_store.hpp"
#include "support/temp_dir.hpp"

namespace accord::store {
namespace {

std::vector<std::string> subjects_of(const CatalogPage& page) {
  std::vector<std::string> out;
  for (const auto& e : page.items) out.push_back(e.subject);
  return out;
}

TEST(CatalogWords, SplitsAtSeparatorsAndCamelCase) {
  auto words = catalog_words("customerId HTTPServer orders-value_v2");
  for (const char* w : {"customerid", "customer", "id", "httpserver", "http", "server", "orders", "value", "v2"})
    EXPECT_NE(std::find(words.begin(), words.end(), w), words.end()) << w;
}

TEST(CatalogWords, KeepsPunctuatedTokensWhole) {
  auto words = catalog_words("owner team-7, field order_id.");
  for (const char* w : {"team-7", "team", "7", "order_id", "order", "id"})
    EXPECT_NE(std::find(words.begin(), words.end(), w), words.end()) << w;
  EXPECT_EQ(catalog_terms("  Team-7, (orders) "), (std::vector<std::string>{"team-7", "orders"}));
}

TEST(CatalogWords, KeepsUnicodeLetters) {
  auto words = catalog_words("Bestellung-Größe");
  EXPECT_NE(std::find(words.begin(), words.end(), "größe"), words.end());
}

TEST(CatalogWords, AListHoldsEachWordOnceInOrderInOneAllocation) {
  const std::string long_word(300, 'x');    // a length of two bytes
  const std::string edge_word(127, 'y');    // the longest of one byte
  const std::string first_two(128, 'w');    // the shortest of two
  CatalogWordList list({"zeta", long_word, "alpha", "", "größe", edge_word, "alpha", first_two, "zeta"});
  std::vector<std::string> seen;
  for (auto word : list) seen.emplace_back(word);
  EXPECT_EQ(seen, (std::vector<std::string>{"", "alpha", "größe", first_two, long_word, edge_word, "zeta"}));
  EXPECT_EQ(list.size(), 7u);
  std::size_t text = 0;
  for (const auto& word : seen) text += word.size();
  EXPECT_LE(list.bytes(), sizeof(list) + text + 2 * seen.size());  // no per-word object
  const CatalogWordList empty;
  EXPECT_EQ(empty.begin(), empty.end());
  EXPECT_EQ(empty.size(), 0u);
}

CatalogEntry entry(const std::string& subject, SchemaType type, const std::string& owner = "") {
  CatalogEntry e;
  e.subject = subject;
  e.type = type;
  e.owner = owner;
  e.version = VersionNumber{1};
  e.versions = 1;
  return e;
}

TEST(CatalogIndexTest, APunctuatedTermIsNoBroaderThanItself) {
  CatalogIndex index;
  index.put(entry("a", SchemaType::Avro, "team-7"), catalog_words("team-7 event 7123"));
  index.put(entry("b", SchemaType::Avro, "team-17"), catalog_words("team-17 event 7124"));
  CatalogQuery q;
  q.text = "team-7";
  EXPECT_EQ(subjects_of(index.search(q)), (std::vector<std::string>{"a"}));
  q.text = "team 7";
  EXPECT_EQ(index.search(q).total, 2u);  // "7" starts "7124" too
}

TEST(CatalogIndexTest, EveryWordMustPrefixAWordOfTheEntry) {
  CatalogIndex index;
  index.put(entry("orders-value", SchemaType::Avro), {"order", "customer", "total"});
  index.put(entry("payments-value", SchemaType::Protobuf), {"payment", "customer", "amount"});
  index.put(entry("users", SchemaType::Json), {"user", "email"});
  CatalogQuery q;
  q.text = "cust";
  EXPECT_EQ(subjects_of(index.search(q)), (std::vector<std::string>{"orders-value", "payments-value"}));
  q.text = "customer AMOUNT";
  EXPECT_EQ(subjects_of(index.search(q)), (std::vector<std::string>{"payments-value"}));
  q.text = "nothing-like-this";
  EXPECT_EQ(index.search(q).total, 0u);
  q.text = "";
  q.type = SchemaType::Json;
  EXPECT_EQ(subjects_of(index.search(q)), (std::vector<std::string>{"users"}));
}

TEST(CatalogIndexTest, PagesCountEveryMatch) {
  CatalogIndex index;
  for (int i = 0; i < 25; ++i) index.put(entry("s" + std::to_string(100 + i), SchemaType::Avro), {"common"});
  CatalogQuery q;
  q.text = "common";
  q.offset = 20;
  q.limit = 10;
  auto page = index.search(q);
  EXPECT_EQ(page.total, 25u);
  EXPECT_EQ(subjects_of(page), (std::vector<std::string>{"s120", "s121", "s122", "s123", "s124"}));
  q.limit = 0;
  EXPECT_TRUE(index.search(q).items.empty());
  EXPECT_EQ(index.search(q).total, 25u);
}

TEST(CatalogIndexTest, ReplacingAndRemovingUpdatesThePostings) {
  CatalogIndex index;
  index.put(entry("a", SchemaType::Avro), {"alpha"});
  index.put(entry("a", SchemaType::Avro), {"beta"});
  CatalogQuery q;
  q.text = "alpha";
  EXPECT_EQ(index.search(q).total, 0u);
  q.text = "beta";
  EXPECT_EQ(index.search(q).total, 1u);
  index.remove("a");
  EXPECT_EQ(index.search(q).total, 0u);
  EXPECT_EQ(index.size(), 0u);
  index.put(entry("b", SchemaType::Avro), {"beta"});  // reuses the freed slot
  EXPECT_EQ(subjects_of(index.search(q)), (std::vector<std::string>{"b"}));
}

TEST(CatalogIndexTest, SubjectNamesAreSearchedAndListedWithoutASecondCopy) {
  CatalogIndex index;
  for (const char* subject : {"orders-value", "Payments-value", "audit", "orders-key"})
    index.put(entry(subject, SchemaType::Avro), {"common"});
  CatalogQuery q;
  EXPECT_EQ(subjects_of(index.search(q)),
            (std::vector<std::string>{"Payments-value", "audit", "orders-key", "orders-value"}));
  q.text = "payments-v";  // the whole lower-cased name, separators and all
  EXPECT_EQ(subjects_of(index.search(q)), (std::vector<std::string>{"Payments-value"}));
  q.text = "value";
  EXPECT_EQ(subjects_of(index.search(q)), (std::vector<std::string>{"Payments-value", "orders-value"}));
  index.remove("orders-value");
  index.remove("not-there");
  EXPECT_EQ(subjects_of(index.search(q)), (std::vector<std::string>{"Payments-value"}));
  q.text = "orders";
  EXPECT_EQ(subjects_of(index.search(q)), (std::vector<std::string>{"orders-key"}));
  index.put(entry("orders-value", SchemaType::Avro), {"common"});
  EXPECT_EQ(subjects_of(index.search(q)), (std::vector<std::string>{"orders-key", "orders-value"}));
  q.text = "";
  EXPECT_EQ(index.search(q).total, 4u);
}

TEST(CatalogIndexTest, FiltersAndAcceptPredicate) {
  CatalogIndex index;
  auto a = entry("a", SchemaType::Avro, "team-a");
  a.producers = {"svc-1"};
  a.consumers = {"svc-2", "svc-3"};
  auto b = entry("b", SchemaType::Avro, "team-b");
  b.deleted = true;
  index.put(a, std::vector<std::string>{});
  index.put(b, std::vector<std::string>{});
  CatalogQuery q;
  EXPECT_EQ(subjects_of(index.search(q)), (std::vector<std::string>{"a"}));
  q.include_deleted = true;
  EXPECT_EQ(index.search(q).total, 2u);
  q.consumer = "svc-3";
  EXPECT_EQ(subjects_of(index.search(q)), (std::vector<std::string>{"a"}));
  q.consumer.reset();
  q.owner = "team-b";
  EXPECT_EQ(subjects_of(index.search(q)), (std::vector<std::string>{"b"}));
  q.owner.reset();
  q.accept = [](const CatalogEntry& e) { return e.subject != "a"; };
  EXPECT_EQ(subjects_of(index.search(q)), (std::vector<std::string>{"b"}));
}

log::StoredRecord schema_record(int64_t offset, const std::string& subject, int version, int id,
                                const nlohmann::json& schema, const nlohmann::json& properties = nullptr,
                                bool deleted = false) {
  nlohmann::json key = {{"keytype", "SCHEMA"}, {"subject", subject}, {"version", version}, {"magic", 1}};
  nlohmann::json value = {{"subject", subject}, {"version", version}, {"id", id}, {"schema", schema.dump()},
                          {"deleted", deleted}};
  if (!properties.is_null()) value["metadata"] = {{"properties", properties}};
  return {Offset{offset}, log::Record{key.dump(), value.dump(), {}}, 1000 + offset};
}

TEST(CatalogMaterializerTest, FollowsTheLogAndSurvivesAReload) {
  accord::testing::TempDir dir;
  const nlohmann::json order = {{"type", "record"}, {"name", "OrderPlaced"}, {"doc", "An order was placed"},
                                {"fields", {{{"name", "customerEmail"}, {"type", "string"}, {"doc", "where receipts go"}}}}};
  {
    auto store = StateStore::open(dir.path());
    ASSERT_TRUE(store.ok());
    Materializer materializer(**store);
    std::vector<log::StoredRecord> records = {
        schema_record(0, "orders-value", 1, 1, order,
                      {{"owner", "checkout-team"}, {"producers", "checkout, web"}, {"consumers", "billing"}}),
        schema_record(1, "users-value", 1, 2, {{"type", "record"}, {"name", "User"}, {"fields", nlohmann::json::array()}}),
        {Offset{2}, log::Record{R"({"keytype":"CONFIG","subject":"users-value","magic":0})", R"({"compatibilityLevel":"FULL"})", {}}, 1002},
    };
    ASSERT_TRUE(materializer.apply(records).ok());
    CatalogQuery q;
    q.text = "receipts";  // a field's doc
    auto page = (*store)->search_catalog(q);
    ASSERT_EQ(subjects_of(page), (std::vector<std::string>{"orders-value"}));
    EXPECT_EQ(page.items[0].owner, "checkout-team");
    EXPECT_EQ(page.items[0].producers, (std::vector<std::string>{"checkout", "web"}));
    q.text = "email";  // camelCase part of a field name
    EXPECT_EQ((*store)->search_catalog(q).total, 1u);
    q.text = "billing";
    EXPECT_EQ((*store)->search_catalog(q).total, 1u);
    q.text = "";
    q.accept = [](const CatalogEntry& e) { return e.compatibility == CompatibilityLevel::Full; };
    EXPECT_EQ(subjects_of((*store)->search_catalog(q)), (std::vector<std::string>{"users-value"}));

    // Soft-delete the only version of orders-value: it leaves the default listing.
    std::vector<log::StoredRecord> more = {
        {Offset{3}, log::Record{R"({"keytype":"DELETE_SUBJECT","subject":"orders-value","magic":0})",
                        R"({"subject":"orders-value","version":1})", {}}, 1003}};
    ASSERT_TRUE(materializer.apply(more).ok());
    CatalogQuery all;
    EXPECT_EQ(subjects_of((*store)->search_catalog(all)), (std::vector<std::string>{"users-value"}));
    all.include_deleted = true;
    auto with_deleted = (*store)->search_catalog(all);
    ASSERT_EQ(with_deleted.total, 2u);
    EXPECT_TRUE(with_deleted.items[0].deleted);
  }
  auto reopened = StateStore::open(dir.path());
  ASSERT_TRUE(reopened.ok());
  CatalogQuery q;
  q.text = "OrderPlaced";
  q.include_deleted = true;
  auto page = (*reopened)->search_catalog(q);
  ASSERT_EQ(page.total, 1u);
  EXPECT_TRUE(page.items[0].deleted);
  EXPECT_EQ(page.items[0].owner, "checkout-team");
}

TEST(CatalogMaterializerTest, AReplaySizedBatchIsSearchableAtOnce) {
  accord::testing::TempDir dir;
  auto store = StateStore::open(dir.path());
  ASSERT_TRUE(store.ok());
  Materializer materializer(**store);
  std::vector<log::StoredRecord> records;
  for (int i = 0; i < 600; ++i)
    records.push_back(schema_record(i, "s-" + std::to_string(i), 1, i + 1,
                                    {{"type", "record"}, {"name", "R" + std::to_string(i)}, {"fields", nlohmann::json::array()}},
                                    {{"owner", i % 2 ? "odd" : "even"}}));
  ASSERT_TRUE(materializer.apply(records).ok());
  CatalogQuery q;
  q.owner = "odd";
  EXPECT_EQ((*store)->search_catalog(q).total, 300u);
  q.owner.reset();
  q.text = "r599";
  EXPECT_EQ(subjects_of((*store)->search_catalog(q)), (std::vector<std::string>{"s-599"}));
}

// Subjects sharing a schema are described once per pass and answer alike; the same id in
// another context is another schema, and a subject's own name stays its own.
TEST(CatalogMaterializerTest, SubjectsSharingASchemaShareItsDescription) {
  accord::testing::TempDir dir;
  auto store = StateStore::open(dir.path());
  ASSERT_TRUE(store.ok());
  const nlohmann::json envelope = {{"type", "record"}, {"name", "Envelope"}, {"doc", "shared alpha envelope"},
                                   {"fields", nlohmann::json::array()}};
  const nlohmann::json other = {{"type", "record"}, {"name", "Other"}, {"doc", "beta only"},
                                {"fields", nlohmann::json::array()}};
  std::vector<log::StoredRecord> records;
  for (int i = 0; i < 40; ++i)
    records.push_back(schema_record(i, "topic-" + std::to_string(i), 1, 1, envelope, {{"owner", "platform"}}));
  records.push_back(schema_record(40, ":.t:elsewhere", 1, 1, other, {{"owner", "team-t"}}));
  ASSERT_TRUE(Materializer(**store).apply(records).ok());

  CatalogQuery q;
  q.text = "alpha";
  auto shared = (*store)->search_catalog(q);
  EXPECT_EQ(shared.total, 40u);
  for (const auto& item : shared.items) EXPECT_EQ(item.owner, "platform") << item.subject;
  q.text = "beta";
  auto elsewhere = (*store)->search_catalog(q);
  ASSERT_EQ(subjects_of(elsewhere), (std::vector<std::string>{":.t:elsewhere"}));
  EXPECT_EQ(elsewhere.items[0].owner, "team-t") << "id 1 of context .t is not the default context's id 1";
  q.text = "topic-7";
  EXPECT_EQ(subjects_of((*store)->search_catalog(q)), (std::vector<std::string>{"topic-7"}));
  q.text = "elsewhere alpha";
  EXPECT_EQ((*store)->search_catalog(q).total, 0u);
}

}  // namespace
}  // namespace accord::store
