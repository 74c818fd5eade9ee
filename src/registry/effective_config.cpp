#include "accord/registry/effective_config.hpp"

namespace accord::registry {
namespace {

// Confluent's lookup chain for a config or mode record (InMemoryCache.config / .mode).
template <class T, class Get>
std::optional<T> in_scope(const std::optional<std::string>& subject, Get get) {
  if (subject)
    if (auto own = get(subject)) return own;
  const auto qs = QualifiedSubject::parse(subject.value_or(""));
  if (subject && !qs.in_default_context()) {
    if (auto context = get(std::optional<std::string>(qs.context_prefix()))) return context;
  } else if (auto global = get(std::nullopt)) {
    return global;
  }
  return get(std::optional<std::string>(context_prefix(kGlobalContext)));
}

}  // namespace

std::optional<log::ConfigValue> config_in_scope(const store::StateStore& store,
                                                const std::optional<std::string>& subject) {
  return in_scope<log::ConfigValue>(subject, [&](const std::optional<std::string>& s) { return store.config(s); });
}

std::optional<Mode> mode_in_scope(const store::StateStore& store, const std::optional<std::string>& subject) {
  return in_scope<Mode>(subject, [&](const std::optional<std::string>& s) { return store.mode(s); });
}

CompatibilityLevel effective_compatibility(const store::StateStore& store, const std::optional<std::string>& subject,
                                           CompatibilityLevel fallback) {
  if (auto config = config_in_scope(store, subject)) return config->compatibility_level.value_or(fallback);
  return fallback;
}

bool effective_normalize(const store::StateStore& store, const std::optional<std::string>& subject) {
  if (auto config = config_in_scope(store, subject)) return config->normalize.value_or(false);
  return false;
}

Mode effective_mode(const store::StateStore& store, const std::optional<std::string>& subject) {
  return mode_in_scope(store, subject).value_or(Mode::ReadWrite);
}

}  // namespace accord::registry
