#pragma once
// Data contracts [7.4+] (rest-api.md §5.8): what a subject's configuration adds to a
// registration or a lookup (private to registry/). See docs/data-contracts.md.
#include <optional>
#include <string>
#include <vector>

#include "accord/log/codec.hpp"
#include "accord/registry/schema_request.hpp"
#include "accord/store/state_store.hpp"

namespace accord::registry {

// True when the config adds metadata or rules to registrations (Confluent then skips the
// register fast path, whose answer could miss what the config adds).
bool adds_to_registrations(const std::optional<log::ConfigValue>& config);

// Metadata.mergeMetadata / RuleSet.mergeRuleSets over compact JSON: properties and tags of
// `newer` win key by key, sensitive names are united, rules of `newer` replace those of
// `older` with the same name (appended after the remaining ones). Absent or empty inputs
// give the other side.
std::optional<std::string> merge_metadata(const std::optional<std::string>& older,
                                          const std::optional<std::string>& newer);
std::optional<std::string> merge_rule_set(const std::optional<std::string>& older,
                                          const std::optional<std::string>& newer);

// Fills `request` as Confluent does before registering (new_version set) or before a
// lookup's second attempt (new_version nullopt): the previous (latest live) version's
// schema text, type and references when the request has no schema text; metadata =
// merge(defaultMetadata, request's or else previous version's, overrideMetadata), ruleSet
// alike; `confluent:version` set to new_version when the request names a version or the
// merged metadata already has it.
void apply_data_contract(SchemaRequest& request, const std::optional<log::ConfigValue>& config,
                         const std::optional<Schema>& previous, std::optional<VersionNumber> new_version);

// The versions in the candidate's compatibility group: with `compatibilityGroup` set, only
// those whose metadata property of that name equals the candidate's (both may lack it).
std::vector<store::VersionInfo> in_compatibility_group(const store::StateStore& store,
                                                       const std::optional<log::ConfigValue>& config,
                                                       const std::optional<std::string>& candidate_metadata,
                                                       std::vector<store::VersionInfo> versions);

}  // namespace accord::registry
