#pragma once
// Limits checked before the API parses a body, so that no parser recurses without bound
// and no oversized schema is parsed at all (docs/security.md).
#include <cstddef>
#include <optional>

#include "accord/api/request.hpp"
#include "accord/api/route.hpp"
#include "accord/model/error.hpp"

namespace accord::cli {

struct RequestLimits {
  std::size_t body_depth = 64;          // request.json.max.depth
  std::size_t schema_bytes = 4u << 20;  // schema.max.bytes
  std::size_t schema_depth = 256;       // schema.max.depth

  // The error for a request over a limit; the schema limits apply to the routes whose
  // descriptor says their body carries a schema.
  std::optional<Error> check(const api::Request& request, const api::RouteMatch& route) const;
};

}  // namespace accord::cli
