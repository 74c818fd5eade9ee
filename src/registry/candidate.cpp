#include "candidate.hpp"

#include <set>

#include "accord/formats/field_validation.hpp"
#include "accord/formats/identity.hpp"
#include "accord/model/errors.hpp"
#include "accord/registry/registry.hpp"
#include "accord/registry/subject_versions.hpp"

namespace accord::registry {
namespace {

// Checks the candidate against the versions as `level` requires.
Result<compat::Verdict> check_against(ParsedSchemaCache& cache, const Candidate& candidate, CompatibilityLevel level,
                                      const std::vector<store::VersionInfo>& versions) {
  std::vector<compat::PreviousVersion> previous;
  const auto checked = compat::versions_to_check(level, [&] {
    std::vector<compat::PreviousVersion> all;
    for (const auto& v : versions) all.push_back({v.version, nullptr});
    return all;
  }());
  // Parse only the versions the level looks at.
  std::set<VersionNumber> wanted;
  for (const auto& p : checked) wanted.insert(p.version);
  for (const auto& v : versions) {
    if (!wanted.count(v.version)) continue;
    auto parsed = cache.stored(v.id, context_of(v.subject));
    if (!parsed) return parsed.error();
    previous.push_back({v.version, *parsed});
  }
  const auto* format = formats::format_for(candidate.schema.type);
  if (!format) return errors::invalid_schema_type(std::string(to_string(candidate.schema.type)));
  return compat::check(level, *format, *candidate.parsed, previous);
}

// Confluent's reserved-field messages against `previous`, the latest version checked
// (nullopt: there is none).
std::vector<std::string> reserved_field_messages(const Candidate& candidate, const std::optional<Schema>& previous) {
  std::optional<std::optional<std::string>> previous_metadata;
  if (previous) previous_metadata = previous->metadata;
  return formats::reserved_field_errors(*candidate.parsed, candidate.schema.metadata, previous_metadata);
}

}  // namespace


Result<Candidate> prepare_candidate(const ParsedSchemaCache& cache, const SchemaRequest& request, bool normalize,
                                    bool allow_deleted_references, std::size_t max_references,
                                    std::string_view subject) {
  if (!request.schema || request.schema->empty())
    return errors::invalid_schema(to_string(request.type), "Empty schema");
  Candidate out;
  out.schema = Schema{request.type, *request.schema, request.references, request.metadata, request.rule_set};
  // A reference to version -1 means "latest" and is stored as the concrete version.
  for (auto& ref : out.schema.references)
    if (ref.version == -1)
      if (auto live = live_versions(cache.store(), qualify_with_parent(subject, ref.subject)); !live.empty())
        ref.version = live.back().version;
  auto parsed = cache.parse(out.schema, allow_deleted_references, max_references, subject);
  if (!parsed) return parsed.error();
  out.parsed = *parsed;
  out.schema.text = normalize ? out.parsed->normalized() : out.parsed->canonical();
  out.identity = formats::schema_identity(*out.parsed, out.schema);
  return out;
}

std::optional<store::VersionInfo> version_with_identity(const store::StateStore& store,
                                                        const std::vector<store::VersionInfo>& versions,
                                                        const std::string& identity) {
  for (auto it = versions.rbegin(); it != versions.rend(); ++it)
    if (store.identity_of(it->id, context_of(it->subject)) == identity) return *it;
  return std::nullopt;
}

Result<compat::Verdict> judge(ParsedSchemaCache& cache, const Candidate& candidate, CompatibilityLevel level,
                              const std::vector<store::VersionInfo>& versions, bool validate_fields,
                              const std::optional<Schema>& previous) {
  auto verdict = check_against(cache, candidate, level, versions);
  if (!verdict) return verdict;
  if (validate_fields) {
    auto reserved = reserved_field_messages(candidate, previous);
    verdict->compatible = verdict->compatible && reserved.empty();
    verdict->messages.insert(verdict->messages.begin(), reserved.begin(), reserved.end());
  }
  if (!verdict->compatible) verdict->messages.push_back(compatibility_summary(level, validate_fields));
  return verdict;
}

Status check_strict_fields(const Candidate& candidate) {
  if (auto violation = formats::strict_field_violation(*candidate.parsed))
    return errors::invalid_schema(to_string(candidate.schema.type), *violation);
  return Ok{};
}

std::string compatibility_summary(CompatibilityLevel level, bool validate_fields) {
  return std::string("{validateFields: '") + (validate_fields ? "true" : "false") + "', compatibility: '" +
         std::string(to_string(level)) + "'}";
}

}  // namespace accord::registry
