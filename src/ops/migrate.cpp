// `accord migrate`: plan from both registries' states, refuse on conflicts before writing,
// import what is missing in dependency order under IMPORT mode, then settings, then compare.
#include "accord/ops/migrate.hpp"

#include <functional>
#include <set>

namespace accord::ops {
namespace {

using Json = nlohmann::ordered_json;

std::string seg(const std::string& subject) { return serde::encode_path_segment(subject); }
std::string where(const VersionState& v) { return v.subject + " version " + std::to_string(v.version); }

// Every version of the source, each after the versions its references name.
std::vector<const VersionState*> import_order(const RegistryState& source) {
  std::vector<const VersionState*> all;
  for (const auto& [subject, versions] : source.subjects)
    for (const auto& [number, v] : versions) all.push_back(&v);
  std::stable_sort(all.begin(), all.end(), [](auto* a, auto* b) { return a->id < b->id; });
  std::vector<const VersionState*> order;
  std::set<const VersionState*> placed;
  std::function<void(const VersionState*, int)> place = [&](const VersionState* v, int depth) {
    if (placed.count(v) || depth > 64) return;
    placed.insert(v);
    for (const auto& ref : v->schema.references)
      if (const auto* dependency = source.find(ref.subject, ref.version)) place(dependency, depth + 1);
    order.push_back(v);
  };
  for (const auto* v : all) place(v, 0);
  return order;
}

Json register_body(const VersionState& v) {
  Json body;
  body["schema"] = v.schema.text;
  body["schemaType"] = std::string(to_string(v.schema.type));
  if (!v.schema.references.empty()) {
    Json refs = Json::array();
    for (const auto& r : v.schema.references) refs.push_back({{"name", r.name}, {"subject", r.subject}, {"version", r.version}});
    body["references"] = std::move(refs);
  }
  if (v.schema.metadata) body["metadata"] = Json::parse(*v.schema.metadata);
  if (v.schema.rule_set) body["ruleSet"] = Json::parse(*v.schema.rule_set);
  body["id"] = v.id;
  body["version"] = v.version;
  return body;
}

bool same_json(const Json& a, const Json& b) { return nlohmann::json::parse(a.dump()) == nlohmann::json::parse(b.dump()); }

}  // namespace

Result<MigrateReport, RestError> migrate(RestRegistry& from, RestRegistry& to, const MigrateOptions& options,
                                         const ProgressFn& progress) {
  auto source = fetch_registry_state(from, progress);
  if (!source) return source.error();
  auto target = fetch_registry_state(to, progress);
  if (!target) return target.error();
  MigrateReport report;
  report.notes = source->notes;
  if (!target->has_modes) return RestError{0, 0, target->url + " has no /mode: the target must be an Accord node (IMPORT mode)"};

  // ---- plan: what is missing, and every conflict, before any write
  const auto order = import_order(*source);
  report.versions = order.size();
  std::map<SchemaId, std::pair<std::string, const VersionState*>> target_ids;  // id -> identity on the target
  for (const auto& [subject, versions] : target->subjects)
    for (const auto& [number, v] : versions) target_ids.try_emplace(v.id, schema_identity_of(*target, v), &v);
  std::map<SchemaId, std::string> planned_ids;  // ids the plan binds, for conflicts inside the source
  std::vector<const VersionState*> to_import;
  std::vector<const VersionState*> to_soft_delete;
  for (const auto* v : order) {
    const auto identity = schema_identity_of(*source, *v);
    if (const auto* existing = target->find(v->subject, v->version)) {
      if (existing->id != v->id) {
        report.conflicts.push_back(where(*v) + " is id " + std::to_string(existing->id) + " on the target but id " +
                                   std::to_string(v->id) + " on the source");
      } else if (schema_identity_of(*target, *existing) != identity) {
        report.conflicts.push_back(where(*v) + " (id " + std::to_string(v->id) + ") holds a different schema on the target");
      } else if (existing->deleted && !v->deleted) {
        report.conflicts.push_back(where(*v) + " is soft-deleted on the target but live on the source (a soft delete cannot be undone)");
      } else {
        ++report.skipped;
        if (v->deleted && !existing->deleted) to_soft_delete.push_back(v);
      }
      continue;
    }
    if (auto bound = target_ids.find(v->id); bound != target_ids.end() && bound->second.first != identity) {
      report.conflicts.push_back("id " + std::to_string(v->id) + " of " + where(*v) +
                                 " is already bound to a different schema on the target (" +
                                 where(*bound->second.second) + "); nothing was written");
      continue;
    }
    if (auto [it, inserted] = planned_ids.try_emplace(v->id, identity); !inserted && it->second != identity) {
      report.conflicts.push_back("the source binds id " + std::to_string(v->id) + " to two different schemas (" + where(*v) + ")");
      continue;
    }
    to_import.push_back(v);
    if (v->deleted) to_soft_delete.push_back(v);
  }
  report.imported = to_import.size();
  report.soft_deleted = to_soft_delete.size();

  // Settings: configs and modes of the source's scopes that differ on the target.
  std::vector<std::pair<std::string, std::optional<Json>>> config_writes;  // scope ("" = global), body or delete
  if (source->global_config && (!target->global_config || !same_json(*source->global_config, *target->global_config)))
    config_writes.emplace_back("", *source->global_config);
  if (source->has_subject_configs) {
    for (const auto& [subject, config] : source->subject_configs) {
      auto it = target->subject_configs.find(subject);
      if (it == target->subject_configs.end() || !same_json(it->second, config)) config_writes.emplace_back(subject, config);
    }
    for (const auto& [subject, config] : target->subject_configs)
      if (source->subjects.count(subject) && !source->subject_configs.count(subject))
        config_writes.emplace_back(subject, std::nullopt);
  } else {
    report.notes.push_back("per-subject configs are not copied: the source does not answer them");
  }
  std::set<std::string> import_subjects;
  for (const auto* v : to_import) import_subjects.insert(v->subject);
  std::map<std::string, std::optional<std::string>> mode_writes;  // subject -> mode or delete
  if (source->has_modes) {
    for (const auto& [subject, mode] : source->subject_modes) {
      auto it = target->subject_modes.find(subject);
      if (it == target->subject_modes.end() || it->second != mode || import_subjects.count(subject))
        mode_writes[subject] = mode;
    }
    for (const auto& [subject, mode] : target->subject_modes)
      if (source->subjects.count(subject) && !source->subject_modes.count(subject)) mode_writes[subject] = std::nullopt;
  } else {
    report.notes.push_back("modes are not copied: the source does not answer /mode");
  }
  // The global mode the target ends with: the source's, else what the target had.
  const std::string final_mode = source->global_mode.value_or(
      target->global_mode && *target->global_mode != "IMPORT" ? *target->global_mode : "READWRITE");
  const bool global_mode_write = !to_import.empty() || target->global_mode != final_mode;
  report.settings = config_writes.size() + mode_writes.size() + (global_mode_write ? 1 : 0);

  if (!report.conflicts.empty() || options.dry_run) return report;

  // ---- write
  const Json import_mode{{"mode", "IMPORT"}};
  if (!to_import.empty()) {
    // force: a target that already holds subjects (an earlier, interrupted run) still imports.
    if (target->global_mode != "IMPORT")
      if (auto r = to.send("PUT", "/mode?force=true", import_mode); !r) return r.error();
    for (const auto& subject : import_subjects) {
      auto it = target->subject_modes.find(subject);
      if (it != target->subject_modes.end() && it->second != "IMPORT") {
        if (auto r = to.send("PUT", "/mode/" + seg(subject) + "?force=true", import_mode); !r) return r.error();
        if (!mode_writes.count(subject)) mode_writes[subject] = it->second;  // put back afterwards
      }
    }
  }
  uint64_t done = 0;
  const uint64_t total = to_import.size() + to_soft_delete.size();
  for (const auto* v : to_import) {
    auto answer = to.send("POST", "/subjects/" + seg(v->subject) + "/versions", register_body(*v));
    if (!answer) return RestError{answer.error().http_status, answer.error().error_code,
                                  "importing " + where(*v) + " (id " + std::to_string(v->id) + "): " + answer.error().message};
    if (!answer->contains("id") || (*answer)["id"] != v->id.value())
      return RestError{200, 0, "the target registered " + where(*v) + " as " + answer->dump() + " instead of id " + std::to_string(v->id)};
    ops::report(progress, "importing", ++done, total);
  }
  // Users before the versions they reference: a referenced live version cannot be deleted.
  for (auto it = to_soft_delete.rbegin(); it != to_soft_delete.rend(); ++it) {
    const auto* v = *it;
    auto answer = to.send("DELETE", "/subjects/" + seg(v->subject) + "/versions/" + std::to_string(v->version), Json());
    if (!answer && answer.error().error_code != 40406)  // already soft-deleted
      return RestError{answer.error().http_status, answer.error().error_code, "soft-deleting " + where(*v) + ": " + answer.error().message};
    ops::report(progress, "importing", ++done, total);
  }
  for (const auto& [scope, body] : config_writes) {
    const std::string path = scope.empty() ? "/config" : "/config/" + seg(scope);
    auto answer = body ? to.send("PUT", path, *body) : to.send("DELETE", path, Json());
    if (!answer && !(body == std::nullopt && answer.error().http_status == 404)) return answer.error();
  }
  for (const auto& [subject, mode] : mode_writes) {
    const std::string path = "/mode/" + seg(subject);
    auto answer = mode ? to.send("PUT", path + "?force=true", Json{{"mode", *mode}}) : to.send("DELETE", path, Json());
    if (!answer && !(mode == std::nullopt && answer.error().http_status == 404)) return answer.error();
  }
  if (global_mode_write)
    if (auto r = to.send("PUT", "/mode?force=true", Json{{"mode", final_mode}}); !r) return r.error();

  // ---- prove it
  auto after = fetch_registry_state(to, progress);
  if (!after) return after.error();
  report.comparison = compare_states(*source, *after);
  return report;
}

}  // namespace accord::ops
