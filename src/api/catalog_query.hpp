#pragma once
// Private to api/: the catalog's query parameters (shared by the catalog and the map),
// checked and turned into a store::CatalogQuery.
#include <functional>
#include <map>
#include <string>

#include "accord/api/request.hpp"
#include "accord/model/error.hpp"
#include "accord/store/catalog_index.hpp"
#include "accord/store/state_store.hpp"

namespace accord::api {

// 400 for a bad offset, limit, schemaType or an over-long q; 42203 for a bad compatibility.
// The compatibility of subjects without their own level, by context (docs/ui.md): what
// their context's record, else the `:.__GLOBAL:` one, else the server default sets.
class ContextLevels {
 public:
  ContextLevels(const store::StateStore& store, CompatibilityLevel server_default);
  CompatibilityLevel of(const store::CatalogEntry& e) const;

 private:
  std::map<std::string, CompatibilityLevel, std::less<>> by_context_;
  CompatibilityLevel elsewhere_;  // a context without a record of its own
};

// 400 for a bad offset, limit, schemaType or an over-long q; 42203 for a bad compatibility.
Result<store::CatalogQuery> catalog_query(const Request& request, const ContextLevels& levels,
                                          std::size_t default_limit);

}  // namespace accord::api
