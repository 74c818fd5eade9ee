#include "accord/cluster/writer_marker.hpp"

#include <algorithm>

#include "accord/log/codec.hpp"

namespace accord::cluster {

log::Record writer_marker(const std::string& advertised_url) {
  return log::Record{log::encode_key(log::noop_key()), std::nullopt, {{kWriterUrlHeader, advertised_url}}};
}

std::optional<std::string> marker_url(const log::Record& record) {
  for (auto it = record.headers.rbegin(); it != record.headers.rend(); ++it)
    if (it->first == kWriterUrlHeader && !it->second.empty()) return it->second;
  return std::nullopt;
}

void WriterDirectory::observe(const log::StoredRecord& record) {
  if (auto url = marker_url(record.record)) set(std::move(*url));
}

void WriterDirectory::set(std::string url) {
  {
    std::lock_guard lock(mutex_);
    if (url_ == url) return;
    url_ = std::move(url);
  }
  changed_.notify_all();
}

std::string WriterDirectory::url() const {
  std::lock_guard lock(mutex_);
  return url_;
}

std::string WriterDirectory::wait_for_change(const std::string& seen, std::chrono::steady_clock::time_point until) const {
  std::unique_lock lock(mutex_);
  changed_.wait_until(lock, until, [&] { return url_ != seen; });
  return url_;
}

std::string find_latest_writer_url(log::SchemaLog& log, Offset before, std::chrono::steady_clock::time_point deadline) {
  constexpr int64_t kWindow = 1000;
  auto start = log.start_offset();
  if (!start) return {};
  Offset high = before;
  while (high > *start && std::chrono::steady_clock::now() < deadline) {
    const Offset low = std::max(*start, high - kWindow);
    std::string found;
    for (Offset position = low; position < high && std::chrono::steady_clock::now() < deadline;) {
      auto batch = log.read_batch(position, std::chrono::milliseconds(100), static_cast<std::size_t>(high - position));
      if (!batch) return {};
      for (const auto& stored : batch->records)
        if (stored.offset < high)
          if (auto url = marker_url(stored.record)) found = *url;
      if (batch->next_offset <= position) break;  // nothing more below `high` (compacted away)
      position = batch->next_offset;
    }
    if (!found.empty()) return found;
    high = low;
  }
  return {};
}

}  // namespace accord::cluster
