#include "accord/api/subject_alias.hpp"

namespace accord::api {
namespace {

// ":.ctx:" of a subject qualified with a non-default context, else "".
std::string context_qualifier(const std::string& subject) {
  if (!subject.starts_with(":.")) return {};
  const auto end = subject.find(':', 1);
  if (end == std::string::npos) return {};
  std::string qualifier = subject.substr(0, end + 1);
  return qualifier == ":.:" ? std::string() : qualifier;
}

std::string resolved(const std::string& subject, const AliasLookup& alias_of) {
  if (subject.empty()) return subject;
  auto alias = alias_of(subject);
  return alias && !alias->empty() ? alias_target(subject, *alias) : subject;
}

}  // namespace

std::string alias_target(const std::string& subject, const std::string& alias) {
  if (alias.starts_with(":.") || alias.starts_with(":*:")) return alias;
  return context_qualifier(subject) + alias;
}

void apply_subject_alias(Request& request, const AliasLookup& alias_of) {
  auto& segments = request.segments;
  for (std::size_t i = 0; i + 1 < segments.size(); ++i)
    if (segments[i] == "subjects") segments[i + 1] = resolved(segments[i + 1], alias_of);
  if (segments.size() >= 2 && segments[0] == "schemas" && segments[1] == "ids") {
    if (auto it = request.query.find("subject"); it != request.query.end()) {
      std::string subject = resolved(it->second, alias_of);
      request.query.erase("subject");
      request.query.emplace("subject", std::move(subject));
    }
  }
}

}  // namespace accord::api
