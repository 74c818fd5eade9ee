// Registration (Confluent's algorithm, rest-api.md §5.2) and IMPORT: the version that
// already holds the schema, or the records of a new version.
#include <spdlog/spdlog.h>

#include <climits>

#include "accord/model/errors.hpp"
#include "accord/registry/effective_config.hpp"
#include "accord/registry/registry.hpp"
#include "accord/registry/subject_versions.hpp"
#include "candidate.hpp"
#include "data_contract.hpp"
#include "records.hpp"

namespace accord::registry {
namespace {

bool is_importing(Mode mode) { return mode == Mode::Import || mode == Mode::Forward; }

// A live version of the subject that already holds this schema, however its text is written.
std::optional<store::VersionInfo> live_version_with(const store::StateStore& store, const std::string& subject,
                                                    const Candidate& candidate) {
  return version_with_identity(store, live_versions(store, subject), candidate.identity);
}

// The subject's version holding the candidate, answered as a registration of it.
std::optional<Registered> registered_already(const store::StateStore& store, const std::string& subject,
                                             const Candidate& candidate) {
  auto existing = live_version_with(store, subject, candidate);
  if (!existing) return std::nullopt;
  auto stored = store.schema_by_id(existing->id, context_of(subject));
  if (!stored) return std::nullopt;
  return Registered{existing->id, existing->version, std::move(*stored)};
}

// The version a new registration of the subject gets unless it names one.
VersionNumber next_version(const std::vector<store::VersionInfo>& all) {
  return all.empty() ? VersionNumber{1} : all.back().version + 1;
}

// The SCHEMA record of (subject, version) -> id. An id already bound keeps its stored text:
// one text per id, as every reader of the topic (a Confluent node too) expects.
Registered append_version(const store::StateStore& store, const std::string& subject, VersionNumber version,
                          SchemaId id, const Schema& candidate, std::vector<log::Record>& records) {
  Schema stored = store.schema_by_id(id, context_of(subject)).value_or(candidate);
  log::SchemaValue value{subject, version, id, stored, false};
  records.push_back(record_of(log::schema_key(subject, version), log::encode_schema_value(value)));
  return Registered{id, version, std::move(stored)};
}

}  // namespace

std::optional<Registered> Registry::existing_registration(const Registration& request) const {
  const auto& subject = request.subject;
  if (request.schema.id) return std::nullopt;
  if (is_importing(effective_mode(store_, subject))) return std::nullopt;  // an IMPORT registration carries an id
  if (adds_to_registrations(config_in_scope(store_, subject))) return std::nullopt;  // as register_schema
  const bool normalize = request.normalize || effective_normalize(store_, subject);
  auto candidate = prepare_candidate(parsed_, request.schema, normalize, false, options_.max_references, subject);
  if (!candidate) return std::nullopt;
  return registered_already(store_, subject, *candidate);
}

Result<Registered> Registry::register_schema(const Registration& request) {
  const auto& subject = request.subject;
  const auto& body = request.schema;
  // Ids are numbered per context: the subject's context allocates and reuses them.
  const std::string context = context_of(subject);
  const Mode mode = effective_mode(store_, subject);
  const bool importing = is_importing(mode);
  const bool normalize = !importing && (request.normalize || effective_normalize(store_, subject));
  const auto config = config_in_scope(store_, subject);
  // Without schema text a registration reuses the previous version's (§5.8): it is checked
  // once the previous version is known, under the write.
  const bool reuses_previous = !importing && (!body.schema || body.schema->empty());
  std::optional<Candidate> candidate;
  if (!reuses_previous) {
    auto prepared = prepare_candidate(parsed_, body, normalize, importing, options_.max_references, subject);
    if (!prepared) return prepared.error();
    candidate = std::move(*prepared);
  }

  // Fast path: already registered under this subject. Nothing is written, in any mode.
  // Skipped when the config adds metadata or rules (Confluent alike): the stored version
  // may differ from the request in exactly what the config adds.
  if (!body.id && candidate && !adds_to_registrations(config))
    if (auto existing = registered_already(store_, subject, *candidate)) return std::move(*existing);

  if (mode == Mode::ReadOnly || mode == Mode::ReadOnlyOverride) return errors::subject_read_only(subject);
  if (body.id && !importing)
    return errors::operation_not_permitted(errors::subject_in_context(subject) + " is not in import mode");
  if (!body.id && importing)
    return errors::operation_not_permitted(errors::subject_in_context(subject) + " is not in read-write mode");

  Registered result;
  auto written = writer_.write([&]() -> Result<std::vector<log::Record>> {
    std::vector<log::Record> records;
    // The first registration in a named context records the context (Confluent alike).
    if (context != kDefaultContext && !store_.has_context(context))
      records.push_back(record_of(log::context_key(context), log::encode_context_value(context)));
    auto planned = importing ? plan_import(request, *candidate, records)
                             : plan_registration(request, config, normalize, records);
    if (!planned) return planned.error();
    result = std::move(*planned);
    return records;
  });
  if (!written) return written.error();
  if (*written >= 0) spdlog::info("registered {} version {} as id {}", subject, result.version, result.id);
  return result;
}

// Under the write lock: the next version, after the compatibility check, with the context's
// id for this schema or a new one.
Result<Registered> Registry::plan_registration(const Registration& request,
                                               const std::optional<log::ConfigValue>& config, bool normalize,
                                               std::vector<log::Record>& records) {
  const auto& subject = request.subject;
  const std::string context = context_of(subject);
  const auto all = store_.versions(subject);
  const VersionNumber next = next_version(all);
  const auto live = live_versions(store_, subject);
  std::optional<Schema> previous;
  if (!live.empty()) previous = store_.schema_by_id(live.back().id, context);
  // Config defaults and overrides, and the previous version, fill the request (§5.8).
  SchemaRequest filled = request.schema;
  apply_data_contract(filled, config, previous, next);
  auto candidate = prepare_candidate(parsed_, filled, normalize, false, options_.max_references, subject);
  if (!candidate) return candidate.error();
  if (auto existing = live_version_with(store_, subject, *candidate))
    return Registered{existing->id, existing->version,
                      store_.schema_by_id(existing->id, context).value_or(candidate->schema)};
  if (const auto& version = request.schema.version; version && *version != -1 && *version != next)
    return errors::invalid_schema(to_string(request.schema.type), "Version is not one more than previous version");

  const bool validate_fields = config && config->validate_fields.value_or(false);
  if (validate_fields)
    if (auto strict = check_strict_fields(*candidate); !strict) return strict.error();
  const auto level = effective_compatibility(store_, subject, options_.default_compatibility);
  const auto group = in_compatibility_group(store_, config, candidate->schema.metadata, live);
  auto verdict = judge(parsed_, *candidate, level, group, validate_fields, previous);
  if (!verdict) return verdict.error();
  if (!verdict->compatible) {
    std::string details;
    for (const auto& message : verdict->messages) details += (details.empty() ? "[" : ", ") + message;
    return errors::incompatible_schema(subject, details + "]");
  }
  const SchemaId id = store_.id_with_identity(candidate->identity, context).value_or(store_.max_id(context) + 1);
  // Older soft-deleted versions carrying the same id are superseded (Confluent alike).
  for (const auto& v : all)
    if (v.deleted && v.id == id && store_.referenced_by(subject, v.version).empty())
      append_tombstones(store_, log::schema_key(subject, v.version), records);
  return append_version(store_, subject, next, id, candidate->schema, records);
}

// Under the write lock: the id and version the request names, unless either is bound to
// something else.
Result<Registered> Registry::plan_import(const Registration& request, const Candidate& candidate,
                                         std::vector<log::Record>& records) {
  const auto& subject = request.subject;
  const auto& body = request.schema;
  const std::string context = context_of(subject);
  VersionNumber version = next_version(store_.versions(subject));
  if (body.version && *body.version != -1) {
    if (*body.version < 1 || *body.version > INT32_MAX) return errors::invalid_version(std::to_string(*body.version));
    version = static_cast<VersionNumber>(*body.version);
  }
  if (*body.id < 1 || *body.id > INT32_MAX)
    return errors::operation_not_permitted("Schema id " + std::to_string(*body.id) + " is not valid");
  const auto id = static_cast<SchemaId>(*body.id);
  if (auto bound = store_.identity_of(id, context); bound && *bound != candidate.identity)
    return errors::operation_not_permitted("Overwrite new schema with id " + std::to_string(id) + " in context " +
                                           (context == kDefaultContext ? context : context_prefix(context)) +
                                           " is not permitted.");
  if (auto taken = store_.version(subject, version); taken && taken->id != id)
    return errors::operation_not_permitted("Version " + std::to_string(version) + " of subject " + subject +
                                           " is already bound to schema id " + std::to_string(taken->id));
  return append_version(store_, subject, version, id, candidate.schema, records);
}

}  // namespace accord::registry
