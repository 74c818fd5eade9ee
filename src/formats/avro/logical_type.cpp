#include "logical_type.hpp"

#include <cmath>
#include <string_view>

namespace accord::formats::avro {
namespace {

const Json* prop(const Node& node, std::string_view key) {
  for (const auto& [name, value] : node.props)
    if (name == key) return &value;
  return nullptr;
}

// Java reads precision/scale with getObjectProp and requires an Integer.
std::optional<int64_t> int_prop(const Node& node, std::string_view key) {
  const Json* value = prop(node, key);
  if (!value || !value->is_number_integer()) return std::nullopt;
  if (value->is_number_unsigned() && value->get<uint64_t>() > 0x7fffffffULL) return std::nullopt;
  auto i = value->get<int64_t>();
  if (i < -0x80000000LL || i > 0x7fffffffLL) return std::nullopt;
  return i;
}

bool valid_decimal(const Node& node) {
  if (node.type != Type::Bytes && node.type != Type::Fixed) return false;
  auto precision = int_prop(node, "precision");
  if (!precision || *precision <= 0) return false;
  int64_t scale = 0;
  if (prop(node, "scale")) {
    auto s = int_prop(node, "scale");
    if (!s) return false;
    scale = *s;
  }
  if (scale < 0 || scale > *precision) return false;
  if (node.type == Type::Fixed) {
    // The most decimal digits a two's-complement number of `size` bytes can hold.
    auto max_precision = static_cast<int64_t>(std::floor(std::log10(2.0) * (8.0 * static_cast<double>(node.size) - 1)));
    if (*precision > max_precision) return false;
  }
  return true;
}

}  // namespace

LogicalType recognise_logical_type(const Node& node) {
  const Json* name = prop(node, "logicalType");
  if (!name || !name->is_string()) return LogicalType::None;
  const auto& text = name->get_ref<const std::string&>();
  auto on = [&](Type type, LogicalType logical) { return node.type == type ? logical : LogicalType::None; };
  if (text == "decimal") return valid_decimal(node) ? LogicalType::Decimal : LogicalType::None;
  if (text == "uuid") return on(Type::String, LogicalType::Uuid);
  if (text == "date") return on(Type::Int, LogicalType::Date);
  if (text == "time-millis") return on(Type::Int, LogicalType::TimeMillis);
  if (text == "time-micros") return on(Type::Long, LogicalType::TimeMicros);
  if (text == "timestamp-millis") return on(Type::Long, LogicalType::TimestampMillis);
  if (text == "timestamp-micros") return on(Type::Long, LogicalType::TimestampMicros);
  if (text == "local-timestamp-millis") return on(Type::Long, LogicalType::LocalTimestampMillis);
  if (text == "local-timestamp-micros") return on(Type::Long, LogicalType::LocalTimestampMicros);
  if (text == "duration") return node.type == Type::Fixed && node.size == 12 ? LogicalType::Duration : LogicalType::None;
  return LogicalType::None;
}

}  // namespace accord::formats::avro
