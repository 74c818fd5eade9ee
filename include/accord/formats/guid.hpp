#pragma once
// Confluent's schema GUID [8.0+]: the MD5 Confluent computes over a stored schema
// (`Schema.updateHash`: the stored text's bytes, then each reference's name, subject and
// big-endian version, then 0x01 + metadata, then 0x01 + ruleSet, metadata and rules fed
// field by field as `Metadata.updateHash` / `Rule.updateHash` do), printed as a UUID.
// Unlike the identity (identity.hpp) it is taken over the text exactly as stored, so it is
// what a Confluent node prints for the same record.
#include <optional>
#include <string>
#include <string_view>

#include "accord/model/types.hpp"

namespace accord::formats {

// The 16 digest bytes.
std::string schema_guid(const Schema& schema);
// "xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx", lower-case hex (java.util.UUID.toString).
std::string guid_to_string(std::string_view bytes);
// The 16 bytes of a UUID string (any hex case); nullopt when it is not one.
std::optional<std::string> parse_guid(std::string_view text);

}  // namespace accord::formats
