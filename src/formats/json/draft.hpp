#pragma once
// The JSON Schema dialect a document is written in, picked by its `$schema` keyword.
#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>

namespace accord::formats::json {

enum class Draft { V4, V6, V7, V2019_09, V2020_12 };

// The draft a `$schema` URL names, or nullopt for an unknown URL.
std::optional<Draft> draft_from_url(std::string_view url);

// The draft of a schema document: its `$schema` when known, else draft 7 (Confluent's default).
Draft draft_of(const nlohmann::ordered_json& document);

// 2019-09 and later: `$ref` siblings apply, unevaluated*/dependent* keywords exist.
inline bool is_modern(Draft draft) { return draft == Draft::V2019_09 || draft == Draft::V2020_12; }

std::string_view to_string(Draft draft);

}  // namespace accord::formats::json
