#pragma once
// Private to store/: a log record as applying it needs it. Decoding (JSON parsing, schema
// identity, GUID) is most of a replay's work and depends on the record alone, so the
// Materializer does it before the store's apply, on two threads for large batches.
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "accord/log/codec.hpp"
#include "accord/log/record.hpp"

namespace accord::store::detail {

struct DecodedSchema {
  log::SchemaValue value;
  std::string identity;  // empty for a schema with references: resolved when applied
  std::string guid;
};

struct DecodedRecord {
  std::optional<log::Key> key;  // empty: no key, or an unreadable one (key_error)
  std::string key_error;
  std::string logical;
  std::optional<DecodedSchema> schema;  // a SCHEMA value that decoded
  std::string value_error;              // a SCHEMA value that did not
};

DecodedRecord decode_record(const std::optional<std::string>& key_bytes, const std::optional<std::string>& value);

}  // namespace accord::store::detail
