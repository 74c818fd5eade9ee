#pragma once
// Parses schemas once: stored schemas by id, with their references resolved from the store,
// and large candidate texts without references by content.
// The parsed forms kept are bounded in (estimated) bytes, least recently used first out, and
// an entry is used only while the id still holds the schema it was parsed from (an id whose
// versions were all deleted can be bound again by an IMPORT).
#include <cstddef>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "accord/formats/format.hpp"
#include "accord/model/error.hpp"
#include "accord/model/lru_cache.hpp"
#include "accord/model/types.hpp"
#include "accord/store/state_store.hpp"

namespace accord::registry {

class ParsedSchemaCache {
 public:
  explicit ParsedSchemaCache(const store::StateStore& store, std::size_t capacity_bytes = 16u << 20)
      : store_(store), parsed_(capacity_bytes) {}
  // The references flattened (dependencies first, each name once) with their texts.
  // `allow_deleted`: soft-deleted targets are acceptable (stored schemas, IMPORT).
  // References resolve in the context of `referrer`, the subject holding them.
  Result<std::vector<formats::ResolvedReference>> resolve(const std::vector<SchemaReference>& references,
                                                          bool allow_deleted, std::size_t max_references,
                                                          std::string_view referrer, std::string_view type_name) const;
  // Parses a candidate schema of `subject`; cached by content when it has no references.
  Result<formats::ParsedSchemaPtr> parse(const Schema& schema, bool allow_deleted_references,
                                         std::size_t max_references, std::string_view subject) const;
  // The parsed form of a stored schema, cached by (context, id).
  Result<formats::ParsedSchemaPtr> stored(SchemaId id, std::string_view context);
  std::size_t size() const;
  const store::StateStore& store() const { return store_; }

 private:
  struct Entry {
    std::string identity;  // of the stored schema it was parsed from; empty for a candidate
    formats::ParsedSchemaPtr parsed;
  };

  const store::StateStore& store_;
  mutable std::mutex mutex_;
  mutable LruCache<Entry> parsed_;  // by context, 0, id; or 1, type, 0, text
};

}  // namespace accord::registry
