#pragma once
// Limits checked before the API parses a body, so that no parser recurses without bound
// and no oversized schema is parsed at all (docs/security.md).
#include <cstddef>
#include <optional>

#include "accord/api/request.hpp"
#include "accord/api/route.hpp"
#include "accord/model/error.hpp"

namespace accord::cli {

// Set from the config keys named here; their defaults are in the config key table.
struct RequestLimits {
  std::size_t body_depth = 0;    // request.json.max.depth
  std::size_t schema_bytes = 0;  // schema.max.bytes
  std::size_t schema_depth = 0;  // schema.max.depth

  // The error for a request over a limit; the schema limits apply to the routes whose
  // descriptor says their body carries a schema.
  std::optional<Error> check(const api::Request& request, const api::RouteMatch& route) const;
};

}  // namespace accord::cli
