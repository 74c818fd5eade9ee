#pragma once
// A record of the `_schemas` log as raw bytes: exactly what Kafka stores.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "accord/model/types.hpp"

namespace accord::log {

struct Record {
  std::optional<std::string> key;    // JSON key bytes (Confluent format)
  std::optional<std::string> value;  // JSON value bytes; nullopt = tombstone
  std::vector<std::pair<std::string, std::string>> headers;
  bool operator==(const Record&) const = default;
};

// The bytes a record holds (key, value, headers): what batches are bounded by.
inline std::size_t record_bytes(const Record& record) {
  std::size_t bytes = (record.key ? record.key->size() : 0) + (record.value ? record.value->size() : 0);
  for (const auto& [name, value] : record.headers) bytes += name.size() + value.size();
  return bytes;
}

struct StoredRecord {
  Offset offset{0};
  Record record;
  int64_t timestamp_ms = 0;  // broker/append time, 0 when unknown
};

}  // namespace accord::log
