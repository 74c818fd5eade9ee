#pragma once
// `accord compare`: every difference between two registries' states. Schemas are compared
// by identity (type, the format's normalized text with references resolved, references,
// metadata, ruleSet), not by bytes, so a registry that stores another canonical form of
// the same schema still agrees.
#include <string>
#include <vector>

#include "accord/ops/registry_state.hpp"

namespace accord::ops {

struct Difference {
  std::string kind;   // subject, version, id, deleted, schema, type, references, config, mode
  std::string where;  // e.g. "orders-value version 3", "global config"
  std::string left;   // what the first registry has ("(absent)" when nothing)
  std::string right;
};

struct Comparison {
  std::vector<Difference> differences;
  std::vector<std::string> notes;  // what could not be compared (unsupported endpoints)
  uint64_t subjects = 0;
  uint64_t versions = 0;
  bool equal() const { return differences.empty(); }
};

Comparison compare_states(const RegistryState& left, const RegistryState& right);

// The identity a version's schema is compared by (format-normalized when it parses).
std::string schema_identity_of(const RegistryState& state, const VersionState& version);

}  // namespace accord::ops
