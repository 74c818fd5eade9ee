#include "frame_index.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <array>
#include <cstring>
#include <string>

#include <spdlog/spdlog.h>

#include "file_io.hpp"
#include "segment_format.hpp"

namespace accord::log::detail {
namespace {

// "ACCORDIDX1\n", the marks' interval (u32), then one u64 position per mark; little-endian.
constexpr std::string_view kMagic = "ACCORDIDX1\n";
constexpr std::size_t kHeaderSize = kMagic.size() + 4;

void put_u64(char* out, uint64_t value) {
  for (int i = 0; i < 8; ++i) out[i] = static_cast<char>((value >> (8 * i)) & 0xff);
}

uint64_t get_u64(const char* in) {
  uint64_t value = 0;
  for (int i = 7; i >= 0; --i) value = (value << 8) | static_cast<unsigned char>(in[i]);
  return value;
}

std::string header() {
  std::string out(kMagic);
  const auto every = static_cast<uint32_t>(kMarkEvery);
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((every >> (8 * i)) & 0xff));
  return out;
}

}  // namespace

void FrameIndex::add(uint64_t position) {
  if (end_ % kMarkEvery == 0) {
    marks_.push_back(position);
    tail_.clear();
  }
  tail_.push_back(position);
  ++end_;
}

std::pair<Offset, uint64_t> FrameIndex::at_or_before(Offset offset) const {
  const Offset tail_first{end_ - static_cast<int64_t>(tail_.size())};
  if (!tail_.empty() && offset >= tail_first) return {offset, tail_[static_cast<std::size_t>(offset - tail_first)]};
  const auto mark = static_cast<std::size_t>(offset / kMarkEvery);
  return {Offset{static_cast<int64_t>(mark) * kMarkEvery}, marks_[mark]};
}

MarkFile::~MarkFile() {
  if (fd_ >= 0) ::close(fd_);
}

std::vector<uint64_t> MarkFile::load(int log_fd, uint64_t log_size) const {
  const int fd = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return {};
  std::string bytes;
  if (const off_t size = ::lseek(fd, 0, SEEK_END); size >= static_cast<off_t>(kHeaderSize)) {
    bytes.resize(static_cast<std::size_t>(size));
    if (!read_all(fd, bytes.data(), bytes.size(), 0)) bytes.clear();
  }
  ::close(fd);
  if (!bytes.starts_with(header())) return {};
  // A torn last entry (a crash while it was written) is left out.
  const std::size_t count = (bytes.size() - kHeaderSize) / 8;
  std::vector<uint64_t> marks;
  marks.reserve(count);
  std::array<char, segment::kPeekSize> frame{};
  for (std::size_t i = 0; i < count; ++i) {
    const uint64_t position = get_u64(bytes.data() + kHeaderSize + 8 * i);
    // Each mark must name a frame of the log that starts there with its offset, within the
    // log: a marks file of another log, or of a longer one before a cut, is not used at all.
    if (position < segment::kFileHeader.size() || position + frame.size() > log_size ||
        !read_all(log_fd, frame.data(), frame.size(), static_cast<off_t>(position)))
      return {};
    const auto peeked = segment::peek_frame(std::string_view(frame.data(), frame.size()));
    if (peeked.status != segment::FrameStatus::Ok || position + peeked.size > log_size ||
        peeked.offset != Offset{static_cast<int64_t>(i) * kMarkEvery})
      return {};
    marks.push_back(position);
  }
  return marks;
}

bool MarkFile::open_for_writing() {
  if (fd_ >= 0) return true;
  fd_ = ::open(path_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  return fd_ >= 0;
}

void MarkFile::store(const std::vector<uint64_t>& marks, std::size_t first) {
  std::string bytes;
  off_t at = static_cast<off_t>(kHeaderSize + 8 * first);
  if (first == 0) {
    bytes = header();
    at = 0;
  }
  for (std::size_t i = first; i < marks.size(); ++i) {
    char entry[8];
    put_u64(entry, marks[i]);
    bytes.append(entry, sizeof entry);
  }
  const off_t size = static_cast<off_t>(kHeaderSize + 8 * marks.size());
  const bool ok = open_for_writing() && write_all(fd_, bytes.data(), bytes.size(), at) && ::ftruncate(fd_, size) == 0;
  if (!ok && !warned_) {
    // Only an open is slower for it: it scans the log again.
    spdlog::warn("Cannot write the embedded log's index {}: {} (warned once)", path_.string(), std::strerror(errno));
    warned_ = true;
  }
}

}  // namespace accord::log::detail
