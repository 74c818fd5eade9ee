#pragma once
// Private to store/: fills a catalog entry's type and governance fields from a schema and
// returns the words a search should find it by.
#include <string>
#include <vector>

#include "accord/model/types.hpp"
#include "accord/store/catalog_index.hpp"

namespace accord::store {

std::vector<std::string> describe_for_catalog(const Schema& schema, CatalogEntry& entry);

}  // namespace accord::store
