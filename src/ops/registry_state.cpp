// Reading a registry's whole state through the Confluent REST API (registry_state.hpp).
#include "accord/ops/registry_state.hpp"

#include <set>

namespace accord::ops {
namespace {

using Json = nlohmann::ordered_json;

std::string seg(const std::string& subject) { return serde::encode_path_segment(subject); }

bool is_not_found(const RestError& e) { return e.http_status == 404; }
// "Not configured" answers of Confluent and Accord (subject config/mode not set, subject gone).
bool is_not_set(const RestError& e) {
  return e.error_code == 40401 || e.error_code == 40408 || e.error_code == 40409;
}

}  // namespace

const VersionState* RegistryState::find(const std::string& subject, VersionNumber version) const {
  auto s = subjects.find(subject);
  if (s == subjects.end()) return nullptr;
  auto v = s->second.find(version);
  return v == s->second.end() ? nullptr : &v->second;
}

uint64_t RegistryState::version_count() const {
  uint64_t n = 0;
  for (const auto& [subject, versions] : subjects) n += versions.size();
  return n;
}

std::string describe(const RestError& error) {
  if (error.http_status == 0) return error.message;
  return "HTTP " + std::to_string(error.http_status) +
         (error.error_code ? " error " + std::to_string(error.error_code) : std::string()) + ": " + error.message;
}

Result<Json, RestError> RestRegistry::send(const std::string& method, const std::string& target, const Json& body) {
  auto answer = client_.call(method, target, body.is_null() ? std::string() : body.dump());
  if (!answer) {
    const auto& e = answer.error();
    return RestError{e.http_status, e.error_code, redact_url(url_) + " " + method + " " + target + ": " + e.message};
  }
  if (answer->empty()) return Json();
  Json parsed = Json::parse(*answer, nullptr, false);
  if (parsed.is_discarded())
    return RestError{200, 0, redact_url(url_) + " " + method + " " + target + ": the answer is not JSON"};
  return parsed;
}

Result<Json, RestError> RestRegistry::get(const std::string& target) { return send("GET", target, Json()); }

serde::RegistryClientConfig client_config_for(const std::string& url, std::optional<std::string> basic_auth,
                                              std::optional<std::string> bearer) {
  serde::RegistryClientConfig config;
  std::string clean = url;
  if (const auto scheme = url.find("://"); scheme != std::string::npos) {
    const auto authority_end = url.find('/', scheme + 3);
    const auto at = url.rfind('@', authority_end == std::string::npos ? std::string::npos : authority_end);
    if (at != std::string::npos && at > scheme) {
      if (!basic_auth && !bearer) basic_auth = url.substr(scheme + 3, at - scheme - 3);
      clean = url.substr(0, scheme + 3) + url.substr(at + 1);
    }
  }
  while (clean.size() > 1 && clean.back() == '/') clean.pop_back();
  config.urls = {clean};
  config.basic_auth = std::move(basic_auth);
  config.bearer_token = std::move(bearer);
  config.max_retries = 3;
  config.request_timeout = std::chrono::seconds(30);
  return config;
}

std::string redact_url(const std::string& url) {
  const auto scheme = url.find("://");
  if (scheme == std::string::npos) return url;
  const auto authority_end = url.find('/', scheme + 3);
  const auto at = url.rfind('@', authority_end == std::string::npos ? std::string::npos : authority_end);
  if (at == std::string::npos || at < scheme) return url;
  return url.substr(0, scheme + 3) + "***@" + url.substr(at + 1);
}

Result<VersionState, RestError> version_from_json(const Json& body) {
  const auto bad = [&](const std::string& why) { return RestError{200, 0, "unexpected version answer (" + why + "): " + body.dump()}; };
  if (!body.is_object()) return bad("not an object");
  VersionState v;
  try {
    v.subject = body.at("subject").get<std::string>();
    v.version = body.at("version").get<VersionNumber>();
    v.id = body.at("id").get<SchemaId>();
    v.schema.text = body.at("schema").get<std::string>();
  } catch (const Json::exception& e) {
    return bad(e.what());
  }
  if (auto t = body.find("schemaType"); t != body.end() && t->is_string()) {
    auto type = parse_schema_type(t->get<std::string>());
    if (!type) return bad("unknown schemaType " + t->dump());
    v.schema.type = *type;
  }
  if (auto refs = body.find("references"); refs != body.end() && refs->is_array()) {
    for (const auto& r : *refs) {
      try {
        v.schema.references.push_back(
            {r.at("name").get<std::string>(), r.at("subject").get<std::string>(), r.at("version").get<VersionNumber>()});
      } catch (const Json::exception& e) {
        return bad(std::string("reference: ") + e.what());
      }
    }
  }
  if (auto m = body.find("metadata"); m != body.end() && m->is_object() && !m->empty()) v.schema.metadata = m->dump();
  if (auto r = body.find("ruleSet"); r != body.end() && r->is_object() && !r->empty()) v.schema.rule_set = r->dump();
  return v;
}

Result<RegistryState, RestError> fetch_registry_state(RestRegistry& registry, const ProgressFn& progress) {
  RegistryState state;
  state.url = redact_url(registry.url());

  auto all = registry.get("/subjects?deleted=true");
  if (!all && all.error().http_status >= 400 && all.error().http_status < 500) {
    state.shows_deleted = false;
    state.notes.push_back(state.url + " does not list soft-deleted subjects (" + describe(all.error()) +
                          "): only live versions are seen");
    all = registry.get("/subjects");
  }
  if (!all) return all.error();
  auto live = state.shows_deleted ? registry.get("/subjects") : all;
  if (!live) return live.error();
  if (!all->is_array() || !live->is_array()) return RestError{200, 0, state.url + ": /subjects is not a list"};
  std::set<std::string> live_subjects;
  for (const auto& s : *live)
    if (s.is_string()) live_subjects.insert(s.get<std::string>());

  const std::string deleted_query = state.shows_deleted ? "?deleted=true" : "";
  uint64_t done = 0;
  for (const auto& item : *all) {
    if (!item.is_string()) continue;
    const std::string subject = item.get<std::string>();
    auto versions = registry.get("/subjects/" + seg(subject) + "/versions" + deleted_query);
    if (!versions) {
      if (is_not_found(versions.error())) continue;  // deleted meanwhile
      return versions.error();
    }
    if (!versions->is_array()) return RestError{200, 0, state.url + ": the versions of " + subject + " are not a list"};
    std::set<VersionNumber> live_versions;
    if (live_subjects.count(subject)) {
      auto answer = registry.get("/subjects/" + seg(subject) + "/versions");
      if (answer && answer->is_array()) {
        for (const auto& v : *answer)
          if (v.is_number_integer()) live_versions.insert(v.get<VersionNumber>());
      } else if (!answer && !is_not_found(answer.error())) {
        return answer.error();
      }
    }
    auto& out = state.subjects[subject];
    for (const auto& number : *versions) {
      if (!number.is_number_integer()) continue;
      const auto version = number.get<VersionNumber>();
      auto body = registry.get("/subjects/" + seg(subject) + "/versions/" + std::to_string(version) + deleted_query);
      if (!body) {
        if (is_not_found(body.error())) continue;
        return body.error();
      }
      auto parsed = version_from_json(*body);
      if (!parsed) return parsed.error();
      parsed->deleted = !live_versions.count(version);
      out[version] = std::move(*parsed);
    }

    if (state.has_subject_configs) {
      auto config = registry.get("/config/" + seg(subject));
      if (config) state.subject_configs[subject] = std::move(*config);
      else if (!is_not_set(config.error())) {
        state.has_subject_configs = false;
        state.notes.push_back(state.url + " does not answer per-subject config (" + describe(config.error()) + ")");
      }
    }
    if (state.has_modes) {
      auto mode = registry.get("/mode/" + seg(subject));
      if (mode && mode->contains("mode") && (*mode)["mode"].is_string()) {
        state.subject_modes[subject] = (*mode)["mode"].get<std::string>();
      } else if (!mode && !is_not_set(mode.error())) {
        state.has_modes = false;
        state.notes.push_back(state.url + " does not answer /mode/{subject} (" + describe(mode.error()) + ")");
      }
    }
    report(progress, "reading " + state.url, ++done, all->size());
  }

  if (auto config = registry.get("/config")) state.global_config = std::move(*config);
  else state.notes.push_back(state.url + " does not answer /config (" + describe(config.error()) + ")");
  if (state.has_modes) {
    auto mode = registry.get("/mode");
    if (mode && mode->contains("mode") && (*mode)["mode"].is_string()) {
      state.global_mode = (*mode)["mode"].get<std::string>();
    } else {
      state.has_modes = false;
      state.subject_modes.clear();
      state.notes.push_back(state.url + " does not answer /mode (" +
                            (mode ? std::string("no mode in the answer") : describe(mode.error())) + ")");
    }
  }
  return state;
}

}  // namespace accord::ops
