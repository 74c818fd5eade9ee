#pragma once
// Applies `_schemas` records to the StateStore, in offset order, idempotently: applying
// a record twice, or replaying the log from 0 over an existing store, changes nothing.
// Records it cannot use (unparsable, unknown keytype, a zombie writer's record that would
// bind a taken id to another schema) are logged and skipped, the same way on every node.
// It decodes the records (on two threads for replay-sized batches); the store's `apply`
// keeps the state's rules.
#include <memory>
#include <span>

#include "accord/log/record.hpp"
#include "accord/model/error.hpp"
#include "accord/store/state_store.hpp"

namespace accord::store {

class Materializer {
 public:
  explicit Materializer(StateStore& store);
  ~Materializer();
  Materializer(const Materializer&) = delete;
  Materializer& operator=(const Materializer&) = delete;

  // Applies the records (ascending offsets; those at or below the applied offset are
  // skipped) and persists the result with the new applied offset in one batch.
  // `lookahead`, the records a replay applies next, are decoded meanwhile by the threads
  // that have nothing left to decode, and the next call finds them decoded, so decoding
  // and applying overlap across calls, not just within one.
  Status apply(std::span<const log::StoredRecord> records, std::span<const log::StoredRecord> lookahead = {});

 private:
  struct Decoded;
  StateStore& store_;
  std::unique_ptr<Decoded> ahead_;  // the previous call's lookahead, decoded
};

}  // namespace accord::store
