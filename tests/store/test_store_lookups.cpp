// Every lookup the API makes, answered from RocksDB: the same after a restart, after a
// rebuild in one batch (each record reading the batch's earlier ones) and after a rebuild
// record by record, with soft and hard deletes, references, contexts, configs and modes.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "accord/formats/guid.hpp"
#include "accord/formats/identity.hpp"
#include "accord/log/codec.hpp"
#include "accord/store/materializer.hpp"
#include "accord/store/state_store.hpp"
#include "support/temp_dir.hpp"

namespace accord::store {
namespace {

log::StoredRecord rec(int64_t offset, const log::Key& key, std::optional<std::string> value) {
  return {Offset{offset}, log::Record{log::encode_key(key), std::move(value), {}}, 5000 + offset};
}

std::string schema_value(const std::string& subject, int version, int id, const std::string& text, bool deleted,
                         std::vector<SchemaReference> refs = {}) {
  return log::encode_schema_value({subject, VersionNumber{version}, SchemaId{id}, Schema{SchemaType::Avro, text, std::move(refs), {}, {}}, deleted});
}

std::string hex(const std::optional<std::string>& bytes) {
  if (!bytes) return "-";
  std::string out;
  for (unsigned char c : *bytes) out += "0123456789abcdef"[c >> 4], out += "0123456789abcdef"[c & 15];
  return out;
}

std::string describe(const std::optional<VersionInfo>& v) {
  if (!v) return "-";
  return v->subject + " v" + std::to_string(v->version) + " id " + std::to_string(v->id) +
         (v->deleted ? " deleted" : "") + " at " + std::to_string(v->timestamp_ms);
}

// Every answer the store gives, as text.
std::string every_lookup(const StateStore& store) {
  std::string out = "offset " + std::to_string(store.applied_offset()) + " schemas " +
                    std::to_string(store.schema_count()) + "\n";
  std::vector<std::string> contexts{std::string(kDefaultContext)};
  for (const auto& c : store.contexts()) contexts.push_back(c), out += "context " + c + "\n";
  for (const auto& context : contexts) {
    out += context + " max id " + std::to_string(store.max_id(context)) + "\n";
    for (SchemaId id{1}; id <= store.max_id(context) + 1; ++id) {
      auto schema = store.schema_by_id(id, context);
      if (!schema) continue;
      out += " id " + std::to_string(id) + " " + schema->text + " refs " + std::to_string(schema->references.size());
      const auto identity = store.identity_of(id, context);
      const auto guid = store.guid_of(id, context);
      out += " identity " + hex(identity) + " guid " + hex(guid);
      out += " first-with-identity " + std::to_string(store.id_with_identity(*identity, context).value_or(SchemaId{-1}));
      for (SchemaId same : store.ids_with_guid(*guid, context)) out += " guid-id " + std::to_string(same);
      for (const auto& v : store.versions_with_id(id, context)) out += "\n  used by " + describe(v);
      out += "\n";
    }
  }
  for (const auto& subject : store.subjects()) {
    out += "subject " + subject + " latest " + describe(store.latest(subject, false)) + " latest-any " +
           describe(store.latest(subject, true)) + "\n";
    for (const auto& v : store.versions(subject)) {
      out += " " + describe(v) + " = " + describe(store.version(subject, v.version));
      for (const auto& [context, id] : store.referenced_by(subject, v.version))
        out += " referenced by " + context + "/" + std::to_string(id);
      for (const auto& k : store.key_variants(log::schema_key(subject, v.version))) out += " key " + k;
      out += "\n";
    }
    if (auto c = store.config(subject)) out += " config " + std::string(to_string(*c->compatibility_level)) + "\n";
    if (auto m = store.mode(subject)) out += " mode " + std::string(to_string(*m)) + "\n";
    if (auto alias = store.alias_of(subject)) out += " alias " + *alias + "\n";
  }
  if (auto c = store.config(std::nullopt)) out += "global config " + std::string(to_string(*c->compatibility_level)) + "\n";
  if (auto m = store.mode(std::nullopt)) out += "global mode " + std::string(to_string(*m)) + "\n";
  return out;
}

const std::string kMoney = R"({"type":"record","name":"Money","fields":[{"name":"u","type":"long"}]})";
const std::string kPay = R"({"type":"record","name":"Pay","fields":[{"name":"m","type":"Money"}]})";

std::vector<log::StoredRecord> scenario() {
  std::vector<log::StoredRecord> out;
  auto add = [&](const log::Key& key, std::optional<std::string> value) {
    out.push_back(rec(static_cast<Offset>(out.size()), key, std::move(value)));
  };
  add(log::schema_key("money", VersionNumber{1}), schema_value("money", 1, 1, kMoney, false));
  add(log::schema_key("pay", VersionNumber{1}), schema_value("pay", 1, 2, kPay, false, {{"Money", "money", VersionNumber{1}}}));
  add(log::schema_key("pay-latest", VersionNumber{1}), schema_value("pay-latest", 1, 2, kPay, false, {{"Money", "money", VersionNumber{1}}}));
  add(log::schema_key("a", VersionNumber{1}), schema_value("a", 1, 3, "\"int\"", false));
  add(log::schema_key("a", VersionNumber{2}), schema_value("a", 2, 4, "\"long\"", false));
  add(log::schema_key("b", VersionNumber{1}), schema_value("b", 1, 3, "\"int\"", false));  // id 3 shared
  add(log::schema_key("a", VersionNumber{1}), schema_value("a", 1, 3, "\"int\"", true));   // soft delete
  add(log::delete_subject_key("b"), log::encode_delete_subject_value({"b", VersionNumber{1}}));
  add(log::schema_key("b", VersionNumber{1}), std::nullopt);  // hard delete; id 3 still used by a v1
  add(log::context_key(".t"), log::encode_context_value(".t"));
  add(log::schema_key(":.t:money", VersionNumber{1}), schema_value(":.t:money", 1, 1, "\"string\"", false));
  add(log::schema_key(":.t:pay", VersionNumber{1}), schema_value(":.t:pay", 1, 7, kPay, false, {{"Money", "money", VersionNumber{1}}}));
  add(log::schema_key(":.t:gone", VersionNumber{1}), schema_value(":.t:gone", 1, 8, "\"bytes\"", true));
  add(log::clear_subject_key(":.t:"), std::nullopt);  // clears the soft-deleted versions of .t
  log::ConfigValue full;
  full.compatibility_level = CompatibilityLevel::Full;
  add(log::config_key(std::string("a")), log::encode_config_value(full));
  add(log::config_key(std::nullopt), log::encode_config_value(full));
  log::ConfigValue aliased;
  aliased.alias = "pay";
  add(log::config_key(std::string("pay-latest")), log::encode_config_value(aliased));
  add(log::config_key(std::string("money")), log::encode_config_value(aliased));
  add(log::config_key(std::string("money")), std::nullopt);  // the alias goes with its config
  add(log::mode_key(std::string(":.t:pay")), log::encode_mode_value({std::string(":.t:pay"), Mode::ReadOnly}));
  add(log::schema_key("a", VersionNumber{2}), std::nullopt);  // id 4's last version: the id is gone
  add(log::noop_key(), std::nullopt);
  return out;
}

class StoreLookupsTest : public ::testing::Test {
 protected:
  std::unique_ptr<StateStore> open(const std::filesystem::path& dir) {
    auto store = StateStore::open(dir);
    EXPECT_TRUE(store.ok());
    return std::move(store).value();
  }
  accord::testing::TempDir dir_;
};

TEST_F(StoreLookupsTest, AnswersEveryLookupFromDisk) {
  const auto records = scenario();
  std::string live;
  {
    auto store = open(dir_.path() / "one-batch");
    ASSERT_TRUE(Materializer(*store).apply(records).ok());
    live = every_lookup(*store);

    EXPECT_EQ(store->applied_offset(), static_cast<Offset>(records.size() - 1));
    EXPECT_EQ(store->schema_count(), 5u) << "ids 1, 2, 3 and .t's 1, 7";
    EXPECT_EQ(store->max_id(), 4) << "tombstones never lower the high-water mark";
    EXPECT_EQ(store->max_id(".t"), 8);
    EXPECT_FALSE(store->schema_by_id(SchemaId{4})) << "the last version using id 4 was hard-deleted";
    EXPECT_EQ(store->schema_by_id(SchemaId{3})->text, "\"int\"");
    EXPECT_EQ(store->versions_with_id(SchemaId{3}).size(), 1u);
    EXPECT_TRUE(store->versions_with_id(SchemaId{3}).front().deleted);
    EXPECT_FALSE(store->latest("a", false)) << "a's only version is soft-deleted";
    EXPECT_EQ(store->latest("a", true)->version, 1);
    EXPECT_EQ(store->subjects(), (std::vector<std::string>{":.t:money", ":.t:pay", "a", "money", "pay", "pay-latest"}));
    EXPECT_EQ(store->referenced_by("money", VersionNumber{1}), (std::vector<std::pair<std::string, SchemaId>>{{".", SchemaId{2}}}));
    EXPECT_EQ(store->referenced_by(":.t:money", VersionNumber{1}), (std::vector<std::pair<std::string, SchemaId>>{{".t", SchemaId{7}}}));
    EXPECT_FALSE(store->schema_by_id(SchemaId{8}, ".t")) << "cleared with its context";
    EXPECT_EQ(store->id_with_identity(*store->identity_of(SchemaId{7}, ".t"), ".t"), 7) << "identities are per context";
    EXPECT_EQ(store->contexts(), std::vector<std::string>{".t"});
    EXPECT_TRUE(store->has_context(".t"));
    EXPECT_EQ(store->config(std::string("a"))->compatibility_level, CompatibilityLevel::Full);
    EXPECT_EQ(store->mode(std::string(":.t:pay")), Mode::ReadOnly);
    EXPECT_FALSE(store->mode(std::nullopt));
    EXPECT_EQ(store->alias_of("pay-latest"), "pay");
    EXPECT_FALSE(store->alias_of("money"));
    EXPECT_FALSE(store->alias_of("a")) << "a config without an alias";
  }
  EXPECT_EQ(every_lookup(*open(dir_.path() / "one-batch")), live) << "after a restart";
  auto one_by_one = open(dir_.path() / "one-by-one");
  for (const auto& record : records) ASSERT_TRUE(Materializer(*one_by_one).apply(std::span(&record, 1)).ok());
  EXPECT_EQ(every_lookup(*one_by_one), live) << "applied record by record";
}

TEST_F(StoreLookupsTest, ReplayOverTheSameStoreChangesNothing) {
  const auto records = scenario();
  auto store = open(dir_.path());
  ASSERT_TRUE(Materializer(*store).apply(std::span(records.data(), 9)).ok());
  ASSERT_TRUE(Materializer(*store).apply(records).ok());  // overlaps: the applied part is skipped
  const auto once = every_lookup(*store);
  ASSERT_TRUE(Materializer(*store).apply(records).ok());
  EXPECT_EQ(every_lookup(*store), once);
  EXPECT_EQ(store->applied_offset(), static_cast<Offset>(records.size() - 1));
}

TEST_F(StoreLookupsTest, RecordsDecodedAheadApplyAsIfDecodedThen) {
  const auto records = scenario();
  auto whole = open(dir_.path() / "whole");
  ASSERT_TRUE(Materializer(*whole).apply(records).ok());
  const std::span<const log::StoredRecord> all(records);
  for (std::size_t batch : {1u, 3u, 7u}) {
    auto store = open(dir_.path() / ("ahead-" + std::to_string(batch)));
    Materializer materializer(*store);
    for (std::size_t at = 0; at < all.size(); at += batch) {
      const auto these = all.subspan(at, std::min(batch, all.size() - at));
      const auto next = all.subspan(at + these.size(), std::min(batch, all.size() - at - these.size()));
      ASSERT_TRUE(materializer.apply(these, next).ok());
    }
    EXPECT_EQ(every_lookup(*store), every_lookup(*whole)) << "batches of " << batch;
  }
  // A lookahead that is not what comes next is not used: the records are decoded anew.
  auto store = open(dir_.path() / "other-lookahead");
  Materializer materializer(*store);
  ASSERT_TRUE(materializer.apply(all.subspan(0, 5), all.subspan(9, 4)).ok());
  ASSERT_TRUE(materializer.apply(all.subspan(5), all.subspan(0, 3)).ok());
  EXPECT_EQ(every_lookup(*store), every_lookup(*whole));
  // Overlapping an applied prefix, decoded ahead or not: the applied part is skipped.
  auto overlap = open(dir_.path() / "overlap");
  Materializer again(*overlap);
  ASSERT_TRUE(again.apply(all.subspan(0, 6), all.subspan(4, 8)).ok());
  ASSERT_TRUE(again.apply(all.subspan(4, 8), all.subspan(12)).ok());
  ASSERT_TRUE(again.apply(all.subspan(12)).ok());
  EXPECT_EQ(every_lookup(*overlap), every_lookup(*whole));
}

// One large text in many records (shared by subjects, written again by soft deletes) is
// identified once per content: the answers are those of identifying each record alone,
// and the same text with other metadata is another schema.
TEST_F(StoreLookupsTest, ALargeTextSharedByManyRecordsIsIdentifiedAsEachAlone) {
  std::string text = R"({"type":"record","name":"Envelope","fields":[)";
  for (int f = 0; f < 60; ++f) text += (f ? "," : "") + std::string(R"({"name":"field)") + std::to_string(f) + R"(","type":"long"})";
  text += "]}";
  ASSERT_GE(text.size(), 1024u);
  const Schema plain{SchemaType::Avro, text, {}, {}, {}};
  const Schema owned{SchemaType::Avro, text, {}, std::string(R"({"properties":{"owner":"team-a"}})"), {}};
  std::vector<log::StoredRecord> records;
  auto add = [&](const std::string& subject, int id, const Schema& schema, bool deleted) {
    records.push_back(rec(static_cast<int64_t>(records.size()), log::schema_key(subject, VersionNumber{1}),
                          log::encode_schema_value({subject, VersionNumber{1}, SchemaId{id}, schema, deleted})));
  };
  // Enough records for the decoding threads (a replay-sized batch), then soft deletes.
  for (int s = 0; s < 300; ++s) add("shared-" + std::to_string(s), 1, plain, false);
  add("owned", 2, owned, false);
  for (int s = 0; s < 300; s += 3) add("shared-" + std::to_string(s), 1, plain, true);
  auto store = open(dir_.path());
  ASSERT_TRUE(Materializer(*store).apply(records).ok());

  EXPECT_EQ(store->identity_of(SchemaId{1}), formats::stored_schema_identity(plain, {}));
  EXPECT_EQ(store->guid_of(SchemaId{1}), formats::schema_guid(plain));
  EXPECT_EQ(store->identity_of(SchemaId{2}), formats::stored_schema_identity(owned, {}));
  EXPECT_EQ(store->guid_of(SchemaId{2}), formats::schema_guid(owned));
  EXPECT_NE(store->identity_of(SchemaId{1}), store->identity_of(SchemaId{2})) << "metadata is part of the identity";
  EXPECT_EQ(store->versions_with_id(SchemaId{1}).size(), 300u) << "every record bound: none was refused";
  EXPECT_EQ(store->id_with_identity(*store->identity_of(SchemaId{1})), 1);
  EXPECT_EQ(store->schema_count(), 2u);
  EXPECT_TRUE(store->version("shared-3", VersionNumber{1})->deleted);
  EXPECT_FALSE(store->version("shared-4", VersionNumber{1})->deleted);
}

}  // namespace
}  // namespace accord::store
