// Compaction as a property: the state rebuilt from a compacted `_schemas` log (the last
// record per key byte string, tombstoned keys dropped) answers every query exactly as the
// state built from the full log. The test broker does not compact, so this is where it is
// proven, for generated sequences of registrations, soft and permanent deletes, configs
// and modes.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <random>

#include "accord/formats/identity.hpp"
#include "accord/log/codec.hpp"
#include "accord/store/materializer.hpp"
#include "accord/store/state_store.hpp"

namespace accord::store {
namespace {

class Generator {
 public:
  Generator(StateStore& store, uint64_t seed) : store_(store), materializer_(store), rng_(seed) {}

  // Appends one random operation's records to `log` (and applies them to the full store).
  void step(std::vector<log::StoredRecord>& log) {
    std::vector<log::Record> records;
    switch (pick(8)) {
      case 0: case 1: case 2: register_schema(records); break;
      case 3: soft_delete_version(records); break;
      case 4: soft_delete_subject(records); break;
      case 5: permanent_delete(records); break;
      case 6: set_config(records); break;
      case 7: set_mode(records); break;
    }
    if (pick(10) == 0) records.push_back({log::encode_key(log::noop_key()), std::nullopt, {}});
    std::vector<log::StoredRecord> stored;
    for (auto& r : records) stored.push_back({static_cast<Offset>(log.size() + stored.size()), std::move(r), 0});
    ASSERT_TRUE(materializer_.apply(stored).ok());
    log.insert(log.end(), stored.begin(), stored.end());
  }

 private:
  int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng_); }
  std::string subject() { return std::string(1, static_cast<char>('a' + pick(3))); }

  void tombstone(const log::Key& key, std::vector<log::Record>& records) {
    auto variants = store_.key_variants(key);
    if (variants.empty()) variants.push_back(log::encode_key(key));
    for (auto& v : variants) records.push_back({v, std::nullopt, {}});
  }

  void register_schema(std::vector<log::Record>& records) {
    const auto s = subject();
    Schema schema{SchemaType::Avro, "\"type-" + std::to_string(pick(6)) + "\"", {}, std::nullopt, std::nullopt};
    auto versions = store_.versions(s);
    for (const auto& v : versions)
      if (!v.deleted && store_.schema_by_id(v.id) == schema) return;  // already registered
    const SchemaId id = store_.id_with_identity(formats::stored_schema_identity(schema, {})).value_or(store_.max_id() + 1);
    for (const auto& v : versions)
      if (v.deleted && v.id == id) tombstone(log::schema_key(s, v.version), records);
    const VersionNumber version = versions.empty() ? VersionNumber{1} : versions.back().version + 1;
    // Sometimes in the legacy byte order, so tombstones must cover both forms.
    std::string key = log::encode_key(log::schema_key(s, version));
    if (pick(4) == 0)
      key = R"({"subject":")" + s + R"(","version":)" + std::to_string(version) + R"(,"magic":1,"keytype":"SCHEMA"})";
    records.push_back({key, log::encode_schema_value({s, version, id, schema, false}), {}});
  }

  void soft_delete_version(std::vector<log::Record>& records) {
    const auto s = subject();
    for (const auto& v : store_.versions(s))
      if (!v.deleted && pick(2) == 0) {
        records.push_back({log::encode_key(log::schema_key(s, v.version)),
                           log::encode_schema_value({s, v.version, v.id, *store_.schema_by_id(v.id), true}), {}});
        return;
      }
  }

  void soft_delete_subject(std::vector<log::Record>& records) {
    const auto s = subject();
    VersionNumber highest{0};
    for (const auto& v : store_.versions(s))
      if (!v.deleted) highest = v.version;
    if (highest == 0) return;
    records.push_back({log::encode_key(log::delete_subject_key(s)),
                       log::encode_delete_subject_value({s, highest}), {}});
  }

  void permanent_delete(std::vector<log::Record>& records) {
    const auto s = subject();
    auto versions = store_.versions(s);
    for (const auto& v : versions)
      if (v.deleted && pick(2) == 0) {
        tombstone(log::schema_key(s, v.version), records);
        if (versions.size() == 1) {
          if (store_.mode(s)) tombstone(log::mode_key(s), records);
          if (store_.config(s)) tombstone(log::config_key(s), records);
        }
        return;
      }
  }

  void set_config(std::vector<log::Record>& records) {
    std::optional<std::string> s;
    if (pick(3) != 0) s = subject();
    if (pick(3) == 0) return tombstone(log::config_key(s), records);
    log::ConfigValue value;
    value.subject = s;
    value.compatibility_level = static_cast<CompatibilityLevel>(pick(7));
    records.push_back({log::encode_key(log::config_key(s)), log::encode_config_value(value), {}});
  }

  void set_mode(std::vector<log::Record>& records) {
    std::optional<std::string> s;
    if (pick(3) != 0) s = subject();
    if (pick(3) == 0) return tombstone(log::mode_key(s), records);
    log::ModeValue value{s, static_cast<Mode>(pick(3))};
    records.push_back({log::encode_key(log::mode_key(s)), log::encode_mode_value(value), {}});
  }

  StateStore& store_;
  Materializer materializer_;
  std::mt19937_64 rng_;
};

// Kafka's log compaction after the tombstone retention: the last record of each key byte
// string survives, in offset order; keys whose last record is a tombstone disappear.
std::vector<log::StoredRecord> compact(const std::vector<log::StoredRecord>& full) {
  std::map<std::string, Offset> last;
  for (const auto& r : full) last[*r.record.key] = r.offset;
  std::vector<log::StoredRecord> out;
  for (const auto& r : full)
    if (last[*r.record.key] == r.offset && r.record.value) out.push_back(r);
  return out;
}

// Every answer the API can derive from a store, as text.
std::string snapshot(const StateStore& store) {
  std::string out;
  for (const auto& s : store.subjects()) {
    out += "subject " + s + "\n";
    for (const auto& v : store.versions(s))
      out += "  v" + std::to_string(v.version) + " id " + std::to_string(v.id) + (v.deleted ? " deleted" : "") +
             " " + store.schema_by_id(v.id)->text + "\n";
    if (auto c = store.config(s)) out += "  config " + std::string(to_string(*c->compatibility_level)) + "\n";
    if (auto m = store.mode(s)) out += "  mode " + std::string(to_string(*m)) + "\n";
  }
  if (auto c = store.config(std::nullopt)) out += "global config " + std::string(to_string(*c->compatibility_level)) + "\n";
  if (auto m = store.mode(std::nullopt)) out += "global mode " + std::string(to_string(*m)) + "\n";
  return out;
}

class CompactionTest : public ::testing::TestWithParam<uint64_t> {};

TEST_P(CompactionTest, CompactedLogRebuildsTheSameState) {
  const auto base = std::filesystem::temp_directory_path() / ("accord-compaction-" + std::to_string(GetParam()) +
                                                              "-" + std::to_string(::getpid()));
  std::filesystem::remove_all(base);
  {
    auto full_store = StateStore::open(base / "full");
    ASSERT_TRUE(full_store.ok());
    std::vector<log::StoredRecord> log;
    Generator generator(**full_store, GetParam());
    for (int i = 0; i < 300; ++i) generator.step(log);

    auto compacted_store = StateStore::open(base / "compacted");
    ASSERT_TRUE(compacted_store.ok());
    Materializer materializer(**compacted_store);
    ASSERT_TRUE(materializer.apply(compact(log)).ok());
    EXPECT_EQ(snapshot(**full_store), snapshot(**compacted_store));
    EXPECT_FALSE(snapshot(**full_store).empty());

    // A replay in batches, each decoded ahead while the one before it applies.
    auto replayed_store = StateStore::open(base / "replayed");
    ASSERT_TRUE(replayed_store.ok());
    Materializer replay(**replayed_store);
    const std::span<const log::StoredRecord> all(log);
    constexpr std::size_t kBatch = 37;
    for (std::size_t at = 0; at < all.size(); at += kBatch) {
      const auto batch = all.subspan(at, std::min(kBatch, all.size() - at));
      const auto next = all.subspan(at + batch.size(), std::min(kBatch, all.size() - at - batch.size()));
      ASSERT_TRUE(replay.apply(batch, next).ok());
    }
    EXPECT_EQ(snapshot(**full_store), snapshot(**replayed_store));
  }
  std::filesystem::remove_all(base);
}

INSTANTIATE_TEST_SUITE_P(Seeds, CompactionTest, ::testing::Range<uint64_t>(1, 21));

}  // namespace
}  // namespace accord::store
