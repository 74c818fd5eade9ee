#pragma once
// The registry's operations, typed and without HTTP: each one decides from the store's
// current state what the request means (compatibility, ids, versions, tombstones), encodes
// the records that say so and appends them through the cluster's Writer, under its write
// lock, so that no request is ever half-applied. The api parses a request, calls one
// operation and renders its result (docs/architecture.md, "The write path").
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "accord/cluster/writer.hpp"
#include "accord/compat/checker.hpp"
#include "accord/log/codec.hpp"
#include "accord/model/error.hpp"
#include "accord/model/types.hpp"
#include "accord/registry/parsed_schema_cache.hpp"
#include "accord/registry/schema_request.hpp"
#include "accord/store/state_store.hpp"

namespace accord::registry {

struct RegistryOptions {
  CompatibilityLevel default_compatibility = CompatibilityLevel::Backward;  // schema.compatibility.level
  bool mode_mutability = true;                                             // mode.mutability
  std::size_t max_references = 1000;
  std::size_t parsed_cache_bytes = 16u << 20;  // parsed stored schemas kept for compatibility checks
};

// POST /subjects/{subject}/versions. In IMPORT (or FORWARD) mode the request carries the
// id (and may carry the version) to register under; in any other mode it must not.
struct Registration {
  std::string subject;  // valid, `:.:s` already `s`
  SchemaRequest schema;
  bool normalize = false;  // ?normalize: the subject's config may also ask for it
};

struct Registered {
  SchemaId id{0};
  VersionNumber version{0};
  Schema schema;  // as stored under the id: an id already bound keeps its first text
};

// POST /subjects/{subject}: which version of the subject holds the schema.
struct Lookup {
  std::string subject;
  SchemaRequest schema;
  bool normalize = false;
  bool include_deleted = false;
};

struct Found {
  store::VersionInfo version;
  Schema schema;
};

// POST /compatibility/subjects/{subject}/versions[/{version}].
struct CompatibilityCheck {
  std::string subject;
  SchemaRequest schema;
  // Absent: the versions the subject's level checks. nullopt inside: the latest; else that one.
  std::optional<std::optional<VersionNumber>> version;
  bool normalize = false;
  bool verbose = false;  // an invalid schema is then a verdict with its message, not an error
};

// One field of a config update: absent keeps the stored value, an empty value clears it.
template <class T>
using FieldUpdate = std::optional<std::optional<T>>;

// PUT /config[/{subject}] (Confluent's ConfigUpdateRequest), merged into the stored record.
struct ConfigUpdate {
  FieldUpdate<CompatibilityLevel> compatibility_level{};
  FieldUpdate<std::string> alias{};
  FieldUpdate<std::string> compatibility_group{};
  FieldUpdate<std::string> default_metadata{};  // compact JSON objects, as stored
  FieldUpdate<std::string> override_metadata{};
  FieldUpdate<std::string> default_rule_set{};
  FieldUpdate<std::string> override_rule_set{};
  FieldUpdate<bool> normalize{};
  FieldUpdate<bool> validate_fields{};
  FieldUpdate<bool> validate_rules{};
};

// A config or mode scope: a subject, a context (`:.ctx:`), or nullopt for the top level.
using Scope = std::optional<std::string>;

struct Candidate;  // a submitted schema, parsed (private to src/registry)

class Registry {
 public:
  Registry(store::StateStore& store, cluster::Writer& writer, RegistryOptions options);

  // Registers the schema (Confluent's algorithm, rest-api.md §5.2): the version that already
  // holds it, or a new version after the compatibility check, reusing the context's id for
  // the same schema or allocating the next one; IMPORT takes the id and version it is given.
  Result<Registered> register_schema(const Registration& request);
  // The registration a node can answer without the writer: the subject already holds the
  // schema and the request asks for nothing the writer must decide. nullopt otherwise.
  std::optional<Registered> existing_registration(const Registration& request) const;
  // The version holding the schema, matched by identity; an unqualified subject that does
  // not hold it is also looked up in every named context.
  Result<Found> lookup(const Lookup& request) const;
  // The verdict a registration would get (§5.5), or against the version named; Confluent's
  // messages, the trailing compatibility_summary included when incompatible.
  Result<compat::Verdict> check_compatibility(const CompatibilityCheck& request);

  // DELETE /subjects/{subject}/versions/{version}: soft first, permanent after. nullopt
  // version: the latest live one. Answers the version deleted.
  Result<VersionNumber> delete_version(const std::string& subject, std::optional<VersionNumber> version,
                                       bool permanent);
  // DELETE /subjects/{subject}: every version, soft first, permanent after.
  Result<std::vector<VersionNumber>> delete_subject(const std::string& subject, bool permanent);

  // Answers the record as written.
  Result<log::ConfigValue> set_config(const Scope& scope, const ConfigUpdate& update);
  // Answers the record removed (an empty one at the top level when there was none).
  Result<log::ConfigValue> delete_config(const Scope& scope);
  // `force`: IMPORT even over live subjects.
  Status set_mode(const Scope& scope, Mode mode, bool force);
  // Answers the mode removed (READWRITE at the top level when there was none).
  Result<Mode> delete_mode(const Scope& scope);
  // Removes an empty named context (".team-a"); one that was never recorded is fine.
  Status delete_context(const std::string& context);

  // Stored schemas parsed once, for the reads that render them in another format.
  ParsedSchemaCache& parsed() { return parsed_; }

 private:
  Result<Registered> plan_registration(const Registration& request, const std::optional<log::ConfigValue>& config,
                                       bool normalize, std::vector<log::Record>& records);
  Result<Registered> plan_import(const Registration& request, const Candidate& candidate,
                                 std::vector<log::Record>& records);

  store::StateStore& store_;
  cluster::Writer& writer_;
  RegistryOptions options_;
  ParsedSchemaCache parsed_;
};

// Confluent's trailing element of a compatibility message list:
// {validateFields: 'false', compatibility: 'X'}, validateFields as the subject's config has it.
std::string compatibility_summary(CompatibilityLevel level, bool validate_fields);

}  // namespace accord::registry
