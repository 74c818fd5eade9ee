#include "state_update.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "accord/formats/identity.hpp"

namespace accord::store::detail {

using Family = PendingWrites::Family;

std::optional<keys::VersionEntry> StateUpdate::version_entry(std::string_view subject, VersionNumber version) {
  return keys::read_version([&](const std::string& key) { return writes_.get(key); }, subject, version);
}

std::optional<keys::SchemaEntry> StateUpdate::schema_entry(std::string_view context, SchemaId id) {
  return keys::read_schema([&](const std::string& key) { return writes_.get(key, Family::Schemas); }, context, id);
}

void StateUpdate::remember_variant(const std::string& logical, const std::string& key_bytes,
                                   bool existed) {
  // A logical key's forms are kept only while its entry exists: a new entry has none yet.
  if (!existed && key_bytes == logical) return;
  const std::string key = keys::variants_key(logical);
  auto stored = writes_.get(key);
  if (!stored && key_bytes == logical) return;  // only the canonical encoding so far
  std::vector<std::string> variants;
  if (stored) {
    if (auto decoded = keys::decode_variants(*stored)) variants = std::move(*decoded);
  } else if (existed) {
    variants.push_back(logical);  // the canonical encoding came first
  }
  if (std::find(variants.begin(), variants.end(), key_bytes) != variants.end()) return;
  variants.push_back(key_bytes);
  writes_.put(key, keys::encode_variants(variants));
}

void StateUpdate::forget(const std::string& logical) { writes_.erase(keys::variants_key(logical)); }

void StateUpdate::apply(const log::StoredRecord& stored, DecodedRecord& decoded) {
  if (!decoded.key) {
    if (!decoded.key_error.empty()) spdlog::warn("skipping a record with an unreadable key: {}", decoded.key_error);
    return;
  }
  const auto& key = *decoded.key;
  const auto& key_bytes = *stored.record.key;
  const auto& value = stored.record.value;
  if (key.subject) touched_.insert(*key.subject);
  switch (key.type) {
    case log::KeyType::Schema:
      return apply_schema(key, decoded.logical, key_bytes, value, stored.timestamp_ms, decoded);
    case log::KeyType::Config:
      return apply_config(key, decoded.logical, key_bytes, value);
    case log::KeyType::Mode:
      return apply_mode(key, decoded.logical, key_bytes, value);
    case log::KeyType::DeleteSubject:
      if (!log::is_tombstone(value)) apply_delete_subject(*value);
      return;
    case log::KeyType::ClearSubject:
      return apply_clear_subject(key, value);
    case log::KeyType::Context:
      return apply_context(key, decoded.logical, key_bytes, value);
    case log::KeyType::Noop:
      return;
    case log::KeyType::Unknown: {
      static std::set<std::string> warned;
      if (warned.insert(key.keytype).second)
        spdlog::warn("skipping records of unknown keytype '{}' (warned once)", key.keytype);
      return;
    }
  }
}

void StateUpdate::apply_schema(const log::Key& key, const std::string& logical, const std::string& key_bytes,
                               const std::optional<std::string>& value, int64_t ts, DecodedRecord& decoded) {
  const std::string subject = key.subject.value_or("");
  const VersionNumber version = key.version.value_or(VersionNumber{0});
  if (log::is_tombstone(value)) {
    remove_version(subject, version);
    forget(logical);
    return;
  }
  if (!decoded.schema) {
    spdlog::warn("skipping SCHEMA record {} v{}: {}", subject, version, decoded.value_error);
    return;
  }
  auto& identity = decoded.schema->identity;
  const auto& schema = decoded.schema->value.schema;
  if (identity.empty()) {
    auto bound = schema_entry(context_of(subject), decoded.schema->value.id);
    identity = bound && bound->schema == schema ? bound->identity : stored_identity(schema, subject);
  }
  bool existed = false;
  if (!bind_version(decoded.schema->value, ts, identity, decoded.schema->guid, existed)) return;
  remember_variant(logical, key_bytes, existed);
}

// Binds (subject, version) to the schema's id. A record that would give a taken id to
// another schema, or a taken version to another id, is refused: the first writer wins.
bool StateUpdate::bind_version(const log::SchemaValue& value, int64_t ts, const std::string& identity,
                               const std::string& guid, bool& existed) {
  const auto existing = version_entry(value.subject, value.version);
  existed = existing.has_value();
  if (existing && existing->id != value.id) {
    spdlog::error("refusing SCHEMA record: {} v{} already has id {}, record says {}", value.subject, value.version,
                  existing->id, value.id);
    return false;
  }
  // Ids are numbered per context: the subject's context holds this one.
  const std::string context = context_of(value.subject);
  if (auto bound = schema_entry(context, value.id)) {
    if (bound->identity != identity) {
      spdlog::error("refusing SCHEMA record: id {} is already bound to another schema ({} v{})", value.id,
                    value.subject, value.version);
      return false;
    }
  } else {
    writes_.put(keys::schema_key(context, value.id), keys::encode_schema({value.schema, identity, guid}), Family::Schemas);
    const auto by_identity = keys::identity_key(context, identity);
    if (!writes_.get(by_identity)) writes_.put(by_identity, std::to_string(value.id));
    writes_.put(keys::guid_key(context, guid, value.id), {});
    for (const auto& ref : value.schema.references)
      writes_.put(keys::referrer_key(qualify_with_parent(value.subject, ref.subject), ref.version, context, value.id), {});
    ++counters_.schema_count;
  }
  writes_.put(keys::user_key(context, value.id, value.subject, value.version), {});
  writes_.put(keys::version_key(value.subject, value.version), keys::encode_version({value.id, value.deleted, ts}));
  auto& max_id = counters_.max_ids[context];
  max_id = std::max(max_id, value.id);
  return true;
}

void StateUpdate::remove_version(const std::string& subject, VersionNumber version) {
  auto entry = version_entry(subject, version);
  if (!entry) return;
  const SchemaId id = entry->id;
  const std::string context = context_of(subject);
  writes_.erase(keys::version_key(subject, version));
  writes_.erase(keys::user_key(context, id, subject, version));
  const auto users = keys::user_prefix(context, id);
  if (auto it = writes_.scan(users); it.valid() && it.key().starts_with(users)) return;
  // The last version carrying this id is gone: the id no longer resolves (Confluent alike).
  auto schema = schema_entry(context, id);
  if (!schema) return;
  const auto by_identity = keys::identity_key(context, schema->identity);
  if (writes_.get(by_identity) == std::to_string(id)) writes_.erase(by_identity);
  writes_.erase(keys::guid_key(context, schema->guid, id));
  for (const auto& ref : schema->schema.references)
    writes_.erase(keys::referrer_key(qualify_with_parent(subject, ref.subject), ref.version, context, id));
  writes_.erase(keys::schema_key(context, id), Family::Schemas);
  --counters_.schema_count;
}

void StateUpdate::apply_config(const log::Key& key, const std::string& logical, const std::string& key_bytes,
                               const std::optional<std::string>& value) {
  std::optional<std::string> alias;
  if (!log::is_tombstone(value)) {
    auto decoded = log::decode_config_value(*value);
    if (!decoded) {
      spdlog::warn("skipping CONFIG record: {}", decoded.error().message);
      return;
    }
    alias = decoded->alias;
  }
  if (key.subject) {
    if (alias) writes_.put(keys::alias_key(*key.subject), *alias);
    else writes_.erase(keys::alias_key(*key.subject));
  }
  set_or_delete(keys::config_key(key.subject), logical, key_bytes,
                log::is_tombstone(value) ? std::nullopt : value);
}

void StateUpdate::apply_mode(const log::Key& key, const std::string& logical, const std::string& key_bytes,
                             const std::optional<std::string>& value) {
  if (log::is_tombstone(value)) return set_or_delete(keys::mode_key(key.subject), logical, key_bytes, std::nullopt);
  auto decoded = log::decode_mode_value(*value);
  if (!decoded) {
    spdlog::warn("skipping MODE record: {}", decoded.error().message);
    return;
  }
  set_or_delete(keys::mode_key(key.subject), logical, key_bytes, std::string(to_string(decoded->mode)));
}

void StateUpdate::set_or_delete(const std::string& stored, const std::string& logical, const std::string& key_bytes,
                                const std::optional<std::string>& value) {
  if (!value) {
    writes_.erase(stored);
    forget(logical);
    return;
  }
  const bool existed = writes_.get(stored).has_value();
  writes_.put(stored, *value);
  remember_variant(logical, key_bytes, existed);
}

// Soft-deletes versions 1..version, as a compacted topic would replay them.
void StateUpdate::apply_delete_subject(const std::string& value) {
  auto decoded = log::decode_delete_subject_value(value);
  if (!decoded) {
    spdlog::warn("skipping DELETE_SUBJECT record: {}", decoded.error().message);
    return;
  }
  touched_.insert(decoded->subject);
  const auto prefix = keys::version_prefix(decoded->subject);
  std::vector<std::pair<std::string, keys::VersionEntry>> doomed;
  for (auto it = writes_.scan(prefix); it.valid() && it.key().starts_with(prefix); it.next()) {
    auto version = keys::KeyReader(it.key().substr(prefix.size())).version();
    auto entry = keys::decode_version(it.value());
    if (!version || !entry || *version > decoded->version || entry->deleted) continue;
    entry->deleted = true;
    doomed.emplace_back(std::string(it.key()), *entry);
  }
  for (const auto& [key, entry] : doomed) writes_.put(key, keys::encode_version(entry));
}

void StateUpdate::apply_clear_subject(const log::Key& key, const std::optional<std::string>& value) {
  std::optional<std::string> scope = key.subject;
  if (!log::is_tombstone(value))
    if (auto decoded = log::decode_clear_subject_value(*value); decoded && decoded->subject) scope = decoded->subject;
  // A plain subject is its own scope: only its versions are read. A context (or no scope)
  // covers many subjects: every version is looked at, as rarely as such a record comes.
  const bool one_subject = scope && !scope->starts_with(':');
  if (!one_subject) touched_all_ = true;
  const std::string prefix = one_subject ? keys::version_prefix(*scope) : std::string(keys::kVersions);
  std::vector<std::pair<std::string, VersionNumber>> doomed;
  for (auto it = writes_.scan(prefix); it.valid() && it.key().starts_with(prefix); it.next()) {
    keys::KeyReader reader(it.key().substr(keys::kVersions.size()));
    auto subject = reader.text();
    auto version = reader.version();
    auto entry = keys::decode_version(it.value());
    if (!subject || !version || !entry || !entry->deleted) continue;
    if (scope && !subject_in_scope(*subject, *scope)) continue;
    doomed.emplace_back(std::move(*subject), *version);
  }
  for (const auto& [subject, version] : doomed) {
    remove_version(subject, version);
    forget(log::logical_key(log::schema_key(subject, version)));
  }
}

// A CONTEXT record names a non-default context (`/contexts`); its tombstone removes it.
void StateUpdate::apply_context(const log::Key& key, const std::string& logical, const std::string& key_bytes,
                                const std::optional<std::string>& value) {
  const std::string context = key.context.value_or("");
  if (context.empty() || context == kDefaultContext) return;
  if (key.tenant && *key.tenant != log::kDefaultTenant) {
    spdlog::warn("skipping CONTEXT record of tenant '{}': only the default tenant is served", *key.tenant);
    return;
  }
  set_or_delete(keys::context_key(context), logical, key_bytes,
                log::is_tombstone(value) ? std::nullopt : std::optional<std::string>(std::string()));
}

std::string StateUpdate::stored_identity(const Schema& schema, std::string_view referrer) {
  if (schema.references.empty()) return formats::stored_schema_identity(schema, {});
  auto lookup = [&](const SchemaReference& ref) -> std::optional<formats::ReferenceTarget> {
    std::optional<VersionNumber> version;
    std::optional<keys::VersionEntry> entry;
    if (ref.version == -1) {
      // The latest live version: the last one not soft-deleted.
      const auto prefix = keys::version_prefix(ref.subject);
      for (auto it = writes_.scan(prefix); it.valid() && it.key().starts_with(prefix); it.next()) {
        auto number = keys::KeyReader(it.key().substr(prefix.size())).version();
        auto candidate = keys::decode_version(it.value());
        if (number && candidate && !candidate->deleted) version = number, entry = candidate;
      }
    } else if ((entry = version_entry(ref.subject, ref.version))) {
      version = ref.version;
    }
    if (!entry) return std::nullopt;
    auto target = schema_entry(context_of(ref.subject), entry->id);
    if (!target) return std::nullopt;
    // The target's own references live in the target's context.
    auto nested = target->schema.references;
    for (auto& n : nested) n.subject = qualify_with_parent(ref.subject, n.subject);
    return formats::ReferenceTarget{ref.subject, *version, target->schema.text, std::move(nested)};
  };
  auto references = formats::resolve_references(qualified_references(schema.references, referrer), lookup, SIZE_MAX,
                                                to_string(schema.type));
  // A reference this store cannot resolve: the schema can still match itself byte for byte.
  if (!references) return formats::identity_digest(schema.text, schema);
  return formats::stored_schema_identity(schema, *references);
}

}  // namespace accord::store::detail
