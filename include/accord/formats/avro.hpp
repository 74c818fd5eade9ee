#pragma once
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "accord/formats/format.hpp"

namespace accord::formats {
std::unique_ptr<Format> make_avro_format();

// The Avro specification's Parsing Canonical Form of a schema produced by the Avro format
// (full names; only name, type, fields, symbols, items, values, size). Empty for a schema
// of another format. Not the registry's dedup key: it drops doc, defaults and aliases.
std::string avro_parsing_canonical_form(const ParsedSchema& schema);

// The 64-bit Rabin fingerprint (CRC-64-AVRO) of some bytes, as the specification defines it.
uint64_t avro_rabin_fingerprint(std::string_view bytes);

// avro_rabin_fingerprint of the Parsing Canonical Form (Java's SchemaNormalization
// parsingFingerprint64). 0 for a schema of another format.
uint64_t avro_fingerprint64(const ParsedSchema& schema);
}  // namespace accord::formats
