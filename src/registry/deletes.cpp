// Deleting versions and subjects (soft first, permanent after: rest-api.md §5.3) and
// empty contexts.
#include "accord/model/errors.hpp"
#include "accord/registry/effective_config.hpp"
#include "accord/registry/registry.hpp"
#include "accord/registry/subject_versions.hpp"
#include "records.hpp"

namespace accord::registry {
namespace {

// Does a schema other than those of `subject` (or any, when subject is empty) that is live
// (or any, when include_deleted) reference (target, version)?
bool is_referenced(const store::StateStore& store, const std::string& target, VersionNumber version,
                   bool include_deleted, bool ignore_same_subject) {
  for (const auto& [context, id] : store.referenced_by(target, version))
    for (const auto& user : store.versions_with_id(id, context)) {
      if (ignore_same_subject && user.subject == target) continue;
      if (include_deleted || !user.deleted) return true;
    }
  return false;
}

// After the last version goes, the subject's mode and config go too.
void drop_subject_settings(const store::StateStore& store, const std::string& subject,
                           std::vector<log::Record>& records) {
  if (store.mode(subject)) append_tombstones(store, log::mode_key(subject), records);
  if (store.config(subject)) append_tombstones(store, log::config_key(subject), records);
}

Status check_writable(const store::StateStore& store, const std::string& subject) {
  const Mode mode = effective_mode(store, subject);
  if (mode == Mode::ReadOnly || mode == Mode::ReadOnlyOverride) return errors::subject_read_only(subject);
  return Ok{};
}

}  // namespace

Result<VersionNumber> Registry::delete_version(const std::string& subject, std::optional<VersionNumber> version,
                                               bool permanent) {
  if (auto s = check_writable(store_, subject); !s) return s.error();
  VersionNumber deleted_version{0};
  auto written = writer_.write([&]() -> Result<std::vector<log::Record>> {
    const auto all = store_.versions(subject);
    if (all.empty()) return errors::subject_not_found(subject);
    std::optional<store::VersionInfo> target;
    if (!version) {
      auto live = live_versions(store_, subject);
      if (!live.empty()) target = live.back();
      if (!target) return errors::version_not_found("latest");
    } else {
      for (const auto& v : all)
        if (v.version == *version) target = v;
      if (!target) return errors::version_not_found(std::to_string(*version));
    }
    deleted_version = target->version;
    std::vector<log::Record> records;
    if (!permanent) {
      if (target->deleted) return errors::version_soft_deleted(subject, target->version);
      if (is_referenced(store_, subject, target->version, false, false))
        return errors::reference_exists(subject, target->version);
      auto schema = store_.schema_by_id(target->id, context_of(target->subject));
      if (!schema) return errors::schema_not_found(target->id);
      log::SchemaValue value{subject, target->version, target->id, *schema, true};
      records.push_back(record_of(log::schema_key(subject, target->version), log::encode_schema_value(value)));
      return records;
    }
    if (!target->deleted) return errors::version_not_soft_deleted(subject, target->version);
    if (is_referenced(store_, subject, target->version, true, false))
      return errors::reference_exists(subject, target->version);
    append_tombstones(store_, log::schema_key(subject, target->version), records);
    if (all.size() == 1) drop_subject_settings(store_, subject, records);
    return records;
  });
  if (!written) return written.error();
  return deleted_version;
}

Result<std::vector<VersionNumber>> Registry::delete_subject(const std::string& subject, bool permanent) {
  if (auto s = check_writable(store_, subject); !s) return s.error();
  std::vector<VersionNumber> deleted;
  auto written = writer_.write([&]() -> Result<std::vector<log::Record>> {
    deleted.clear();
    const auto all = store_.versions(subject);
    if (all.empty()) return errors::subject_not_found(subject);
    const auto live = live_versions(store_, subject);
    std::vector<log::Record> records;
    if (!permanent) {
      if (live.empty()) return errors::subject_soft_deleted(subject);
      for (const auto& v : live)
        if (is_referenced(store_, subject, v.version, false, true)) return errors::reference_exists(subject, v.version);
      for (const auto& v : live) deleted.push_back(v.version);
      log::DeleteSubjectValue value{subject, live.back().version};
      records.push_back(record_of(log::delete_subject_key(subject), log::encode_delete_subject_value(value)));
      return records;
    }
    if (!live.empty()) return errors::subject_not_soft_deleted(subject);
    for (const auto& v : all)
      if (is_referenced(store_, subject, v.version, true, true)) return errors::reference_exists(subject, v.version);
    for (auto it = all.rbegin(); it != all.rend(); ++it)  // highest first, as Confluent 8.3
      append_tombstones(store_, log::schema_key(subject, it->version), records);
    for (const auto& v : all) deleted.push_back(v.version);
    drop_subject_settings(store_, subject, records);
    return records;
  });
  if (!written) return written.error();
  return deleted;
}

Status Registry::delete_context(const std::string& context) {
  const std::string delimited = context_prefix(context);
  auto written = writer_.write([&]() -> Result<std::vector<log::Record>> {
    for (const auto& subject : store_.subjects())
      if (context_of(subject) == context) return errors::context_not_empty(delimited.empty() ? context : delimited);
    std::vector<log::Record> records;
    if (store_.has_context(context)) append_tombstones(store_, log::context_key(context), records);
    return records;
  });
  if (!written) return written.error();
  return Ok{};
}

}  // namespace accord::registry
