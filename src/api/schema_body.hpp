#pragma once
// The body of a registration, lookup or compatibility check (Confluent's
// RegisterSchemaRequest) read into a registry::SchemaRequest (private to api/).
#include "accord/api/request.hpp"
#include "accord/model/error.hpp"
#include "accord/registry/schema_request.hpp"

namespace accord::api {

// 400 for a body that is not a JSON object or a field of the wrong kind, 422 for an
// unknown schemaType or an incomplete reference.
Result<registry::SchemaRequest> parse_schema_request(const Request& request);

}  // namespace accord::api
