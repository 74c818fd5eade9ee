// GET /accord/v1/subjects/{subject}/diff?from=a&to=b: what changed between two versions
// (structural, from formats::outline) and whether each can read the other's data, with
// the registry's compatibility messages. GET .../versions/{v}/outline: one version's
// types and fields. Soft-deleted versions can be compared too: they are history.
#include "accord/api/api.hpp"
#include "accord/compat/checker.hpp"
#include "accord/formats/outline.hpp"
#include "accord/model/errors.hpp"
#include "accord/api/error_response.hpp"
#include "accord/registry/effective_config.hpp"
#include "accord/registry/registry.hpp"
#include "json_io.hpp"
#include "params.hpp"

namespace accord::api {

namespace {

// A version by number or "latest" (the latest live one), soft-deleted ones included.
Result<store::VersionInfo> stored_version(const store::StateStore& store, const std::string& subject,
                                          std::string_view text) {
  auto version = parse_version(text);
  if (!version) return version.error();
  auto latest = store.latest(subject, !*version);
  if (!latest && !store.latest(subject, true)) return errors::subject_not_found(subject);
  if (!*version) {
    if (!latest) return errors::subject_not_found(subject);
    return *latest;
  }
  auto found = store.version(subject, **version);
  if (!found) return errors::version_not_found(std::to_string(**version));
  return *found;
}

Json outline_json(const formats::Outline& outline) {
  Json types = Json::array();
  for (const auto& t : outline.types)
    types.push_back({{"name", t.name}, {"kind", t.kind}, {"doc", t.doc}, {"symbols", t.symbols}});
  Json fields = Json::array();
  for (const auto& f : outline.fields) {
    Json field = {{"path", f.path}, {"name", f.name}, {"type", f.type}, {"doc", f.doc},
                  {"required", f.required}, {"depth", f.depth}};
    field["default"] = f.default_json ? Json(*f.default_json) : Json(nullptr);
    field["number"] = f.number ? Json(*f.number) : Json(nullptr);
    fields.push_back(std::move(field));
  }
  return {{"types", std::move(types)}, {"fields", std::move(fields)}};
}

Json verdict_json(const compat::Verdict& verdict) {
  return {{"is_compatible", verdict.compatible}, {"messages", verdict.messages}};
}

}  // namespace

Response Api::get_subject_version_outline(const Request& request) {
  const auto& subject = request.segments[3];
  auto version = stored_version(store_, subject, request.segments[5]);
  if (!version) return error_response(version.error());
  auto parsed = registry_->parsed().stored(version->id, context_of(version->subject));
  if (!parsed) return error_response(parsed.error());
  Json out;
  out["subject"] = subject;
  out["version"] = version->version;
  out["id"] = version->id;
  out["schemaType"] = std::string(to_string((*parsed)->type()));
  const Json outline = outline_json(formats::outline(**parsed));
  out["types"] = outline["types"];
  out["fields"] = outline["fields"];
  return json_response(out);
}

Response Api::get_subject_diff(const Request& request) {
  const auto& subject = request.segments[3];
  const auto from_text = request.param("from");
  const auto to_text = request.param("to");
  if (!from_text || !to_text)
    return error_response(errors::bad_request("from and to are required: versions (1, 2, ...) or latest"));
  auto from = stored_version(store_, subject, *from_text);
  if (!from) return error_response(from.error());
  auto to = stored_version(store_, subject, *to_text);
  if (!to) return error_response(to.error());
  auto a = registry_->parsed().stored(from->id, context_of(from->subject));
  if (!a) return error_response(a.error());
  auto b = registry_->parsed().stored(to->id, context_of(to->subject));
  if (!b) return error_response(b.error());

  auto side = [&](const store::VersionInfo& v, const formats::ParsedSchema& parsed) {
    auto schema = store_.schema_by_id(v.id, context_of(v.subject));
    Json out = {{"version", v.version}, {"id", v.id}, {"deleted", v.deleted},
                {"schemaType", std::string(to_string(parsed.type()))}};
    out["schema"] = schema ? schema->text : parsed.canonical();
    return out;
  };
  Json out;
  out["subject"] = subject;
  out["from"] = side(*from, **a);
  out["to"] = side(*to, **b);
  Json changes = Json::array();
  for (const auto& c : formats::diff_outlines(formats::outline(**a), formats::outline(**b)))
    changes.push_back({{"kind", c.kind}, {"path", c.path}, {"before", c.before}, {"after", c.after}});
  out["changes"] = std::move(changes);
  // Schemas of two types cannot read each other; say so rather than compare them.
  if ((*a)->type() != (*b)->type()) {
    compat::Verdict differ{false, {"The versions have different schema types"}};
    out["compatibility"] = {{"backward", verdict_json(differ)}, {"forward", verdict_json(differ)}};
    return json_response(out);
  }
  const auto* format = formats::format_for((*b)->type());
  if (!format) return error_response(errors::invalid_schema_type(std::string(to_string((*b)->type()))));
  // `to` checked against `from` as a registration would be: backward, `to` reads data
  // written with `from`; forward, `from` reads data written with `to`.
  const compat::PreviousVersion previous[] = {{from->version, *a}};
  auto backward = compat::check(CompatibilityLevel::Backward, *format, **b, previous);
  auto forward = compat::check(CompatibilityLevel::Forward, *format, **b, previous);
  // The trailing summary a registration would add, with the subject's validateFields.
  const auto config = registry::config_in_scope(store_, subject);
  const bool validate_fields = config && config->validate_fields.value_or(false);
  if (!backward.compatible)
    backward.messages.push_back(registry::compatibility_summary(CompatibilityLevel::Backward, validate_fields));
  if (!forward.compatible)
    forward.messages.push_back(registry::compatibility_summary(CompatibilityLevel::Forward, validate_fields));
  out["compatibility"] = {{"backward", verdict_json(backward)}, {"forward", verdict_json(forward)}};
  return json_response(out);
}

}  // namespace accord::api
