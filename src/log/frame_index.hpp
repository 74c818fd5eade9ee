#pragma once
// Private to log/: where the embedded log's frames are (docs/log.md, "Index"). Kept are the
// position of every 4,096th offset (a mark), in memory and in the file `schemas.log.index`,
// and the position of every offset since the last mark (the tail, which readers that follow
// the log ask for). A record before the tail is found by reading forward from its mark.
// So memory is 8 bytes per 4,096 records, not per record, and an open reads the marks and
// checks only the frames after the last one, not the whole log.
#include <cstdint>
#include <filesystem>
#include <utility>
#include <vector>

#include "accord/log/record.hpp"

namespace accord::log::detail {

inline constexpr int64_t kMarkEvery = 4096;

class FrameIndex {
 public:
  FrameIndex() = default;
  // Resumes after `marks` (of offsets 0, kMarkEvery, ...): the next frame added is the one
  // of offset marks.size() * kMarkEvery.
  explicit FrameIndex(std::vector<uint64_t> marks)
      : marks_(std::move(marks)), end_(static_cast<int64_t>(marks_.size()) * kMarkEvery) {}

  Offset end() const { return end_; }
  // Records the position of the frame of offset end().
  void add(uint64_t position);
  // The known frame closest at or before `offset` (0 <= offset < end()): {offset, position}.
  std::pair<Offset, uint64_t> at_or_before(Offset offset) const;
  const std::vector<uint64_t>& marks() const { return marks_; }

 private:
  std::vector<uint64_t> marks_;
  std::vector<uint64_t> tail_;  // positions from the last mark's record on (none before an add)
  Offset end_{0};
};

// The marks file beside the log. Its marks are hints: each is checked against the log at
// load, and any doubt means a full scan. Writes are not synced; a lost write is found again.
class MarkFile {
 public:
  explicit MarkFile(std::filesystem::path path) : path_(std::move(path)) {}
  ~MarkFile();
  MarkFile(const MarkFile&) = delete;
  MarkFile& operator=(const MarkFile&) = delete;

  // The marks that point at frames of `log_fd` (of `log_size` bytes) with the right offsets;
  // empty when the file is missing, of another format, or any mark is wrong.
  std::vector<uint64_t> load(int log_fd, uint64_t log_size) const;
  // Makes the file hold exactly `marks`, writing those from `first` on.
  void store(const std::vector<uint64_t>& marks, std::size_t first);

 private:
  bool open_for_writing();
  std::filesystem::path path_;
  int fd_ = -1;
  bool warned_ = false;
};

}  // namespace accord::log::detail
