#include "name_rules.hpp"

namespace accord::formats::avro {
namespace {
bool initial_char(char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_'; }
bool later_char(char c) { return initial_char(c) || (c >= '0' && c <= '9'); }
}  // namespace

std::optional<std::string> name_error(std::string_view name) {
  if (name.empty()) return std::string("Empty name");
  if (!initial_char(name.front())) return "Illegal initial character: " + std::string(name);
  for (char c : name.substr(1))
    if (!later_char(c)) return "Illegal character in: " + std::string(name);
  return std::nullopt;
}

QualifiedName qualify(std::string_view name, std::string_view space) {
  QualifiedName out;
  auto dot = name.rfind('.');
  if (dot == std::string_view::npos) {
    out.name = std::string(name);
    out.space = std::string(space);
  } else {
    out.name = std::string(name.substr(dot + 1));
    out.space = std::string(name.substr(0, dot));
  }
  out.full = out.space.empty() ? out.name : out.space + "." + out.name;
  return out;
}

}  // namespace accord::formats::avro
