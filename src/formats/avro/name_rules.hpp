#pragma once
// Avro names: validation and the namespace rules for full names.
#include <optional>
#include <string>
#include <string_view>

namespace accord::formats::avro {

struct QualifiedName {
  std::string name;   // short name
  std::string space;  // empty = no namespace
  std::string full;
};

// Empty when `name` is a valid Avro name ([A-Za-z_][A-Za-z0-9_]*), else Java's reason.
std::optional<std::string> name_error(std::string_view name);

// Java's Name(name, space): a dotted name carries its own namespace; "" means none.
QualifiedName qualify(std::string_view name, std::string_view space);

}  // namespace accord::formats::avro
