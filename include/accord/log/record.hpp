#pragma once
// A record of the `_schemas` log as raw bytes: exactly what Kafka stores.
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

struct StoredRecord {
  Offset offset{0};
  Record record;
  int64_t timestamp_ms = 0;  // broker/append time, 0 when unknown
};

}  // namespace accord::log
