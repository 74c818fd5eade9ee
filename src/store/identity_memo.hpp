#pragma once
// Private to store/: what a SCHEMA record is identified by, computed when it is decoded.
#include <string>

#include "accord/model/types.hpp"

namespace accord::store::detail {

struct SchemaIds {
  std::string identity;  // empty for a schema with references: resolved when applied
  std::string guid;      // covers the references as written: needs no state
};

// The identity and GUID of a schema. Those of a large text without references come from a
// memo of the texts identified lately, by content (type, metadata, rule set and text).
SchemaIds identify(const Schema& schema);

}  // namespace accord::store::detail
