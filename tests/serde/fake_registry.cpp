#include "fake_registry.hpp"

namespace accord::serde::testing {
namespace {

HttpResponse error(int status, int code, const std::string& message) {
  return {status, nlohmann::json{{"error_code", code}, {"message", message}}.dump()};
}

std::string decode(const std::string& segment) {
  std::string out;
  for (size_t i = 0; i < segment.size(); ++i) {
    if (segment[i] == '%' && i + 2 < segment.size()) {
      out.push_back(static_cast<char>(std::stoi(segment.substr(i + 1, 2), nullptr, 16)));
      i += 2;
    } else {
      out.push_back(segment[i]);
    }
  }
  return out;
}

nlohmann::json identity(const nlohmann::json& request) {
  return {{"schema", request.value("schema", "")},
          {"schemaType", request.value("schemaType", "AVRO")},
          {"references", request.value("references", nlohmann::json::array())}};
}

}  // namespace

std::string FakeRegistry::guid_of(int id) {
  char text[40];
  std::snprintf(text, sizeof text, "00000000-0000-4000-8000-%012x", id);
  return text;
}

HttpResponse FakeRegistry::register_or_lookup(const std::string& subject, const std::string& body, bool create) {
  const auto request = nlohmann::json::parse(body);
  auto& versions = subjects[subject];
  for (size_t i = 0; i < versions.size(); ++i)
    if (identity(versions[i].request) == identity(request))
      return {200, nlohmann::json{{"subject", subject}, {"version", i + 1}, {"id", versions[i].id},
                                  {"schema", request["schema"]}}.dump()};
  if (!create) return error(404, 40403, "Schema not found");
  int id = 0;
  for (const auto& [existing, stored] : by_id)
    if (identity(stored) == identity(request)) id = existing;
  if (id == 0) {
    id = next_id_++;
    by_id[id] = identity(request);
  }
  versions.push_back({identity(request), id});
  return {200, nlohmann::json{{"id", id}, {"version", versions.size()}}.dump()};
}

SerdeResult<HttpResponse> FakeRegistry::send(const std::string& base_url, const HttpRequest& request) {
  seen.push_back(base_url + " " + request.method + " " + request.target);
  requests.push_back(request);
  if (!failing_urls.empty() && failing_urls.front() == base_url) {
    failing_urls.pop_front();
    return serde_error(ErrorKind::Transport, base_url + ": connection refused");
  }
  if (!scripted_statuses.empty()) {
    const int status = scripted_statuses.front();
    scripted_statuses.pop_front();
    return error(status, status, "scripted");
  }
  std::vector<std::string> parts;
  std::string target = request.target.substr(0, request.target.find('?'));
  for (size_t start = 1; start <= target.size();) {
    const size_t slash = target.find('/', start);
    parts.push_back(decode(target.substr(start, slash - start)));
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  if (parts.size() == 3 && parts[0] == "schemas" && parts[1] == "ids") {
    auto it = by_id.find(std::stoi(parts[2]));
    if (it == by_id.end()) return error(404, 40403, "Schema " + parts[2] + " not found");
    nlohmann::json body = it->second;
    if (body["schemaType"] == "AVRO") body.erase("schemaType");
    body["guid"] = guid_of(it->first);
    return HttpResponse{200, body.dump()};
  }
  if (parts.size() >= 3 && parts.size() <= 4 && parts[0] == "schemas" && parts[1] == "guids") {
    for (const auto& [id, stored] : by_id) {
      if (guid_of(id) != parts[2]) continue;
      if (parts.size() == 4) return HttpResponse{200, nlohmann::json::array({{{"context", "."}, {"id", id}}}).dump()};
      nlohmann::json body = stored;
      body["guid"] = parts[2];
      return HttpResponse{200, body.dump()};
    }
    if (parts.size() == 4) return HttpResponse{200, "[]"};
    return error(404, 40403, "Schema " + parts[2] + " not found");
  }
  if (parts.size() == 3 && parts[0] == "subjects" && parts[2] == "versions" && request.method == "POST")
    return register_or_lookup(parts[1], request.body, true);
  if (parts.size() == 2 && parts[0] == "subjects" && request.method == "POST")
    return register_or_lookup(parts[1], request.body, false);
  if (parts.size() == 4 && parts[0] == "subjects" && parts[2] == "versions") {
    auto it = subjects.find(parts[1]);
    if (it == subjects.end() || it->second.empty()) return error(404, 40401, "Subject '" + parts[1] + "' not found.");
    const size_t version = parts[3] == "latest" ? it->second.size() : std::stoul(parts[3]);
    if (version < 1 || version > it->second.size()) return error(404, 40402, "Version not found.");
    nlohmann::json body = it->second[version - 1].request;
    body["subject"] = parts[1];
    body["version"] = version;
    body["id"] = it->second[version - 1].id;
    return HttpResponse{200, body.dump()};
  }
  return error(404, 404, "HTTP 404 Not Found");
}

}  // namespace accord::serde::testing
