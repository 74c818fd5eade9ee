#include "identity_memo.hpp"

#include <mutex>
#include <optional>

#include "accord/formats/guid.hpp"
#include "accord/formats/identity.hpp"
#include "accord/model/lru_cache.hpp"

namespace accord::store::detail {
namespace {

// The identity and GUID of the schemas decoded lately, by content. A registry that shares
// one schema among many subjects, or soft-deletes versions (a SCHEMA record written again),
// holds the same text in many records; parsing it for each made a replay's time grow with
// the text times its copies (a 290 KB schema in 1,000 subjects: 10 s). Both are functions
// of the content alone, so one memo serves every store of the process, bounded in bytes.
class IdentityMemo {
 public:
  static IdentityMemo& instance() {
    static IdentityMemo memo(8u << 20);
    return memo;
  }

  // The content a schema without references is identified by, length-prefixed.
  static std::string key_of(const Schema& schema) {
    std::string key(1, static_cast<char>(schema.type));
    for (const auto* part : {&schema.metadata, &schema.rule_set}) {
      key += part->has_value() ? std::to_string((*part)->size()) + ":" + **part : "-:";
    }
    key += schema.text;
    return key;
  }

  std::optional<SchemaIds> find(const std::string& key) {
    std::lock_guard lock(mutex_);
    const SchemaIds* ids = entries_.find(key);
    return ids ? std::optional<SchemaIds>(*ids) : std::nullopt;
  }

  void put(std::string key, SchemaIds ids) {
    const std::size_t cost = key.size() + ids.identity.size() + ids.guid.size() + 64;
    std::lock_guard lock(mutex_);
    entries_.put(std::move(key), std::move(ids), cost);
  }

 private:
  explicit IdentityMemo(std::size_t bytes) : entries_(bytes) {}
  std::mutex mutex_;
  LruCache<SchemaIds> entries_;
};

// Below this, parsing a text costs about what the memo's copy, hash and insert would.
constexpr std::size_t kMemoFrom = 1024;

}  // namespace

SchemaIds identify(const Schema& schema) {
  if (!schema.references.empty()) return {{}, formats::schema_guid(schema)};
  if (schema.text.size() < kMemoFrom) return {formats::stored_schema_identity(schema, {}), formats::schema_guid(schema)};
  auto& memo = IdentityMemo::instance();
  auto key = IdentityMemo::key_of(schema);
  if (auto ids = memo.find(key)) return std::move(*ids);
  SchemaIds ids{formats::stored_schema_identity(schema, {}), formats::schema_guid(schema)};
  memo.put(std::move(key), ids);
  return ids;
}

}  // namespace accord::store::detail
