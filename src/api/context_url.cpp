#include "accord/api/context_url.hpp"

#include "accord/model/errors.hpp"

namespace accord::api {
namespace {

bool names_a_context(std::string_view subject) {
  return subject.starts_with(":.") || subject.starts_with(":*:");
}

// ".team-a", "team-a" or ":.team-a:" -> ":.team-a:"; the default context -> "".
Result<std::string> qualifier_of(std::string context) {
  if (context.starts_with(':')) context.erase(0, 1);
  if (context.ends_with(':')) context.pop_back();
  if (context.find(':') != std::string::npos)
    return errors::bad_request("Context name '" + context + "' cannot contain a colon");
  if (!context.starts_with('.')) context.insert(0, ".");
  return context == "." ? std::string() : ":" + context + ":";
}

std::string qualified(const std::string& qualifier, const std::string& subject) {
  return names_a_context(subject) ? subject : qualifier + subject;
}

// Replaces every value of `name` (or adds one, from `absent`, when there is none).
void qualify_param(Request& request, const std::string& name, const std::string& qualifier, bool add_when_absent) {
  std::vector<std::string> values;
  for (auto [it, end] = request.query.equal_range(name); it != end; ++it) values.push_back(it->second);
  if (values.empty()) {
    if (!add_when_absent || qualifier.empty()) return;
    values.emplace_back();
  }
  request.query.erase(name);
  for (const auto& value : values) request.query.emplace(name, qualified(qualifier, value));
}

}  // namespace

Status apply_context_url(Request& request) {
  auto& segments = request.segments;
  if (segments.size() < 3 || segments[0] != "contexts") return Ok{};
  auto qualifier = qualifier_of(segments[1]);
  if (!qualifier) return qualifier.error();
  std::vector<std::string> rest(segments.begin() + 2, segments.end());
  while (!rest.empty() && rest.back().empty()) rest.pop_back();  // a trailing slash
  if (rest.empty()) return Ok{};

  const bool config_or_mode = rest[0] == "config" || rest[0] == "mode";
  for (std::size_t i = 0; i + 1 < rest.size(); ++i)
    if (rest[i] == "subjects" || (i == 0 && config_or_mode)) rest[i + 1] = qualified(*qualifier, rest[i + 1]);
  if (config_or_mode && rest.size() == 1 && !qualifier->empty()) rest.push_back(*qualifier);

  if (rest.size() >= 2 && rest[0] == "schemas" && rest[1] == "ids") qualify_param(request, "subject", *qualifier, true);
  if (rest.size() == 1 && (rest[0] == "schemas" || rest[0] == "subjects"))
    qualify_param(request, "subjectPrefix", *qualifier, true);
  segments = std::move(rest);
  return Ok{};
}

}  // namespace accord::api
