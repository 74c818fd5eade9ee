#include "accord/model/types.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>

namespace accord {
namespace {

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::toupper(static_cast<unsigned char>(x)) == std::toupper(static_cast<unsigned char>(y));
         });
}

template <class E, std::size_t N>
std::optional<E> lookup(const std::array<std::pair<E, std::string_view>, N>& table, std::string_view text) {
  for (const auto& [value, name] : table)
    if (iequals(name, text)) return value;
  return std::nullopt;
}

template <class E, std::size_t N>
std::string_view name_of(const std::array<std::pair<E, std::string_view>, N>& table, E value) {
  for (const auto& [v, name] : table)
    if (v == value) return name;
  return "";
}

constexpr std::array<std::pair<SchemaType, std::string_view>, 3> kTypes{{
    {SchemaType::Avro, "AVRO"},
    {SchemaType::Json, "JSON"},
    {SchemaType::Protobuf, "PROTOBUF"},
}};

constexpr std::array<std::pair<CompatibilityLevel, std::string_view>, 7> kLevels{{
    {CompatibilityLevel::None, "NONE"},
    {CompatibilityLevel::Backward, "BACKWARD"},
    {CompatibilityLevel::BackwardTransitive, "BACKWARD_TRANSITIVE"},
    {CompatibilityLevel::Forward, "FORWARD"},
    {CompatibilityLevel::ForwardTransitive, "FORWARD_TRANSITIVE"},
    {CompatibilityLevel::Full, "FULL"},
    {CompatibilityLevel::FullTransitive, "FULL_TRANSITIVE"},
}};

constexpr std::array<std::pair<Mode, std::string_view>, 5> kModes{{
    {Mode::ReadWrite, "READWRITE"},
    {Mode::ReadOnly, "READONLY"},
    {Mode::ReadOnlyOverride, "READONLY_OVERRIDE"},
    {Mode::Import, "IMPORT"},
    {Mode::Forward, "FORWARD"},
}};

}  // namespace

std::string_view to_string(SchemaType type) { return name_of(kTypes, type); }
std::optional<SchemaType> parse_schema_type(std::string_view text) {
  if (text.empty()) return SchemaType::Avro;
  return lookup(kTypes, text);
}

std::string_view to_string(CompatibilityLevel level) { return name_of(kLevels, level); }
std::optional<CompatibilityLevel> parse_compatibility_level(std::string_view text) {
  return lookup(kLevels, text);
}

std::string_view to_string(Mode mode) { return name_of(kModes, mode); }
std::optional<Mode> parse_mode(std::string_view text) { return lookup(kModes, text); }

QualifiedSubject QualifiedSubject::parse(std::string_view text) {
  QualifiedSubject out;
  if (text.starts_with(":.")) {
    // The context runs to the next colon after ":."; without one the whole rest is the context.
    const auto end = text.find(':', 2);
    if (end == std::string_view::npos) {
      out.context = std::string(text.substr(1));
    } else {
      out.context = std::string(text.substr(1, end - 1));
      out.name = std::string(text.substr(end + 1));
    }
  } else if (text.starts_with(kContextWildcard)) {
    out.context = "*";
    out.name = std::string(text.substr(kContextWildcard.size()));
  } else {
    out.name = std::string(text);
  }
  return out;
}

std::string context_prefix(std::string_view context) {
  if (context == kDefaultContext) return "";
  return ":" + std::string(context) + ":";
}

std::string QualifiedSubject::context_prefix() const { return accord::context_prefix(context); }

std::string qualify_with_parent(std::string_view parent, std::string_view subject) {
  auto own = QualifiedSubject::parse(subject);
  if (!own.in_default_context()) return own.qualified();
  auto parent_context = QualifiedSubject::parse(parent).context;
  if (parent_context == kDefaultContext || parent_context == "*") return own.qualified();
  own.context = parent_context;
  return own.qualified();
}

std::vector<SchemaReference> qualified_references(std::vector<SchemaReference> references, std::string_view referrer) {
  for (auto& ref : references) ref.subject = qualify_with_parent(referrer, ref.subject);
  return references;
}

bool subject_in_scope(std::string_view subject, std::string_view scope) {
  if (subject == scope) return true;
  const auto qs = QualifiedSubject::parse(scope);
  if (!qs.name.empty()) return false;
  return qs.context == kGlobalContext || qs.context == context_of(subject);
}

bool is_valid_subject(std::string_view subject, bool config_or_mode) {
  const bool control = std::any_of(subject.begin(), subject.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u < 0x20 || u == 0x7f;
  });
  if (control) return false;
  const auto qs = QualifiedSubject::parse(subject);
  if (qs.name == "__GLOBAL" || qs.name == "__EMPTY" || qs.context == "*") return false;
  if (config_or_mode) return !qs.name.empty() || !qs.in_default_context();
  return !qs.name.empty() && qs.context != kGlobalContext;
}

}  // namespace accord
