// Config and mode records, per scope: the top level, a context (`:.ctx:`) or a subject
// (rest-api.md §3.6, §3.7, §5.4).
#include "accord/model/errors.hpp"
#include "accord/registry/registry.hpp"
#include "accord/registry/subject_versions.hpp"
#include "records.hpp"

namespace accord::registry {
namespace {

template <class T>
void apply(const FieldUpdate<T>& update, std::optional<T>& field) {
  if (update) field = *update;
}

void merge(const ConfigUpdate& update, log::ConfigValue& config) {
  apply(update.compatibility_level, config.compatibility_level);
  apply(update.alias, config.alias);
  apply(update.compatibility_group, config.compatibility_group);
  apply(update.default_metadata, config.default_metadata);
  apply(update.override_metadata, config.override_metadata);
  apply(update.default_rule_set, config.default_rule_set);
  apply(update.override_rule_set, config.override_rule_set);
  apply(update.normalize, config.normalize);
  apply(update.validate_fields, config.validate_fields);
  apply(update.validate_rules, config.validate_rules);
}

// The scope's record goes, as `current` reads it under the write: 40401 for a subject or
// context without one, nothing to do at the top level without one.
template <class Current>
auto delete_setting(cluster::Writer& writer, const store::StateStore& store, const Scope& scope,
                    const log::Key& key, Current current) -> Result<decltype(current())> {
  decltype(current()) previous;
  auto written = writer.write([&]() -> Result<std::vector<log::Record>> {
    std::vector<log::Record> records;
    previous = current();
    if (!previous) {
      if (scope) return errors::subject_not_found(*scope);
      return records;
    }
    append_tombstones(store, key, records);
    return records;
  });
  if (!written) return written.error();
  return previous;
}

}  // namespace

Result<log::ConfigValue> Registry::set_config(const Scope& scope, const ConfigUpdate& update) {
  log::ConfigValue merged;
  auto written = writer_.write([&]() -> Result<std::vector<log::Record>> {
    merged = store_.config(scope).value_or(log::ConfigValue{});
    merge(update, merged);
    merged.subject = scope;
    return std::vector<log::Record>{record_of(log::config_key(scope), log::encode_config_value(merged))};
  });
  if (!written) return written.error();
  return merged;
}

Result<log::ConfigValue> Registry::delete_config(const Scope& scope) {
  auto removed = delete_setting(writer_, store_, scope, log::config_key(scope), [&] { return store_.config(scope); });
  if (!removed) return removed.error();
  return removed->value_or(log::ConfigValue{});
}

Status Registry::set_mode(const Scope& scope, Mode mode, bool force) {
  if (mode == Mode::Forward && scope) return errors::forward_mode_not_global();
  if (!options_.mode_mutability) return errors::operation_not_permitted("Mode changes are not allowed");
  auto written = writer_.write([&]() -> Result<std::vector<log::Record>> {
    if (mode == Mode::Import && !force) {
      // Importing into a scope with live subjects would mix ids; Confluent refuses it.
      for (const auto& s : store_.subjects())
        if ((!scope || subject_in_scope(s, *scope)) && !live_versions(store_, s).empty())
          return errors::operation_not_permitted("Cannot import since found existing subjects");
    }
    log::ModeValue value{scope, mode};
    return std::vector<log::Record>{record_of(log::mode_key(scope), log::encode_mode_value(value))};
  });
  if (!written) return written.error();
  return Ok{};
}

Result<Mode> Registry::delete_mode(const Scope& scope) {
  auto removed = delete_setting(writer_, store_, scope, log::mode_key(scope), [&] { return store_.mode(scope); });
  if (!removed) return removed.error();
  return removed->value_or(Mode::ReadWrite);
}

}  // namespace accord::registry
