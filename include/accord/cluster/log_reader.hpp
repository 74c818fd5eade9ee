#pragma once
// Tails the log into the store on a background thread: reads from the applied offset + 1,
// applies through the Materializer, and tells when the node has caught up with the log end
// it saw at start (readiness).
#include <atomic>
#include <functional>
#include <optional>
#include <string>
#include <thread>

#include "accord/log/schema_log.hpp"
#include "accord/model/error.hpp"
#include "accord/store/materializer.hpp"
#include "accord/store/state_store.hpp"

namespace accord::cluster {

class LogReader {
 public:
  LogReader(log::SchemaLog& log, store::StateStore& store);
  ~LogReader();
  LogReader(const LogReader&) = delete;
  LogReader& operator=(const LogReader&) = delete;

  // Called on the reader's thread for every record once the store has applied it (e.g. to
  // learn the writer's URL from its marker). Set before start().
  void set_observer(std::function<void(const log::StoredRecord&)> observer) { observer_ = std::move(observer); }

  // Checks that the store and the log belong together (the store is not ahead of the log,
  // and the log still holds the next offset to apply), then starts the thread.
  Status start();
  // The same checks without the thread (for a one-off catch_up, e.g. `accord replay`).
  Status prepare();
  void stop();

  // Applies everything up to the current end of the log on the calling thread (startup).
  Status catch_up(std::chrono::steady_clock::time_point deadline);

  bool ready() const { return ready_.load(); }
  Offset end_offset_at_start() const { return end_at_start_; }
  Offset position() const { return position_.load(); }
  // Set when the thread stopped on an error it cannot recover from.
  std::optional<std::string> failure() const;

 private:
  void run();
  // Marks the reader ready, once it has applied the log as far as it reached at start.
  void caught_up();
  Status apply_batch(std::chrono::milliseconds wait);

  log::SchemaLog& log_;
  store::StateStore& store_;
  store::Materializer materializer_;
  std::function<void(const log::StoredRecord&)> observer_;
  std::thread thread_;
  std::atomic<bool> stopping_{false};
  std::atomic<bool> ready_{false};
  Offset end_at_start_{0};
  std::atomic<Offset> position_{Offset{0}};  // next offset to read
  // While catching up: the batch after the one being applied, read before applying it so
  // that the Materializer decodes it meanwhile (on the applying thread only).
  std::optional<log::ReadBatch> ahead_;
  Offset ahead_from_{-1};  // the offset ahead_ was read from: used only when reading there
  mutable std::mutex failure_mutex_;
  std::optional<std::string> failure_;
};

}  // namespace accord::cluster
