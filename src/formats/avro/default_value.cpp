#include "default_value.hpp"

#include <cstdint>
#include <limits>

namespace accord::formats::avro {
namespace {

bool fits_int(const Json& v) {
  if (v.is_number_unsigned()) return v.get<uint64_t>() <= static_cast<uint64_t>(std::numeric_limits<int32_t>::max());
  auto i = v.get<int64_t>();
  return i >= std::numeric_limits<int32_t>::min() && i <= std::numeric_limits<int32_t>::max();
}

bool fits_long(const Json& v) {
  return !v.is_number_unsigned() || v.get<uint64_t>() <= static_cast<uint64_t>(std::numeric_limits<int64_t>::max());
}

}  // namespace

bool is_valid_default(const Node& schema, const Json* value) {
  if (value == nullptr) return false;
  const Json& v = *value;
  switch (schema.type) {
    case Type::String:
    case Type::Bytes:
    case Type::Enum:
    case Type::Fixed: return v.is_string();
    case Type::Int: return (v.is_number_integer() || v.is_number_unsigned()) && fits_int(v);
    case Type::Long: return (v.is_number_integer() || v.is_number_unsigned()) && fits_long(v);
    case Type::Float:
    case Type::Double: return v.is_number();
    case Type::Boolean: return v.is_boolean();
    case Type::Null: return v.is_null();
    case Type::Array:
      if (!v.is_array()) return false;
      for (const auto& item : v)
        if (!is_valid_default(*schema.element, &item)) return false;
      return true;
    case Type::Map:
      if (!v.is_object()) return false;
      for (const auto& item : v)
        if (!is_valid_default(*schema.element, &item)) return false;
      return true;
    case Type::Union: return !schema.branches.empty() && is_valid_default(*schema.branches.front(), value);
    case Type::Record:
      if (!v.is_object()) return false;
      for (const auto& field : schema.fields) {
        auto it = v.find(field.name);
        const Json* member = it != v.end() ? &*it : (field.default_value ? &*field.default_value : nullptr);
        if (!is_valid_default(*field.type, member)) return false;
      }
      return true;
  }
  return false;
}

}  // namespace accord::formats::avro
