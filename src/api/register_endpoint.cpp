// POST /subjects/{subject}/versions: register a schema (Confluent's algorithm, rest-api.md §5.2).
#include <spdlog/spdlog.h>

#include "accord/api/api.hpp"
#include "accord/model/errors.hpp"
#include "candidate.hpp"
#include "data_contract.hpp"

namespace accord::api {
namespace {

struct Registered {
  SchemaId id = 0;
  VersionNumber version = 0;
};

// A live version of the subject that already holds this schema, however its text is written.
std::optional<store::VersionInfo> live_version_with(const store::StateStore& store, const std::string& subject,
                                                    const Candidate& candidate) {
  return version_with_identity(store, live_versions(store, subject), candidate.identity);
}

Json registered_json(const Registered& registered, const Schema& schema, const std::string& guid) {
  Json body;
  body["id"] = registered.id;
  body["version"] = registered.version;
  put_schema_fields(body, schema, guid);
  return body;
}

}  // namespace

std::optional<Response> Api::existing_registration(const Request& request) {
  const bool is_register = request.method == "POST" && request.segments.size() == 3 &&
                           request.segments[0] == "subjects" && request.segments[2] == "versions";
  if (!is_register) return std::nullopt;
  const auto subject = normalize_subject(request.segments[1]);
  if (!is_valid_subject_param(subject)) return std::nullopt;
  const auto context = context_of(subject);
  try {
    auto body = parse_schema_request(request);
    if (!body || body->id) return std::nullopt;
    const Mode mode = effective_mode(store_, subject);
    const bool importing = mode == Mode::Import || mode == Mode::Forward;
    if (importing) return std::nullopt;  // an IMPORT registration carries an id
    if (adds_to_registrations(config_in_scope(store_, subject))) return std::nullopt;  // as the fast path
    const bool normalize = request.flag("normalize") || effective_normalize(store_, subject);
    auto candidate = prepare_candidate(*parsed_, *body, normalize, false, options_.max_references, subject);
    if (!candidate) return std::nullopt;
    auto existing = live_version_with(store_, subject, *candidate);
    if (!existing) return std::nullopt;
    auto stored = store_.schema_by_id(existing->id, context);
    if (!stored) return std::nullopt;
    return json_response(registered_json({existing->id, existing->version},
                                         formatted_schema(*parsed_, request, existing->id, *stored, context),
                                         guid_of(store_, existing->id, context)));
  } catch (const std::exception&) {
    return std::nullopt;  // the writer will answer it
  }
}

Response Api::post_subject_versions(const Request& request) {
  const auto& subject = request.segments[1];  // normalized by handle(): `:.:s` is `s`
  if (!is_valid_subject_param(subject)) return error_response(errors::invalid_subject(subject));
  // Ids are numbered per context: the subject's context allocates and reuses them.
  const std::string context = context_of(subject);
  auto body = parse_schema_request(request);
  if (!body) return error_response(body.error());

  const Mode mode = effective_mode(store_, subject);
  const bool importing = mode == Mode::Import || mode == Mode::Forward;
  const bool normalize = !importing && (request.flag("normalize") || effective_normalize(store_, subject));
  const auto config = config_in_scope(store_, subject);
  // Without schema text a registration reuses the previous version's (§5.8): it is checked
  // once the previous version is known, under the write.
  const bool reuses_previous = !importing && (!body->schema || body->schema->empty());
  std::optional<Candidate> candidate;
  if (!reuses_previous) {
    auto prepared = prepare_candidate(*parsed_, *body, normalize, importing, options_.max_references, subject);
    if (!prepared) return error_response(prepared.error());
    candidate = std::move(*prepared);
  }

  // Fast path: already registered under this subject. Nothing is written, in any mode.
  // Skipped when the config adds metadata or rules (Confluent alike): the stored version
  // may differ from the request in exactly what the config adds.
  if (!body->id && candidate && !adds_to_registrations(config))
    if (auto existing = live_version_with(store_, subject, *candidate))
      if (auto stored = store_.schema_by_id(existing->id, context))
        return json_response(registered_json({existing->id, existing->version},
                                             formatted_schema(*parsed_, request, existing->id, *stored, context),
                                             guid_of(store_, existing->id, context)));

  if (mode == Mode::ReadOnly || mode == Mode::ReadOnlyOverride)
    return error_response(errors::subject_read_only(subject));
  if (body->id && !importing)
    return error_response(errors::operation_not_permitted(errors::subject_in_context(subject) + " is not in import mode"));
  if (!body->id && importing)
    return error_response(
        errors::operation_not_permitted(errors::subject_in_context(subject) + " is not in read-write mode"));

  Registered result;
  Schema stored;
  auto written = writer_.write([&]() -> Result<std::vector<log::Record>> {
    std::vector<log::Record> records;
    // The first registration in a named context records the context (Confluent alike).
    if (context != kDefaultContext && !store_.has_context(context))
      records.push_back(record_of(log::context_key(context), log::encode_context_value(context)));
    const auto all = store_.versions(subject);
    const VersionNumber next = all.empty() ? 1 : all.back().version + 1;
    const auto live = live_versions(store_, subject);
    if (!importing) {
      // Config defaults and overrides, and the previous version, fill the request (§5.8).
      SchemaRequest filled = *body;
      std::optional<Schema> previous;
      if (!live.empty()) previous = store_.schema_by_id(live.back().id, context);
      apply_data_contract(filled, config, previous, next);
      auto prepared = prepare_candidate(*parsed_, filled, normalize, false, options_.max_references, subject);
      if (!prepared) return prepared.error();
      candidate = std::move(*prepared);
    }
    stored = candidate->schema;
    if (!body->id)
      if (auto existing = live_version_with(store_, subject, *candidate)) {
        result = {existing->id, existing->version};
        stored = store_.schema_by_id(existing->id, context).value_or(candidate->schema);
        return records;
      }
    VersionNumber version = next;
    if (body->version && *body->version != -1) {
      if (importing) {
        if (*body->version < 1 || *body->version > INT32_MAX)
          return errors::invalid_version(std::to_string(*body->version));
        version = static_cast<VersionNumber>(*body->version);
      } else if (*body->version != next) {
        return errors::invalid_schema(to_string(body->type), "Version is not one more than previous version");
      }
    }
    SchemaId id = 0;
    if (importing) {
      if (*body->id < 1 || *body->id > INT32_MAX)
        return errors::operation_not_permitted("Schema id " + std::to_string(*body->id) + " is not valid");
      id = static_cast<SchemaId>(*body->id);
      if (auto bound = store_.identity_of(id, context); bound && *bound != candidate->identity)
        return errors::operation_not_permitted("Overwrite new schema with id " + std::to_string(id) + " in context " +
                                               (context == kDefaultContext ? context : context_prefix(context)) +
                                               " is not permitted.");
      if (auto taken = store_.version(subject, version); taken && taken->id != id)
        return errors::operation_not_permitted("Version " + std::to_string(version) + " of subject " + subject +
                                               " is already bound to schema id " + std::to_string(taken->id));
    } else {
      const bool validate_fields = config && config->validate_fields.value_or(false);
      if (validate_fields)
        if (auto strict = check_strict_fields(*candidate); !strict) return strict.error();
      const auto level = effective_compatibility(store_, subject, options_.default_compatibility);
      const auto group = in_compatibility_group(store_, config, candidate->schema.metadata, live);
      auto verdict = check_against(*parsed_, *candidate, level, group);
      if (!verdict) return verdict.error();
      if (validate_fields) {
        std::optional<Schema> previous;
        if (!live.empty()) previous = store_.schema_by_id(live.back().id, context);
        auto reserved = reserved_field_messages(*candidate, previous);
        verdict->compatible = verdict->compatible && reserved.empty();
        verdict->messages.insert(verdict->messages.begin(), reserved.begin(), reserved.end());
      }
      if (!verdict->compatible) {
        std::string details = "[";
        for (const auto& message : verdict->messages) details += message + ", ";
        details += compatibility_summary(level, validate_fields) + "]";
        return errors::incompatible_schema(subject, details);
      }
      id = store_.id_with_identity(candidate->identity, context).value_or(store_.max_id(context) + 1);
      // Older soft-deleted versions carrying the same id are superseded (Confluent alike).
      for (const auto& v : all)
        if (v.deleted && v.id == id && store_.referenced_by(subject, v.version).empty())
          for (auto& t : tombstones_for(store_, log::schema_key(subject, v.version))) records.push_back(std::move(t));
    }
    // An id already bound keeps its stored text: one text per id, as every reader of the
    // topic (a Confluent node too) expects.
    stored = store_.schema_by_id(id, context).value_or(candidate->schema);
    log::SchemaValue value{subject, version, id, stored, false};
    records.push_back(record_of(log::schema_key(subject, version), log::encode_schema_value(value)));
    result = {id, version};
    return records;
  });
  if (!written) return error_response(written.error());
  if (*written >= 0) spdlog::info("registered {} version {} as id {}", subject, result.version, result.id);
  return json_response(registered_json(result, formatted_schema(*parsed_, request, result.id, stored, context),
                                        guid_of(store_, result.id, context)));
}

// POST /compatibility/subjects/{subject}/versions[/{version}]
Response Api::post_compatibility(const Request& request) {
  const auto& subject = request.segments[2];
  const bool verbose = request.flag("verbose");
  std::optional<std::optional<VersionNumber>> version;  // absent: what the level checks
  if (request.segments.size() == 5) {
    auto parsed = parse_version(request.segments[4]);
    if (!parsed) return error_response(parsed.error());
    version = *parsed;
  }
  auto body = parse_schema_request(request);
  if (!body) return error_response(body.error());
  const bool normalize = request.flag("normalize") || effective_normalize(store_, subject);
  const auto level = effective_compatibility(store_, subject, options_.default_compatibility);
  const auto config = config_in_scope(store_, subject);

  auto versions = live_versions(store_, subject);
  auto answer = [&](bool compatible, std::vector<std::string> messages) {
    Json out;
    out["is_compatible"] = compatible;
    if (verbose) out["messages"] = messages;
    return json_response(out);
  };
  if (version) {
    if (!*version) {
      if (versions.empty()) return answer(true, {});
      versions.erase(versions.begin(), versions.end() - 1);
    } else {
      auto it = std::find_if(versions.begin(), versions.end(),
                             [&](const store::VersionInfo& v) { return v.version == **version; });
      if (it == versions.end()) return error_response(errors::version_not_found(std::to_string(**version)));
      versions = {*it};
    }
  }
  if (!version && body->schema && !body->schema->empty()) {
    // Checked as a registration would be (§5.5): with what the config and the previous
    // version add, against the versions of the candidate's compatibility group.
    std::optional<Schema> previous;
    if (!versions.empty()) previous = store_.schema_by_id(versions.back().id, context_of(versions.back().subject));
    apply_data_contract(*body, config, previous, std::nullopt);
  }
  auto candidate = prepare_candidate(*parsed_, *body, normalize, false, options_.max_references, subject);
  if (!candidate) {
    if (verbose && candidate.error().code == ErrorCode::InvalidSchema) return answer(false, {candidate.error().message});
    return error_response(candidate.error());
  }
  const bool validate_fields = config && config->validate_fields.value_or(false);
  std::vector<std::string> reserved;
  if (validate_fields) {
    std::optional<Schema> previous;
    if (!versions.empty()) previous = store_.schema_by_id(versions.back().id, context_of(versions.back().subject));
    reserved = reserved_field_messages(*candidate, previous);
  }
  if (!version) versions = in_compatibility_group(store_, config, candidate->schema.metadata, std::move(versions));
  auto verdict = check_against(*parsed_, *candidate, level, versions);
  if (!verdict) return error_response(verdict.error());
  verdict->compatible = verdict->compatible && reserved.empty();
  verdict->messages.insert(verdict->messages.begin(), reserved.begin(), reserved.end());
  if (!verdict->compatible) verdict->messages.push_back(compatibility_summary(level, validate_fields));
  return answer(verdict->compatible, verdict->messages);
}

}  // namespace accord::api
