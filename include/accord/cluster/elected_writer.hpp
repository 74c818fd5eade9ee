#pragma once
// The write path of a node in a Kafka cluster. Appends only while the election's lease
// holds; after every (re)election, and after any failed append, it first appends a NOOP
// marker naming itself and waits until its store applied it, so ids continue from the
// highest id any earlier writer appended (Confluent's catch-up, rest-api.md §6.8) and the
// other nodes learn where to forward writes. A fenced or fatal producer error makes the
// node step down at once.
#include <atomic>
#include <chrono>
#include <mutex>
#include <string>
#include <thread>

#include "accord/cluster/writer.hpp"
#include "accord/cluster/writer_lease.hpp"
#include "accord/log/schema_log.hpp"
#include "accord/store/state_store.hpp"

namespace accord::cluster {

struct ElectedWriterOptions {
  std::chrono::milliseconds timeout = log::kDefaultAppendTimeout;  // kafkastore.timeout.ms: bound of each step of a write
  std::string advertised_url;              // put in the marker
};

// True for an append error after which this producer must never write again (a newer
// writer fenced it, or the transaction state is fatal).
bool is_fencing_error(const Error& error);

class ElectedWriter final : public Writer {
 public:
  ElectedWriter(log::SchemaLog& log, store::StateStore& store, WriterLease& lease, ElectedWriterOptions options);
  ~ElectedWriter() override;

  // Starts the thread that catches up right after each election, so the marker (and the
  // writer's URL) reaches the other nodes before the first write arrives.
  void start();
  void stop();

  Result<Offset> write(const WritePlan& plan) override;

  // The term whose catch-up completed (0: none); writes in that term skip the catch-up.
  uint64_t caught_up_term() const { return caught_up_term_.load(); }

 private:
  using Clock = std::chrono::steady_clock;
  Status catch_up(uint64_t term, Clock::time_point deadline);
  Status await_lease(uint64_t term, Clock::time_point deadline);
  Result<Offset> append(uint64_t term, std::span<const log::Record> records, Clock::time_point deadline);
  void run();

  log::SchemaLog& log_;
  store::StateStore& store_;
  WriterLease& lease_;
  ElectedWriterOptions options_;
  std::mutex mutex_;  // one write (or catch-up) at a time
  Offset last_written_{-1};
  std::atomic<uint64_t> caught_up_term_{0};
  std::atomic<bool> stopping_{false};
  std::thread thread_;
};

}  // namespace accord::cluster
