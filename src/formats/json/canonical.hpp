#pragma once
// The texts a JSON Schema is stored under.
#include <nlohmann/json.hpp>
#include <string>

namespace accord::formats::json {

// Compact JSON with the keys in the order they were submitted (what Confluent stores).
std::string canonical_text(const nlohmann::ordered_json& document);

// Compact JSON with every object's keys sorted, as Confluent's normalize does, so schemas
// that differ only in key order or whitespace get one id.
std::string normalized_text(const nlohmann::ordered_json& document);

}  // namespace accord::formats::json
