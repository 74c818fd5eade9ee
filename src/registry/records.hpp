#pragma once
// The records an operation appends (private to registry/).
#include <string>
#include <vector>

#include "accord/log/codec.hpp"
#include "accord/log/record.hpp"
#include "accord/store/state_store.hpp"

namespace accord::registry {

log::Record record_of(const log::Key& key, std::string value);

// Every key byte string seen for `key` as a tombstone record (compaction compares bytes);
// the canonical form when none was seen. Appended to `records`.
void append_tombstones(const store::StateStore& store, const log::Key& key, std::vector<log::Record>& records);

}  // namespace accord::registry
