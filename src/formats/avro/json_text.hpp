#pragma once
// JSON text exactly as Java Avro prints it through Jackson, so canonical schema strings
// match Confluent's byte for byte: Jackson's string escapes and Java's Double.toString.
#include <string>
#include <string_view>

#include "schema_model.hpp"

namespace accord::formats::avro {

enum class KeyOrder { AsParsed, Sorted };

void append_json_string(std::string& out, std::string_view text);
void append_json_value(std::string& out, const Json& value, KeyOrder order = KeyOrder::AsParsed);
std::string json_text(const Json& value);
// Java's Double.toString: "1.0", "0.001", "1.0E7", "1.0E-4", "NaN", "Infinity".
std::string java_double_text(double value);

}  // namespace accord::formats::avro
