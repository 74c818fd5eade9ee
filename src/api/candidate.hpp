#pragma once
// A schema submitted for registration, lookup or a compatibility check, parsed and
// canonicalized (private to api/).
#include "accord/compat/checker.hpp"
#include "internal.hpp"

namespace accord::api {

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

// Checks the candidate against the subject's live versions as `level` requires.
Result<compat::Verdict> check_against(ParsedSchemaCache& cache, const Candidate& candidate, CompatibilityLevel level,
                                      const std::vector<store::VersionInfo>& versions);

// validateFields (formats/field_validation.hpp), for subjects whose config in scope sets it:
// the strict check of the candidate (42201 when it fails), and Confluent's reserved-field
// messages against `previous`, the latest version checked (nullopt: there is none).
Status check_strict_fields(const Candidate& candidate);
std::vector<std::string> reserved_field_messages(const Candidate& candidate, const std::optional<Schema>& previous);

// Confluent's trailing element of the message list: {validateFields: 'false', compatibility: 'X'},
// validateFields as the subject's config in scope has it.
std::string compatibility_summary(CompatibilityLevel level, bool validate_fields);

}  // namespace accord::api
