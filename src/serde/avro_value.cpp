#include <cmath>
#include <cstdlib>
#include <limits>

#include "accord/serde/avro.hpp"

namespace accord::serde {
namespace {

SerdeError mismatch(const std::string& path, const std::string& expected, const nlohmann::json& got) {
  return serde_error(ErrorKind::ValidationFailed, (path.empty() ? "/" : path) + ": expected " + expected + ", got " +
                                                      std::string(got.type_name()) + " " + got.dump());
}

std::string escape_pointer(const std::string& token) {
  std::string out;
  for (char c : token) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out.push_back(c);
  }
  return out;
}

avro_schema_t unlink(avro_schema_t schema) {
  while (is_avro_link(schema)) schema = avro_schema_link_target(schema);
  return schema;
}

// The name a union branch goes by in the Avro JSON encoding ({"<name>": value}).
std::string branch_name(avro_schema_t branch) {
  branch = unlink(branch);
  if (is_avro_named_type(branch)) {
    const char* ns = avro_schema_namespace(branch);
    const std::string name = avro_schema_name(branch);
    return (ns && *ns) ? std::string(ns) + "." + name : name;
  }
  return avro_schema_type_name(branch);
}

// Avro JSON encodes bytes and fixed as strings whose code points 0–255 are the bytes.
SerdeResult<std::string> bytes_from_json_string(const std::string& text, const std::string& path) {
  std::string out;
  for (size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      out.push_back(static_cast<char>(c));
      ++i;
    } else if ((c & 0xE0) == 0xC0 && i + 1 < text.size() && c <= 0xC3) {
      out.push_back(static_cast<char>(((c & 0x1F) << 6) | (static_cast<unsigned char>(text[i + 1]) & 0x3F)));
      i += 2;
    } else {
      return serde_error(ErrorKind::ValidationFailed, path + ": bytes must be code points 0-255");
    }
  }
  return out;
}

class JsonToAvro {
 public:
  SerdeStatus fill(avro_value_t* value, const nlohmann::json& json, const std::string& path) {
    avro_schema_t schema = unlink(avro_value_get_schema(value));
    switch (avro_value_get_type(value)) {
      case AVRO_NULL:
        if (!json.is_null()) return mismatch(path, "null", json);
        return check(avro_value_set_null(value), path);
      case AVRO_BOOLEAN:
        if (!json.is_boolean()) return mismatch(path, "boolean", json);
        return check(avro_value_set_boolean(value, json.get<bool>() ? 1 : 0), path);
      case AVRO_INT32: {
        if (!json.is_number_integer()) return mismatch(path, "int", json);
        const auto v = json.get<int64_t>();
        if (v < std::numeric_limits<int32_t>::min() || v > std::numeric_limits<int32_t>::max())
          return mismatch(path, "int (32-bit)", json);
        return check(avro_value_set_int(value, static_cast<int32_t>(v)), path);
      }
      case AVRO_INT64:
        if (!json.is_number_integer()) return mismatch(path, "long", json);
        return check(avro_value_set_long(value, json.get<int64_t>()), path);
      case AVRO_FLOAT:
        if (!json.is_number()) return mismatch(path, "float", json);
        return check(avro_value_set_float(value, json.get<float>()), path);
      case AVRO_DOUBLE:
        if (!json.is_number()) return mismatch(path, "double", json);
        return check(avro_value_set_double(value, json.get<double>()), path);
      case AVRO_STRING: {
        if (!json.is_string()) return mismatch(path, "string", json);
        const auto& text = json.get_ref<const std::string&>();
        return check(avro_value_set_string_len(value, text.c_str(), text.size() + 1), path);
      }
      case AVRO_BYTES: {
        if (!json.is_string()) return mismatch(path, "bytes (string)", json);
        auto bytes = bytes_from_json_string(json, path);
        if (!bytes) return bytes.error();
        return check(avro_value_set_bytes(value, bytes->data(), bytes->size()), path);
      }
      case AVRO_FIXED: {
        if (!json.is_string()) return mismatch(path, "fixed (string)", json);
        auto bytes = bytes_from_json_string(json, path);
        if (!bytes) return bytes.error();
        if (static_cast<int64_t>(bytes->size()) != avro_schema_fixed_size(schema))
          return serde_error(ErrorKind::ValidationFailed, path + ": fixed needs " +
                                                              std::to_string(avro_schema_fixed_size(schema)) + " bytes");
        return check(avro_value_set_fixed(value, bytes->data(), bytes->size()), path);
      }
      case AVRO_ENUM: {
        if (!json.is_string()) return mismatch(path, "enum symbol", json);
        const int symbol = avro_schema_enum_get_by_name(schema, json.get<std::string>().c_str());
        if (symbol < 0) return serde_error(ErrorKind::ValidationFailed, path + ": unknown enum symbol " + json.dump());
        return check(avro_value_set_enum(value, symbol), path);
      }
      case AVRO_ARRAY: {
        if (!json.is_array()) return mismatch(path, "array", json);
        for (size_t i = 0; i < json.size(); ++i) {
          avro_value_t element;
          if (auto s = check(avro_value_append(value, &element, nullptr), path); !s) return s;
          if (auto s = fill(&element, json[i], path + "/" + std::to_string(i)); !s) return s;
        }
        return Done{};
      }
      case AVRO_MAP: {
        if (!json.is_object()) return mismatch(path, "map (object)", json);
        for (const auto& [key, item] : json.items()) {
          avro_value_t element;
          if (auto s = check(avro_value_add(value, key.c_str(), &element, nullptr, nullptr), path); !s) return s;
          if (auto s = fill(&element, item, path + "/" + escape_pointer(key)); !s) return s;
        }
        return Done{};
      }
      case AVRO_RECORD: return fill_record(value, schema, json, path);
      case AVRO_UNION: return fill_union(value, schema, json, path);
      default: return serde_error(ErrorKind::ValidationFailed, path + ": unsupported Avro type");
    }
  }

 private:
  static SerdeStatus check(int rc, const std::string& path) {
    if (rc == 0) return Done{};
    return serde_error(ErrorKind::ValidationFailed, (path.empty() ? "/" : path) + ": " + avro_strerror());
  }

  SerdeStatus fill_record(avro_value_t* value, avro_schema_t schema, const nlohmann::json& json,
                          const std::string& path) {
    if (!json.is_object()) return mismatch(path, std::string("record ") + avro_schema_name(schema), json);
    const size_t count = avro_schema_record_size(schema);
    for (size_t i = 0; i < count; ++i) {
      const std::string name = avro_schema_record_field_name(schema, static_cast<int>(i));
      const std::string field_path = path + "/" + escape_pointer(name);
      if (!json.contains(name))
        return serde_error(ErrorKind::ValidationFailed, field_path + ": missing field '" + name + "'");
      avro_value_t field;
      if (auto s = check(avro_value_get_by_index(value, i, &field, nullptr), field_path); !s) return s;
      if (auto s = fill(&field, json[name], field_path); !s) return s;
    }
    for (const auto& item : json.items()) {
      const std::string& key = item.key();
      if (avro_schema_record_field_get_index(schema, key.c_str()) < 0)
        return serde_error(ErrorKind::ValidationFailed,
                           path + "/" + escape_pointer(key) + ": field '" + key + "' is not in the schema");
    }
    return Done{};
  }

  SerdeStatus fill_union(avro_value_t* value, avro_schema_t schema, const nlohmann::json& json,
                         const std::string& path) {
    const size_t branches = avro_schema_union_size(schema);
    int chosen = -1;
    const nlohmann::json* inner = &json;
    if (json.is_null()) {
      for (size_t i = 0; i < branches; ++i)
        if (is_avro_null(avro_schema_union_branch(schema, static_cast<int>(i)))) chosen = static_cast<int>(i);
      if (chosen < 0) return mismatch(path, "a non-null union branch", json);
    } else {
      if (!json.is_object() || json.size() != 1)
        return mismatch(path, "union as {\"<type name>\": value}", json);
      const std::string name = json.begin().key();
      for (size_t i = 0; i < branches; ++i) {
        avro_schema_t branch = unlink(avro_schema_union_branch(schema, static_cast<int>(i)));
        if (branch_name(branch) == name || (is_avro_named_type(branch) && name == avro_schema_name(branch)))
          chosen = static_cast<int>(i);
      }
      if (chosen < 0) return serde_error(ErrorKind::ValidationFailed, path + ": union has no branch '" + name + "'");
      inner = &json.begin().value();
    }
    avro_value_t branch;
    if (auto s = check(avro_value_set_branch(value, chosen, &branch), path); !s) return s;
    return fill(&branch, *inner, path);
  }
};

}  // namespace

AvroValue::AvroValue(AvroSchemaPtr schema) : schema_(std::move(schema)) {
  avro_generic_value_new(schema_->value_class(), &value_);
}

AvroValue::~AvroValue() {
  if (value_.self) avro_value_decref(&value_);
}

AvroValue::AvroValue(AvroValue&& other) noexcept : schema_(std::move(other.schema_)), value_(other.value_) {
  other.value_ = avro_value_t{};
}

AvroValue& AvroValue::operator=(AvroValue&& other) noexcept {
  if (this != &other) {
    if (value_.self) avro_value_decref(&value_);
    schema_ = std::move(other.schema_);
    value_ = other.value_;
    other.value_ = avro_value_t{};
  }
  return *this;
}

SerdeResult<AvroValue> AvroValue::from_json(AvroSchemaPtr schema, const nlohmann::json& json) {
  AvroValue value(std::move(schema));
  if (auto status = JsonToAvro().fill(value.raw(), json, ""); !status) return status.error();
  return value;
}

nlohmann::json AvroValue::to_json() const {
  char* text = nullptr;
  if (avro_value_to_json(&value_, 1, &text) != 0 || !text) return nullptr;
  auto json = nlohmann::json::parse(text, nullptr, false);
  std::free(text);
  return json;
}

bool AvroValue::operator==(const AvroValue& other) const {
  return avro_value_equal_fast(const_cast<avro_value_t*>(&value_), const_cast<avro_value_t*>(&other.value_)) != 0;
}

}  // namespace accord::serde
