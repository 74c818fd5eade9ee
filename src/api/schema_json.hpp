#pragma once
// Stored schemas as the endpoints answer them (private to api/). Response shapes are
// NON_EMPTY: empty references, metadata and ruleSet are omitted.
#include <string>
#include <string_view>

#include "accord/api/request.hpp"
#include "accord/model/types.hpp"
#include "accord/registry/parsed_schema_cache.hpp"
#include "accord/store/state_store.hpp"
#include "json_io.hpp"

namespace accord::api {

// `guid` is the stored schema's 16 GUID bytes (formats/guid.hpp), printed as a UUID;
// omitted when empty.
void put_schema_fields(Json& out, const Schema& schema, const std::string& guid);
Json subject_version_json(const store::VersionInfo& version, const Schema& schema, const std::string& guid);
// The GUID bytes of the schema stored under `id` in the context; empty when none is.
std::string guid_of(const store::StateStore& store, SchemaId id, std::string_view context);

// The stored schema as a read answers it: its text in the `format` the request names
// (Avro `resolved`, Protobuf `serialized` / `ignore_extensions`), else unchanged; unknown
// formats, and formats of another schema type, are ignored as Confluent ignores them.
Schema formatted_schema(registry::ParsedSchemaCache& cache, const Request& request, SchemaId id, Schema schema,
                        std::string_view context);
// The Schema entity of a stored version as a read answers it: the text in the requested
// format, the GUID of its id in the version's context.
Json stored_version_json(registry::ParsedSchemaCache& cache, const Request& request,
                         const store::VersionInfo& version, Schema schema);

}  // namespace accord::api
