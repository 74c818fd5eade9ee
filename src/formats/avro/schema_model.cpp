#include "schema_model.hpp"

namespace accord::formats::avro {

std::string_view java_type_name(Type type) {
  switch (type) {
    case Type::Null: return "NULL";
    case Type::Boolean: return "BOOLEAN";
    case Type::Int: return "INT";
    case Type::Long: return "LONG";
    case Type::Float: return "FLOAT";
    case Type::Double: return "DOUBLE";
    case Type::Bytes: return "BYTES";
    case Type::String: return "STRING";
    case Type::Record: return "RECORD";
    case Type::Enum: return "ENUM";
    case Type::Array: return "ARRAY";
    case Type::Map: return "MAP";
    case Type::Union: return "UNION";
    case Type::Fixed: return "FIXED";
  }
  return "UNKNOWN";
}

std::string_view avro_type_name(Type type) {
  switch (type) {
    case Type::Null: return "null";
    case Type::Boolean: return "boolean";
    case Type::Int: return "int";
    case Type::Long: return "long";
    case Type::Float: return "float";
    case Type::Double: return "double";
    case Type::Bytes: return "bytes";
    case Type::String: return "string";
    case Type::Record: return "record";
    case Type::Enum: return "enum";
    case Type::Array: return "array";
    case Type::Map: return "map";
    case Type::Union: return "union";
    case Type::Fixed: return "fixed";
  }
  return "unknown";
}

bool is_primitive(Type type) { return type <= Type::String; }
bool is_named(Type type) { return type == Type::Record || type == Type::Enum || type == Type::Fixed; }

}  // namespace accord::formats::avro
