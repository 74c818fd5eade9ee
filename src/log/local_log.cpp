// The embedded log (docs/log.md): one append-only file, an index of where its frames are
// (frame_index.hpp), group commit of concurrent appends.
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
#include "file_io.hpp"
#include "frame_index.hpp"
#include "segment_format.hpp"

namespace accord::log {
namespace {

using detail::FrameIndex;
using detail::MarkFile;
using detail::read_all;
using detail::write_all;

constexpr const char* kFileName = "schemas.log";
constexpr const char* kIndexName = "schemas.log.index";
constexpr std::size_t kScanChunk = 8u << 20;
// What a read asks of the file at a time when it does not know where its frames end.
constexpr std::size_t kReadChunk = 256u << 10;

std::string errno_text(const std::string& what, const std::filesystem::path& path) {
  return what + " " + path.string() + ": " + std::strerror(errno);
}

int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// Reads frames forward from a position, a chunk at a time, checking each one's length,
// checksum and offset: the reads of records, and the scan of an open.
class FrameReader {
 public:
  // `end`: where the valid frames end, or the file. `chunk`: the least asked of the file at a time.
  FrameReader(int fd, uint64_t position, uint64_t end, std::size_t chunk = kReadChunk)
      : fd_(fd), position_(position), end_(end), chunk_(chunk) {}

  enum class Failure { None, Corrupt, Io };

  // The frame of `offset`, next in the file; empty with failure() set otherwise. Valid
  // until the next call.
  std::optional<std::string_view> next(Offset offset) {
    if (!fill(segment::kPeekSize)) return std::nullopt;
    const auto peeked = segment::peek_frame(std::string_view(buffer_).substr(at_));
    if (peeked.status != segment::FrameStatus::Ok || !fill(peeked.size)) return corrupt();
    const std::string_view bytes = std::string_view(buffer_).substr(at_, peeked.size);
    const auto frame = segment::check_frame(bytes);
    if (frame.status != segment::FrameStatus::Ok || frame.offset != offset) return corrupt();
    at_ += frame.size;
    position_ += frame.size;
    return bytes;
  }
  Failure failure() const { return failure_; }
  uint64_t position() const { return position_; }  // of the next frame

 private:
  std::nullopt_t corrupt() {
    if (failure_ == Failure::None) failure_ = Failure::Corrupt;
    return std::nullopt;
  }
  // At least `need` unread bytes in the buffer, unless the valid frames end first.
  bool fill(std::size_t need) {
    const std::size_t have = buffer_.size() - at_;
    if (have >= need) return true;
    if (position_ + need > end_) return corrupt(), false;  // a frame cannot end past the valid end
    buffer_.erase(0, at_);
    at_ = 0;
    const std::size_t more = std::min<uint64_t>(std::max(need - have, chunk_), end_ - position_ - have);
    buffer_.resize(have + more);
    if (read_all(fd_, buffer_.data() + have, more, static_cast<off_t>(position_ + have))) return true;
    failure_ = Failure::Io;
    return false;
  }

  const int fd_;
  uint64_t position_;
  const uint64_t end_;
  const std::size_t chunk_;
  std::string buffer_;
  std::size_t at_ = 0;  // buffer_[at_] is the byte at position_
  Failure failure_ = Failure::None;
};

class LocalSchemaLog final : public SchemaLog {
 public:
  // `marks`: where appends record new marks; none for a read-only snapshot.
  LocalSchemaLog(std::filesystem::path path, int fd, FrameIndex index, uint64_t file_end,
                 std::unique_ptr<MarkFile> marks = nullptr)
      : path_(std::move(path)),
        fd_(fd),
        read_only_(marks == nullptr),
        index_(std::move(index)),
        file_end_(file_end),
        marks_(std::move(marks)),
        marks_stored_(index_.marks().size()) {}
  ~LocalSchemaLog() override { ::close(fd_); }

  Result<Offset> append(std::span<const Record> batch) override;
  Result<std::vector<StoredRecord>> read(Offset from, std::chrono::milliseconds max_wait, std::size_t max_records,
                                         std::size_t max_bytes) override;
  Result<Offset> end_offset() override {
    std::lock_guard lock(mutex_);
    return index_.end();
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
  FrameIndex index_;
  uint64_t file_end_;  // end of the last durable frame
  const std::unique_ptr<MarkFile> marks_;
  std::size_t marks_stored_;  // marks of index_ already in marks_
  // Where the last read stopped: the next one of a reader following the log starts there.
  std::pair<Offset, uint64_t> resume_{-1, 0};
};

Result<Offset> LocalSchemaLog::append(std::span<const Record> batch) {
  if (read_only_) return errors::store_error("The " + describe() + " cannot be appended to");
  Pending pending{batch};
  std::unique_lock lock(mutex_);
  if (batch.empty()) return index_.end() - 1;
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
  const Offset first = index_.end();
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
    for (const uint64_t position : new_positions) index_.add(position);
    file_end_ = start + bytes.size();
    if (index_.marks().size() > marks_stored_) {
      marks_->store(index_.marks(), marks_stored_);
      marks_stored_ = index_.marks().size();
    }
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
  const auto end = [&] { return index_.end(); };
  if (from < 0 || from > end()) return offset_out_of_range(from, Offset{0}, end());
  committed_.wait_until(lock, deadline, [&] { return from < end(); });
  if (from >= end() || max_records == 0) return std::vector<StoredRecord>{};
  // From the closest frame known at or before `from`: the record itself when it is in the
  // tail or where the last read stopped, else its mark, up to 4,095 frames before it.
  auto [offset, position] = index_.at_or_before(from);
  if (resume_.first <= from && resume_.first > offset) std::tie(offset, position) = resume_;
  const Offset stop = max_records >= static_cast<std::size_t>(end() - from)
                          ? end()
                          : Offset{from + static_cast<int64_t>(max_records)};
  FrameReader frames(fd_, position, file_end_);
  lock.unlock();

  std::vector<StoredRecord> records;
  std::size_t bytes = 0;  // the first record is read whatever its size
  for (; offset < stop && (records.empty() || bytes < max_bytes); ++offset) {
    const auto frame = frames.next(offset);
    if (!frame) {
      if (frames.failure() == FrameReader::Failure::Io)
        return errors::store_error(errno_text("Failed to read the embedded log", path_));
      return errors::store_error("Corrupt record in the embedded log " + path_.string() + " at byte " +
                                 std::to_string(frames.position()));
    }
    if (offset < from) continue;
    records.push_back(segment::decode_frame(*frame));
    bytes += frame->size();
  }
  lock.lock();
  resume_ = {offset, frames.position()};
  return records;
}

// Scans the file from `pos` (the frame of offset index.end()), indexing frames; returns
// where the valid frames end.
Result<uint64_t> scan(int fd, const std::filesystem::path& path, uint64_t file_size, uint64_t pos,
                      FrameIndex& index) {
  FrameReader frames(fd, pos, file_size, kScanChunk);
  while (frames.position() < file_size) {
    const uint64_t at = frames.position();
    // The first frame that is incomplete, corrupt or out of order ends the valid ones.
    if (!frames.next(index.end())) {
      if (frames.failure() == FrameReader::Failure::Io)
        return errors::store_error(errno_text("Failed to read the embedded log", path));
      break;
    }
    index.add(at);
  }
  return frames.position();
}

struct IndexedLog {
  FrameIndex index;
  uint64_t valid_end;
  std::size_t marks_loaded;  // of the marks file, still valid after the scan
};

// Where the frames of the log are: its marks, checked, then a scan of the frames after the
// last one (all of them when there are no marks to trust).
Result<IndexedLog> index_log(int fd, const std::filesystem::path& path, uint64_t file_size, const MarkFile& marks_file) {
  auto marks = marks_file.load(fd, file_size);
  const std::size_t loaded = marks.size();
  uint64_t from = segment::kFileHeader.size();
  if (!marks.empty()) {
    from = marks.back();  // the scan marks it again
    marks.pop_back();
  }
  IndexedLog out{FrameIndex(std::move(marks)), 0, 0};
  auto scanned = scan(fd, path, file_size, from, out.index);
  if (!scanned) return scanned.error();
  out.valid_end = *scanned;
  out.marks_loaded = std::min(loaded, out.index.marks().size());
  return out;
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
  FrameIndex index;
  uint64_t valid_end = header.size();
  if (static_cast<uint64_t>(st.st_size) >= header.size()) {
    std::string found(header.size(), '\0');
    if (!read_all(fd, found.data(), found.size(), 0) || found != header) {
      return fail(errors::store_error("Not an Accord embedded log (bad file header): " + path.string()));
    }
    // The size seen now bounds the scan; whatever the node appends later is not part of it.
    auto indexed = index_log(fd, path, static_cast<uint64_t>(st.st_size), MarkFile(directory / kIndexName));
    if (!indexed) return fail(indexed.error());
    index = std::move(indexed->index);
    valid_end = indexed->valid_end;
  }
  return std::unique_ptr<SchemaLog>(new LocalSchemaLog(path, fd, std::move(index), valid_end));
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

  auto marks = std::make_unique<MarkFile>(directory / kIndexName);
  FrameIndex index;
  uint64_t valid_end = header.size();
  std::size_t marks_loaded = 0;
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
    auto indexed = index_log(fd, path, file_size, *marks);
    if (!indexed) return fail(indexed.error());
    index = std::move(indexed->index);
    valid_end = indexed->valid_end;
    marks_loaded = indexed->marks_loaded;
    if (valid_end < file_size) {
      spdlog::warn("Embedded log {}: cutting {} bytes of torn or corrupt tail after offset {} (a write "
                   "interrupted by a crash was never acknowledged)",
                   path.string(), file_size - valid_end, index.end() - 1);
      if (::ftruncate(fd, static_cast<off_t>(valid_end)) != 0 || ::fdatasync(fd) != 0) {
        return fail(errors::store_error(errno_text("Cannot cut the torn tail of", path)));
      }
    }
  }
  marks->store(index.marks(), marks_loaded);
  // Make the file's directory entry durable too, so a fresh log survives a crash.
  sync_directory(directory);
  return std::unique_ptr<SchemaLog>(new LocalSchemaLog(path, fd, std::move(index), valid_end, std::move(marks)));
}

}  // namespace accord::log
