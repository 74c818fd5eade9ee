#pragma once
// Path and query parameters as the endpoints read them (private to api/).
#include <optional>
#include <string>
#include <string_view>

#include "accord/api/request.hpp"
#include "accord/model/error.hpp"
#include "accord/model/types.hpp"

namespace accord::api {

// "latest", "-1" -> nullopt (latest); 1..2^31-1 -> that version; else 42202.
Result<std::optional<VersionNumber>> parse_version(std::string_view text);
// A schema id path parameter; 40403 for anything that is not a positive int.
Result<SchemaId> parse_id(std::string_view text);

// The scope a /config/{s} or /mode/{s} path names: nullopt for the top level (also `:.:`).
std::optional<std::string> config_scope(const Request& request);

// Confluent's subjectPrefix over stored subject names: `:*:p` names starting with p in every
// context, `:.ctx:p` names starting with p in .ctx, `:.ct` (no closing colon) every subject
// of the contexts whose name starts with .ct, anything else names in the default context.
bool matches_subject_prefix(std::string_view subject, std::string_view prefix);

}  // namespace accord::api
