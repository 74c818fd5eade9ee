#pragma once
// A schema submitted for registration, lookup or a compatibility check, parsed and
// canonicalized, and the checks it goes through (private to registry/).
#include <optional>
#include <string>
#include <vector>

#include "accord/compat/checker.hpp"
#include "accord/registry/parsed_schema_cache.hpp"
#include "accord/registry/schema_request.hpp"

namespace accord::registry {

struct Candidate {
  Schema schema;  // text is the canonical (or normalized) form
  formats::ParsedSchemaPtr parsed;
  std::string identity;  // formats::schema_identity: compared with the store's, never the bytes
};

// Parses the request's schema for `subject` with its references (resolved in the subject's
// context); 42201 when it is invalid.
Result<Candidate> prepare_candidate(const ParsedSchemaCache& cache, const SchemaRequest& request, bool normalize,
                                    bool allow_deleted_references, std::size_t max_references,
                                    std::string_view subject);

// The newest of `versions` whose schema has the candidate's identity.
std::optional<store::VersionInfo> version_with_identity(const store::StateStore& store,
                                                        const std::vector<store::VersionInfo>& versions,
                                                        const std::string& identity);

// The verdict on the candidate against `versions` at `level`, with Confluent's messages:
// with validate_fields, the reserved-field messages against `previous` (the latest version
// checked, nullopt when there is none) first; when incompatible, compatibility_summary last.
Result<compat::Verdict> judge(ParsedSchemaCache& cache, const Candidate& candidate, CompatibilityLevel level,
                              const std::vector<store::VersionInfo>& versions, bool validate_fields,
                              const std::optional<Schema>& previous);

// validateFields (formats/field_validation.hpp), for subjects whose config in scope sets
// it: the strict check of the candidate (42201 when it fails).
Status check_strict_fields(const Candidate& candidate);

}  // namespace accord::registry
