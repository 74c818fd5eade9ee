#include "params.hpp"

#include <algorithm>
#include <cctype>
#include <climits>

#include "accord/model/errors.hpp"

namespace accord::api {

Result<std::optional<VersionNumber>> parse_version(std::string_view text) {
  std::string trimmed(text);
  trimmed.erase(0, trimmed.find_first_not_of(" \t"));
  trimmed.erase(trimmed.find_last_not_of(" \t") + 1);
  std::string lower = trimmed;
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  if (lower == "latest") return std::optional<VersionNumber>{};
  try {
    std::size_t used = 0;
    const long long value = std::stoll(trimmed, &used);
    if (used == trimmed.size()) {
      if (value == -1) return std::optional<VersionNumber>{};
      if (value >= 1 && value <= INT_MAX) return std::optional<VersionNumber>(static_cast<VersionNumber>(value));
    }
  } catch (...) {
  }
  return errors::invalid_version(text);
}

Result<SchemaId> parse_id(std::string_view text) {
  try {
    std::size_t used = 0;
    const std::string s(text);
    const long long value = std::stoll(s, &used);
    if (used == s.size() && value >= 0 && value <= INT_MAX) return static_cast<SchemaId>(value);
  } catch (...) {
  }
  return errors::not_found_path();
}

std::optional<std::string> config_scope(const Request& request) {
  if (request.segments.size() < 2) return std::nullopt;
  // `:.:` names the default context itself: the top level (Confluent's isDefaultContext).
  if (request.segments[1].empty()) return std::nullopt;
  return request.segments[1];
}

bool matches_subject_prefix(std::string_view subject, std::string_view prefix) {
  const auto own = QualifiedSubject::parse(subject);
  const auto wanted = QualifiedSubject::parse(prefix);
  if (wanted.context == "*") return own.name.starts_with(wanted.name);
  const bool context_open = prefix.starts_with(":.") && prefix.find(':', 2) == std::string_view::npos;
  if (context_open) return own.context.starts_with(wanted.context);
  return own.context == wanted.context && own.name.starts_with(wanted.name);
}

}  // namespace accord::api
