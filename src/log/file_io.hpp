#pragma once
// Private to log/: whole-buffer pread and pwrite, retried on EINTR and short transfers.
#include <unistd.h>

#include <cerrno>
#include <cstddef>

namespace accord::log::detail {

inline bool write_all(int fd, const char* data, std::size_t size, off_t at) {
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

// False on an error or when the file ends first.
inline bool read_all(int fd, char* data, std::size_t size, off_t at) {
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

}  // namespace accord::log::detail
