// `accord compare`: the differences between two registry states (compare.hpp).
#include "accord/ops/compare.hpp"

#include <functional>
#include <set>

#include "accord/formats/format.hpp"

namespace accord::ops {
namespace {

constexpr const char* kAbsent = "(absent)";

// The referenced schemas of `version`, dependencies first, each name once.
std::vector<formats::ResolvedReference> resolve(const RegistryState& state, const VersionState& version) {
  std::vector<formats::ResolvedReference> out;
  std::set<std::string> seen;
  std::function<void(const std::vector<SchemaReference>&, int)> walk = [&](const auto& refs, int depth) {
    if (depth > 64) return;  // a cycle cannot be registered; stay finite on a broken source anyway
    for (const auto& ref : refs) {
      if (seen.count(ref.name)) continue;
      const VersionState* target = state.find(ref.subject, ref.version);
      if (!target) continue;  // the parse then fails and the identity falls back to the raw text
      seen.insert(ref.name);
      walk(target->schema.references, depth + 1);
      out.push_back({ref.name, ref.subject, ref.version, target->schema.text});
    }
  };
  walk(version.schema.references, 0);
  return out;
}

std::string references_text(const std::vector<SchemaReference>& refs) {
  std::string out = "[";
  for (const auto& r : refs) {
    if (out.size() > 1) out += ", ";
    out += r.name + " -> " + r.subject + "/" + std::to_string(r.version);
  }
  return out + "]";
}

nlohmann::json unordered(const nlohmann::ordered_json& j) { return nlohmann::json::parse(j.dump()); }

std::string shown(const std::optional<nlohmann::ordered_json>& j) { return j ? j->dump() : kAbsent; }

}  // namespace

std::string schema_identity_of(const RegistryState& state, const VersionState& version) {
  const Schema& schema = version.schema;
  std::string text = "unparsed:" + schema.text;
  if (const auto* format = formats::format_for(schema.type)) {
    const auto refs = resolve(state, version);
    if (auto parsed = format->parse(schema.text, refs)) text = (*parsed)->normalized();
  }
  std::string identity = std::string(to_string(schema.type)) + "\n" + text + "\n" + references_text(schema.references);
  identity += "\n" + (schema.metadata ? unordered(nlohmann::ordered_json::parse(*schema.metadata)).dump() : "");
  identity += "\n" + (schema.rule_set ? unordered(nlohmann::ordered_json::parse(*schema.rule_set)).dump() : "");
  return identity;
}

Comparison compare_states(const RegistryState& left, const RegistryState& right) {
  Comparison out;
  for (const auto* s : {&left, &right}) out.notes.insert(out.notes.end(), s->notes.begin(), s->notes.end());
  const bool with_deleted = left.shows_deleted && right.shows_deleted;
  if (!with_deleted) out.notes.push_back("soft-deleted versions are not compared: one registry does not show them");
  auto add = [&](std::string kind, std::string where, std::string l, std::string r) {
    out.differences.push_back({std::move(kind), std::move(where), std::move(l), std::move(r)});
  };
  // The versions a side shows that take part in the comparison.
  auto visible = [&](const RegistryState& state, const std::string& subject) {
    std::map<VersionNumber, const VersionState*> versions;
    if (auto it = state.subjects.find(subject); it != state.subjects.end())
      for (const auto& [number, v] : it->second)
        if (with_deleted || !v.deleted) versions[number] = &v;
    return versions;
  };

  std::set<std::string> subjects;
  for (const auto* s : {&left, &right})
    for (const auto& [name, versions] : s->subjects) subjects.insert(name);
  for (const auto& subject : subjects) {
    const auto l = visible(left, subject);
    const auto r = visible(right, subject);
    if (l.empty() && r.empty()) continue;
    ++out.subjects;
    if (l.empty() || r.empty()) {
      add("subject", subject, l.empty() ? kAbsent : std::to_string(l.size()) + " versions",
          r.empty() ? kAbsent : std::to_string(r.size()) + " versions");
      continue;
    }
    std::set<VersionNumber> numbers;
    for (const auto& [n, v] : l) numbers.insert(n);
    for (const auto& [n, v] : r) numbers.insert(n);
    for (VersionNumber n : numbers) {
      ++out.versions;
      const std::string where = subject + " version " + std::to_string(n);
      auto li = l.find(n);
      auto ri = r.find(n);
      if (li == l.end() || ri == r.end()) {
        auto present = [](const VersionState* v) { return "id " + std::to_string(v->id) + (v->deleted ? " (soft-deleted)" : ""); };
        add("version", where, li == l.end() ? kAbsent : present(li->second), ri == r.end() ? kAbsent : present(ri->second));
        continue;
      }
      const VersionState& a = *li->second;
      const VersionState& b = *ri->second;
      if (a.id != b.id) add("id", where, std::to_string(a.id), std::to_string(b.id));
      if (a.deleted != b.deleted)
        add("deleted", where, a.deleted ? "soft-deleted" : "live", b.deleted ? "soft-deleted" : "live");
      if (a.schema.type != b.schema.type)
        add("type", where, std::string(to_string(a.schema.type)), std::string(to_string(b.schema.type)));
      if (a.schema.references != b.schema.references)
        add("references", where, references_text(a.schema.references), references_text(b.schema.references));
      else if (schema_identity_of(left, a) != schema_identity_of(right, b))
        add("schema", where, a.schema.text, b.schema.text);
    }
  }

  if (left.global_config && right.global_config) {
    if (unordered(*left.global_config) != unordered(*right.global_config))
      add("config", "global config", left.global_config->dump(), right.global_config->dump());
  }
  if (left.has_subject_configs && right.has_subject_configs) {
    std::set<std::string> scoped;
    for (const auto* s : {&left, &right})
      for (const auto& [name, c] : s->subject_configs) scoped.insert(name);
    for (const auto& subject : scoped) {
      auto find = [&](const RegistryState& s) -> std::optional<nlohmann::ordered_json> {
        auto it = s.subject_configs.find(subject);
        if (it == s.subject_configs.end()) return std::nullopt;
        return it->second;
      };
      const auto a = find(left), b = find(right);
      if (!a || !b || unordered(*a) != unordered(*b)) add("config", "config of " + subject, shown(a), shown(b));
    }
  }
  if (left.has_modes && right.has_modes) {
    if (left.global_mode != right.global_mode)
      add("mode", "global mode", left.global_mode.value_or(kAbsent), right.global_mode.value_or(kAbsent));
    std::set<std::string> scoped;
    for (const auto* s : {&left, &right})
      for (const auto& [name, m] : s->subject_modes) scoped.insert(name);
    for (const auto& subject : scoped) {
      auto find = [&](const RegistryState& s) -> std::string {
        auto it = s.subject_modes.find(subject);
        return it == s.subject_modes.end() ? kAbsent : it->second;
      };
      if (find(left) != find(right)) add("mode", "mode of " + subject, find(left), find(right));
    }
  }
  return out;
}

}  // namespace accord::ops
