#pragma once
// Applies `_schemas` records to the StateStore, in offset order, idempotently: applying
// a record twice, or replaying the log from 0 over an existing store, changes nothing.
// Records it cannot use (unparsable, unknown keytype, a zombie writer's record that would
// bind a taken id to another schema) are logged and skipped, the same way on every node.
// It decodes the records (on two threads for replay-sized batches); the store's `apply`
// keeps the state's rules.
#include <span>

#include "accord/log/record.hpp"
#include "accord/model/error.hpp"
#include "accord/store/state_store.hpp"

namespace accord::store {

class Materializer {
 public:
  explicit Materializer(StateStore& store) : store_(store) {}
  // Applies the records (ascending offsets; those at or below the applied offset are
  // skipped) and persists the result with the new applied offset in one batch.
  Status apply(std::span<const log::StoredRecord> records);

 private:
  StateStore& store_;
};

}  // namespace accord::store
