#pragma once
// How every node learns the writer's URL: through the log. A newly elected writer's
// catch-up NOOP carries its advertised URL in a record header (Confluent and Karapace
// readers ignore headers, so the topic stays theirs to read). The latest marker wins.
// The group cannot carry it: librdkafka does not expose other members' metadata and the
// test broker has no DescribeGroups (docs/high-availability.md).
#include <chrono>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <string>

#include "accord/log/record.hpp"
#include "accord/log/schema_log.hpp"

namespace accord::cluster {

inline constexpr const char* kWriterUrlHeader = "accord.writer.url";

// The NOOP record a new writer appends before its first write, naming itself.
log::Record writer_marker(const std::string& advertised_url);
// The URL a marker names; nullopt for any other record.
std::optional<std::string> marker_url(const log::Record& record);

// The writer URL this node last read from the log, shared between the reader's thread
// (which updates it) and the request threads (which route writes with it).
class WriterDirectory {
 public:
  void observe(const log::StoredRecord& record);
  void set(std::string url);
  std::string url() const;  // empty when no marker was seen
  // Returns when url() differs from `seen` or at `until`, with the URL then.
  std::string wait_for_change(const std::string& seen, std::chrono::steady_clock::time_point until) const;

 private:
  mutable std::mutex mutex_;
  mutable std::condition_variable changed_;
  std::string url_;
};

// The URL of the latest marker below offset `before` (a restarted node resumes reading
// after it, so it would not see it again), scanning backwards window by window until the
// log start or the deadline. Empty when none was found.
std::string find_latest_writer_url(log::SchemaLog& log, Offset before, std::chrono::steady_clock::time_point deadline);

}  // namespace accord::cluster
