#pragma once
// Typed access to fields of a parsed `_schemas` record (keys and values share the rules:
// absent and null mean "not set", a present field of the wrong type makes the record
// unparsable).
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "accord/model/json_parse.hpp"

namespace accord::log::detail {

using Json = nlohmann::ordered_json;

// Result of reading one optional field: `bad` is set when it exists with the wrong type.
template <class T>
struct Field {
  std::optional<T> value;
  bool bad = false;
};

inline const Json* member(const Json& object, std::string_view name) {
  auto it = object.find(name);
  if (it == object.end() || it->is_null()) return nullptr;
  return &*it;
}

inline Field<std::string> string_field(const Json& object, std::string_view name) {
  const Json* v = member(object, name);
  if (!v) return {};
  if (!v->is_string()) return {std::nullopt, true};
  return {v->get<std::string>(), false};
}

// string_field that moves the text out of the document (a schema text may be megabytes).
inline Field<std::string> take_string_field(Json& object, std::string_view name) {
  auto it = object.find(name);
  if (it == object.end() || it->is_null()) return {};
  if (!it->is_string()) return {std::nullopt, true};
  return {std::move(it->get_ref<std::string&>()), false};
}

inline Field<int32_t> int32_field(const Json& object, std::string_view name) {
  const Json* v = member(object, name);
  if (!v) return {};
  if (!v->is_number_integer()) return {std::nullopt, true};
  if (v->is_number_unsigned()) {
    const auto u = v->get<uint64_t>();
    if (u > static_cast<uint64_t>(std::numeric_limits<int32_t>::max())) return {std::nullopt, true};
    return {static_cast<int32_t>(u), false};
  }
  const auto i = v->get<int64_t>();
  if (i < std::numeric_limits<int32_t>::min() || i > std::numeric_limits<int32_t>::max()) {
    return {std::nullopt, true};
  }
  return {static_cast<int32_t>(i), false};
}

inline Field<bool> bool_field(const Json& object, std::string_view name) {
  const Json* v = member(object, name);
  if (!v) return {};
  if (!v->is_boolean()) return {std::nullopt, true};
  return {v->get<bool>(), false};
}

// An embedded JSON object (metadata, ruleSet) kept as compact text. ordered_json keeps the
// members in the order they were written, so the text round-trips byte for byte.
inline Field<std::string> object_text_field(const Json& object, std::string_view name) {
  const Json* v = member(object, name);
  if (!v) return {};
  if (!v->is_object()) return {std::nullopt, true};
  return {v->dump(-1, ' ', false, Json::error_handler_t::replace), false};
}

// Parses a record's bytes; a discarded value means "not JSON".
inline Json parse(std::string_view bytes) { return parse_json_or_discarded<Json>(bytes); }

inline std::string dump(const Json& json) {
  return json.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace accord::log::detail
