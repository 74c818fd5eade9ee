#pragma once
// The config and mode that apply to a subject, following Confluent's lookup chain
// (InMemoryCache.config / .mode): the subject's own record, else its context's (`:.ctx:`,
// the global record for the default context), else the `:.__GLOBAL:` record.
#include <optional>
#include <string>

#include "accord/log/codec.hpp"
#include "accord/model/types.hpp"
#include "accord/store/state_store.hpp"

namespace accord::registry {

// The config record in scope; nullopt subject: the global record onwards.
std::optional<log::ConfigValue> config_in_scope(const store::StateStore& store,
                                                const std::optional<std::string>& subject);
// The same chain for modes.
std::optional<Mode> mode_in_scope(const store::StateStore& store, const std::optional<std::string>& subject);

// What applies to the subject: the record in scope, else the defaults.
CompatibilityLevel effective_compatibility(const store::StateStore& store, const std::optional<std::string>& subject,
                                           CompatibilityLevel fallback);
bool effective_normalize(const store::StateStore& store, const std::optional<std::string>& subject);
Mode effective_mode(const store::StateStore& store, const std::optional<std::string>& subject);

}  // namespace accord::registry
