#pragma once
// Private to api/: the catalog's query parameters (shared by the catalog and the map),
// checked and turned into a store::CatalogQuery.
#include "accord/store/catalog_index.hpp"
#include "internal.hpp"

namespace accord::api {

// 400 for a bad offset, limit, schemaType or an over-long q; 42203 for a bad compatibility.
// `global` is the compatibility of subjects without their own level.
Result<store::CatalogQuery> catalog_query(const Request& request, CompatibilityLevel global, std::size_t default_limit);

}  // namespace accord::api
