#pragma once
// Private to store/: what the catalog knows of a schema, the type and governance fields of
// an entry and the words a search should find it by.
#include <map>
#include <string>
#include <vector>

#include "accord/model/lru_cache.hpp"
#include "accord/model/types.hpp"
#include "accord/store/catalog_index.hpp"

namespace accord::store {

struct CatalogDescription {
  SchemaType type = SchemaType::Avro;
  std::string owner;
  std::string description;
  std::vector<std::string> producers;
  std::vector<std::string> consumers;
  std::map<std::string, std::string> properties;
  CatalogWords words;

  // Sets the entry's type and governance fields.
  void fill(CatalogEntry& entry) const;
};

CatalogDescription describe_for_catalog(const Schema& schema);

// Descriptions by context and id, kept while one pass describes many subjects: the subjects
// sharing a schema are described once. Bounded in bytes.
class CatalogDescriptions {
 public:
  explicit CatalogDescriptions(std::size_t capacity_bytes) : known_(capacity_bytes) {}
  static std::string key(std::string_view context, SchemaId id);
  const CatalogDescription* find(const std::string& key) { return known_.find(key); }
  void put(std::string key, const CatalogDescription& description);

 private:
  LruCache<CatalogDescription> known_;
};

}  // namespace accord::store
