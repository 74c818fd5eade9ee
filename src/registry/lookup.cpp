// Reads that judge a submitted schema: lookup (POST /subjects/{subject}) and the
// compatibility check (POST /compatibility/...), neither of which writes anything.
#include <algorithm>

#include "accord/model/errors.hpp"
#include "accord/registry/effective_config.hpp"
#include "accord/registry/registry.hpp"
#include "accord/registry/subject_versions.hpp"
#include "candidate.hpp"
#include "data_contract.hpp"

namespace accord::registry {

// Matched by identity (formats/identity.hpp), so a text stored by another registry is found
// (Confluent's lookUpSchemaUnderSubjectUsingContexts).
Result<Found> Registry::lookup(const Lookup& request) const {
  const auto& body = request.schema;
  auto visible_versions = [&](const std::string& s) {
    auto versions = store_.versions(s);
    if (!request.include_deleted) std::erase_if(versions, [](const store::VersionInfo& v) { return v.deleted; });
    return versions;
  };
  // The version of `s` holding the schema, if any.
  auto in_subject = [&](const std::string& s) -> Result<std::optional<store::VersionInfo>> {
    const auto versions = visible_versions(s);
    if (versions.empty()) return std::optional<store::VersionInfo>{};
    const bool normalize = request.normalize || effective_normalize(store_, s);
    auto find = [&](const SchemaRequest& schema) -> Result<std::optional<store::VersionInfo>> {
      auto candidate = prepare_candidate(parsed_, schema, normalize, true, options_.max_references, s);
      if (!candidate) return candidate.error();
      return version_with_identity(store_, versions, candidate->identity);
    };
    if (body.schema && !body.schema->empty()) {
      auto first = find(body);
      if (!first || *first) return first;
    }
    // Second attempt with what a registration would have added (§5.8): config defaults and
    // overrides, the previous version's metadata and rules (and its text when none is sent).
    SchemaRequest filled = body;
    std::optional<Schema> previous;
    if (auto live = live_versions(store_, s); !live.empty())
      previous = store_.schema_by_id(live.back().id, context_of(live.back().subject));
    apply_data_contract(filled, config_in_scope(store_, s), previous, std::nullopt);
    return find(filled);
  };
  const auto& subject = request.subject;
  const bool exists = !visible_versions(subject).empty();
  auto found = in_subject(subject);
  if (!found) return found.error();
  if (const auto qs = QualifiedSubject::parse(subject); !*found && qs.in_default_context())
    for (const auto& context : store_.contexts()) {
      auto other = in_subject(context_prefix(context) + qs.name);
      if (other && *other) {
        found = std::move(other);
        break;
      }
    }
  if (!*found) return exists ? errors::schema_not_found() : errors::subject_not_found(subject);
  const auto& version = **found;
  auto schema = store_.schema_by_id(version.id, context_of(version.subject));
  if (!schema) return errors::schema_not_found(version.id);
  return Found{version, std::move(*schema)};
}

Result<compat::Verdict> Registry::check_compatibility(const CompatibilityCheck& request) {
  const auto& subject = request.subject;
  const auto& version = request.version;
  const bool normalize = request.normalize || effective_normalize(store_, subject);
  const auto level = effective_compatibility(store_, subject, options_.default_compatibility);
  const auto config = config_in_scope(store_, subject);

  auto versions = live_versions(store_, subject);
  if (version) {
    if (!*version) {
      if (versions.empty()) return compat::Verdict{true, {}};
      versions.erase(versions.begin(), versions.end() - 1);
    } else {
      auto it = std::find_if(versions.begin(), versions.end(),
                             [&](const store::VersionInfo& v) { return v.version == **version; });
      if (it == versions.end()) return errors::version_not_found(std::to_string(**version));
      versions = {*it};
    }
  }
  std::optional<Schema> previous;  // the latest version checked
  if (!versions.empty()) previous = store_.schema_by_id(versions.back().id, context_of(versions.back().subject));
  SchemaRequest schema = request.schema;
  // Checked as a registration would be (§5.5): with what the config and the previous
  // version add, against the versions of the candidate's compatibility group.
  if (!version && schema.schema && !schema.schema->empty()) apply_data_contract(schema, config, previous, std::nullopt);
  auto candidate = prepare_candidate(parsed_, schema, normalize, false, options_.max_references, subject);
  if (!candidate) {
    if (request.verbose && candidate.error().code == ErrorCode::InvalidSchema)
      return compat::Verdict{false, {candidate.error().message}};
    return candidate.error();
  }
  if (!version) versions = in_compatibility_group(store_, config, candidate->schema.metadata, std::move(versions));
  const bool validate_fields = config && config->validate_fields.value_or(false);
  return judge(parsed_, *candidate, level, versions, validate_fields, previous);
}

}  // namespace accord::registry
