// The embedded log (docs/log.md): one append-only file, an in-memory index of frame
// positions, group commit of concurrent appends.
#include "accord/log/local_log.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <memory>
#include <mutex>
#include <utility>

#include <spdlog/spdlog.h>

#include "accord/model/errors.hpp"
#include "segment_format.hpp"

namespace accord::log {
namespace {

constexpr const char* kFileName = "schemas.log";
constexpr std::size_t kScanChunk = 8u << 20;

std::string errno_text(const std::string& what, const std::filesystem::path& path) {
  return what + " " + path.string() + ": " + std::strerror(errno);
}

int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

bool write_all(int fd, const char* data, std::size_t size, off_t at) {
  while (size > 0) {
    const ssize_t n = ::pwrite(fd, data, size, at);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    data += n;
    size -= static_cast<std::size_t>(n);
    at += n;
  }
  return true;
}

bool read_all(int fd, char* data, std::size_t size, off_t at) {
  while (size > 0) {
    const ssize_t n = ::pread(fd, data, size, at);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data += n;
    size -= static_cast<std::size_t>(n);
    at += n;
  }
  return true;
}

class LocalSchemaLog final : public SchemaLog {
 public:
  LocalSchemaLog(std::filesystem::path path, int fd, std::vector<uint64_t> positions, uint64_t file_end,
                 bool read_only = false)
      : path_(std::move(path)), fd_(fd), read_only_(read_only), positions_(std::move(positions)), file_end_(file_end) {}
  ~LocalSchemaLog() override { ::close(fd_); }

  Result<Offset> append(std::span<const Record> batch) override;
  Result<std::vector<StoredRecord>> read(Offset from, std::chrono::milliseconds max_wait, std::size_t max_records,
                                         std::size_t max_bytes) override;
  Result<Offset> end_offset() override {
    std::lock_guard lock(mutex_);
    return static_cast<Offset>(positions_.size());
  }
  Result<Offset> start_offset() override { return Offset{0}; }
  std::string describe() const override {
    return (read_only_ ? "read-only snapshot of the embedded log at " : "embedded log at ") + path_.string();
  }

 private:
  // One append() call waiting for the group commit that carries it.
  struct Pending {
    std::span<const Record> batch;
    bool done = false;
    Result<Offset> result = Offset{-1};
  };

  void commit_queued(std::unique_lock<std::mutex>& lock);

  const std::filesystem::path path_;
  const int fd_;
  const bool read_only_;
  std::mutex mutex_;
  std::condition_variable committed_;  // appenders: their group is done; readers: new records
  std::deque<Pending*> queue_;
  bool committing_ = false;
  std::vector<uint64_t> positions_;  // file position of record i (offset i); size = end offset
  uint64_t file_end_;                // end of the last durable frame
};

Result<Offset> LocalSchemaLog::append(std::span<const Record> batch) {
  if (read_only_) return errors::store_error("The " + describe() + " cannot be appended to");
  Pending pending{batch};
  std::unique_lock lock(mutex_);
  if (batch.empty()) return static_cast<Offset>(positions_.size()) - 1;
  queue_.push_back(&pending);
  // Wait while another appender writes; it takes this batch in its next group, or hands
  // the writing over to us when it returns (so no appender writes for others forever).
  committed_.wait(lock, [&] { return pending.done || !committing_; });
  if (!pending.done) {
    committing_ = true;
    commit_queued(lock);
    committing_ = false;
    committed_.notify_all();
  }
  return pending.result;
}

// Writes every queued batch with one pwrite and one fdatasync, then publishes them. Runs
// with the lock released during I/O, so readers and new appenders are not blocked.
void LocalSchemaLog::commit_queued(std::unique_lock<std::mutex>& lock) {
  std::vector<Pending*> group(queue_.begin(), queue_.end());
  queue_.clear();
  const Offset first = static_cast<Offset>(positions_.size());
  const uint64_t start = file_end_;
  lock.unlock();

  std::string bytes;
  std::vector<uint64_t> new_positions;
  std::vector<Offset> last_offsets;
  Offset next = first;
  const int64_t timestamp = now_ms();
  for (Pending* p : group) {
    for (const Record& record : p->batch) {
      new_positions.push_back(start + bytes.size());
      segment::append_frame(bytes, StoredRecord{next++, record, timestamp});
    }
    last_offsets.push_back(next - 1);
  }
  bool ok = write_all(fd_, bytes.data(), bytes.size(), static_cast<off_t>(start)) && ::fdatasync(fd_) == 0;
  std::string failure;
  if (!ok) {
    failure = errno_text("Failed to write the embedded log", path_);
    // Nothing of a failed group may survive: a later append writes at `start` again.
    if (::ftruncate(fd_, static_cast<off_t>(start)) != 0) {
      spdlog::error("{}", errno_text("Failed to cut a failed write from", path_));
    }
  }

  lock.lock();
  if (ok) {
    positions_.insert(positions_.end(), new_positions.begin(), new_positions.end());
    file_end_ = start + bytes.size();
  }
  for (std::size_t i = 0; i < group.size(); ++i) {
    group[i]->result = ok ? Result<Offset>(last_offsets[i]) : Result<Offset>(errors::store_error(failure));
    group[i]->done = true;
  }
  committed_.notify_all();
}

Result<std::vector<StoredRecord>> LocalSchemaLog::read(Offset from, std::chrono::milliseconds max_wait,
                                                       std::size_t max_records, std::size_t max_bytes) {
  const auto deadline = std::chrono::steady_clock::now() + max_wait;
  std::unique_lock lock(mutex_);
  const auto end = [&] { return static_cast<Offset>(positions_.size()); };
  if (from < 0 || from > end()) return offset_out_of_range(from, Offset{0}, end());
  committed_.wait_until(lock, deadline, [&] { return from < end(); });
  if (from >= end() || max_records == 0) return std::vector<StoredRecord>{};
  const uint64_t begin_pos = positions_[static_cast<std::size_t>(from)];
  // Where record i's frame ends: the next one's start, or the end of the valid frames.
  const auto frame_end = [&](Offset i) { return i + 1 < end() ? positions_[static_cast<std::size_t>(i + 1)] : file_end_; };
  const Offset most = std::min(end(), from + max_records);
  Offset last = from + 1;  // one past the last record read: the first whatever its size
  while (last < most && frame_end(last - 1) - begin_pos < max_bytes) ++last;
  const uint64_t end_pos = frame_end(last - 1);
  lock.unlock();

  // One pread for the whole range; the frames were checked when written or scanned.
  // Not zero-filled first: the read overwrites every byte.
  const std::size_t size = end_pos - begin_pos;
  const auto buffer = std::make_unique_for_overwrite<char[]>(size);
  if (!read_all(fd_, buffer.get(), size, static_cast<off_t>(begin_pos))) {
    return errors::store_error(errno_text("Failed to read the embedded log", path_));
  }
  std::vector<StoredRecord> records;
  records.reserve(static_cast<std::size_t>(last - from));
  const std::string_view bytes(buffer.get(), size);
  std::string_view rest(bytes);
  while (!rest.empty()) {
    const auto frame = segment::check_frame(rest);
    if (frame.status != segment::FrameStatus::Ok) {
      return errors::store_error("Corrupt record in the embedded log " + path_.string() + " at byte " +
                                 std::to_string(begin_pos + (bytes.size() - rest.size())));
    }
    records.push_back(segment::decode_frame(rest.substr(0, frame.size)));
    rest.remove_prefix(frame.size);
  }
  return records;
}

// Scans the file in large chunks, indexing frames; returns where the valid frames end.
Result<uint64_t> scan(int fd, const std::filesystem::path& path, uint64_t file_size,
                      std::vector<uint64_t>& positions) {
  const uint64_t header = segment::kFileHeader.size();
  uint64_t pos = header;
  std::string buffer;
  std::size_t used = 0;  // bytes of buffer already consumed
  uint64_t buffer_start = pos;
  while (pos < file_size) {
    // Refill: keep the unconsumed tail, append the next chunk.
    buffer.erase(0, used);
    buffer_start += used;
    used = 0;
    const uint64_t want = std::min<uint64_t>(kScanChunk, file_size - (buffer_start + buffer.size()));
    if (want > 0) {
      const std::size_t old = buffer.size();
      buffer.resize(old + want);
      if (!read_all(fd, buffer.data() + old, want, static_cast<off_t>(buffer_start + old))) {
        return errors::store_error(errno_text("Failed to read the embedded log", path));
      }
    }
    bool need_more = false;
    while (used < buffer.size()) {
      const auto frame = segment::check_frame(std::string_view(buffer).substr(used));
      if (frame.status == segment::FrameStatus::Incomplete) {
        need_more = true;
        break;
      }
      if (frame.status == segment::FrameStatus::Corrupt ||
          frame.offset != static_cast<Offset>(positions.size())) {
        return pos;
      }
      positions.push_back(pos);
      pos += frame.size;
      used += frame.size;
    }
    // An incomplete frame at the end of the file is a torn tail.
    if (need_more && buffer_start + buffer.size() >= file_size) return pos;
  }
  return pos;
}

void sync_directory(const std::filesystem::path& directory) {
  if (const int dir_fd = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); dir_fd >= 0) {
    ::fsync(dir_fd);
    ::close(dir_fd);
  }
}

}  // namespace

Result<std::unique_ptr<SchemaLog>> open_local_log_snapshot(const std::filesystem::path& directory) {
  const auto path = directory / kFileName;
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return errors::store_error(errno_text("Cannot open the embedded log", path));
  auto fail = [&](Error error) -> Result<std::unique_ptr<SchemaLog>> {
    ::close(fd);
    return error;
  };
  struct stat st {};
  if (::fstat(fd, &st) != 0) return fail(errors::store_error(errno_text("Cannot stat", path)));
  const auto& header = segment::kFileHeader;
  std::vector<uint64_t> positions;
  uint64_t valid_end = header.size();
  if (static_cast<uint64_t>(st.st_size) >= header.size()) {
    std::string found(header.size(), '\0');
    if (!read_all(fd, found.data(), found.size(), 0) || found != header) {
      return fail(errors::store_error("Not an Accord embedded log (bad file header): " + path.string()));
    }
    // The size seen now bounds the scan; whatever the node appends later is not part of it.
    auto scanned = scan(fd, path, static_cast<uint64_t>(st.st_size), positions);
    if (!scanned) return fail(scanned.error());
    valid_end = *scanned;
  }
  return std::unique_ptr<SchemaLog>(new LocalSchemaLog(path, fd, std::move(positions), valid_end, true));
}

Result<LocalLogBuilder> LocalLogBuilder::create(const std::filesystem::path& directory) {
  std::error_code ec;
  std::filesystem::create_directories(directory, ec);
  if (ec) return errors::store_error("Cannot create " + directory.string() + ": " + ec.message());
  const auto path = directory / kFileName;
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) return errors::store_error(errno_text("Cannot create the embedded log", path));
  LocalLogBuilder builder(directory, fd);
  builder.buffer_ = segment::kFileHeader;
  return builder;
}

LocalLogBuilder::LocalLogBuilder(LocalLogBuilder&& other) noexcept
    : directory_(std::move(other.directory_)),
      fd_(std::exchange(other.fd_, -1)),
      buffer_(std::move(other.buffer_)),
      written_(other.written_),
      next_offset_(other.next_offset_) {}

LocalLogBuilder::~LocalLogBuilder() {
  if (fd_ >= 0) ::close(fd_);
}

Status LocalLogBuilder::add(const Record& record, int64_t timestamp_ms) {
  if (fd_ < 0) return errors::store_error("The log under " + directory_.string() + " is already finished");
  segment::append_frame(buffer_, StoredRecord{next_offset_++, record, timestamp_ms});
  if (buffer_.size() >= kScanChunk) return flush();
  return Ok{};
}

Status LocalLogBuilder::flush() {
  if (!write_all(fd_, buffer_.data(), buffer_.size(), static_cast<off_t>(written_))) {
    return errors::store_error(errno_text("Failed to write the embedded log", directory_ / kFileName));
  }
  written_ += buffer_.size();
  buffer_.clear();
  return Ok{};
}

Status LocalLogBuilder::finish() {
  if (fd_ < 0) return errors::store_error("The log under " + directory_.string() + " is already finished");
  if (auto s = flush(); !s) return s;
  if (::fsync(fd_) != 0) return errors::store_error(errno_text("Failed to sync the embedded log", directory_ / kFileName));
  ::close(std::exchange(fd_, -1));
  sync_directory(directory_);
  return Ok{};
}

Result<std::unique_ptr<SchemaLog>> open_local_log(const std::filesystem::path& directory) {
  std::error_code ec;
  std::filesystem::create_directories(directory, ec);
  if (ec) return errors::store_error("Cannot create " + directory.string() + ": " + ec.message());
  const auto path = directory / kFileName;
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return errors::store_error(errno_text("Cannot open the embedded log", path));
  auto fail = [&](Error error) -> Result<std::unique_ptr<SchemaLog>> {
    ::close(fd);
    return error;
  };
  // Two processes appending to one file would interleave frames.
  if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
    return fail(errors::store_error("The embedded log " + path.string() + " is in use by another process"));
  }
  struct stat st {};
  if (::fstat(fd, &st) != 0) return fail(errors::store_error(errno_text("Cannot stat", path)));
  const auto file_size = static_cast<uint64_t>(st.st_size);
  const auto& header = segment::kFileHeader;

  std::vector<uint64_t> positions;
  uint64_t valid_end = header.size();
  if (file_size < header.size()) {
    // New file, or a crash before the header was durable: (re)write the header.
    if (!write_all(fd, header.data(), header.size(), 0) || ::ftruncate(fd, header.size()) != 0 ||
        ::fsync(fd) != 0) {
      return fail(errors::store_error(errno_text("Cannot initialise the embedded log", path)));
    }
  } else {
    std::string found(header.size(), '\0');
    if (!read_all(fd, found.data(), found.size(), 0) || found != header) {
      return fail(errors::store_error("Not an Accord embedded log (bad file header): " + path.string()));
    }
    auto scanned = scan(fd, path, file_size, positions);
    if (!scanned) return fail(scanned.error());
    valid_end = *scanned;
    if (valid_end < file_size) {
      spdlog::warn("Embedded log {}: cutting {} bytes of torn or corrupt tail after offset {} (a write "
                   "interrupted by a crash was never acknowledged)",
                   path.string(), file_size - valid_end, static_cast<Offset>(positions.size()) - 1);
      if (::ftruncate(fd, static_cast<off_t>(valid_end)) != 0 || ::fdatasync(fd) != 0) {
        return fail(errors::store_error(errno_text("Cannot cut the torn tail of", path)));
      }
    }
  }
  // Make the file's directory entry durable too, so a fresh log survives a crash.
  sync_directory(directory);
  return std::unique_ptr<SchemaLog>(new LocalSchemaLog(path, fd, std::move(positions), valid_end));
}

}  // namespace accord::log
