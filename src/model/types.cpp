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

bool is_valid_subject(std::string_view subject) {
  if (subject.empty() || subject == "__GLOBAL" || subject == "__EMPTY") return false;
  return std::none_of(subject.begin(), subject.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u < 0x20 || u == 0x7f;
  });
}

}  // namespace accord
