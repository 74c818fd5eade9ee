#pragma once
// Parses schemas once: stored schemas by id, with their references resolved from the store.
#include <cstddef>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "accord/formats/format.hpp"
#include "accord/model/error.hpp"
#include "accord/model/types.hpp"
#include "accord/store/state_store.hpp"

namespace accord::registry {

class ParsedSchemaCache {
 public:
  explicit ParsedSchemaCache(const store::StateStore& store) : store_(store) {}
  // The references flattened (dependencies first, each name once) with their texts.
  // `allow_deleted`: soft-deleted targets are acceptable (stored schemas, IMPORT).
  // References resolve in the context of `referrer`, the subject holding them.
  Result<std::vector<formats::ResolvedReference>> resolve(const std::vector<SchemaReference>& references,
                                                          bool allow_deleted, std::size_t max_references,
                                                          std::string_view referrer, std::string_view type_name) const;
  // Parses a candidate schema of `subject` (not cached).
  Result<formats::ParsedSchemaPtr> parse(const Schema& schema, bool allow_deleted_references,
                                         std::size_t max_references, std::string_view subject) const;
  // The parsed form of a stored schema, cached by (context, id).
  Result<formats::ParsedSchemaPtr> stored(SchemaId id, std::string_view context);
  std::size_t size() const;
  const store::StateStore& store() const { return store_; }

 private:
  const store::StateStore& store_;
  mutable std::mutex mutex_;
  std::map<std::pair<std::string, SchemaId>, formats::ParsedSchemaPtr> cache_;
};

}  // namespace accord::registry
