#pragma once
// Subject aliases [7.5+]: `PUT /config/{alias} {"alias": "target"}` makes every request that
// names `alias` as a subject act on `target` instead, reads and writes alike: Confluent
// rewrites the subject after each `/subjects/` segment and the `subject` parameter of
// `/schemas/ids/...` before the request is routed (its AliasFilter). One hop: the target's
// own alias is not followed. `/config/{alias}` and `/mode/{alias}` stay on the alias, so it
// can be changed and removed. Accord rewrites at the same point, before authorization, so
// that a caller needs the target's permissions to reach the target.
#include <functional>
#include <optional>
#include <string>

#include "accord/api/request.hpp"

namespace accord::api {

// The `alias` of a subject's own config record (not inherited), if it has one.
using AliasLookup = std::function<std::optional<std::string>(const std::string& subject)>;

// The subject an alias stands for: an unqualified alias names a subject in the context of
// the aliased subject (`:.a:x` with alias `y` -> `:.a:y`); a qualified one names its own.
std::string alias_target(const std::string& subject, const std::string& alias);

void apply_subject_alias(Request& request, const AliasLookup& alias_of);

}  // namespace accord::api
