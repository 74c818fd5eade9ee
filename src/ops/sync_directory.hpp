#pragma once
// Makes a directory's entries (a created or renamed file) durable.
#include <fcntl.h>
#include <unistd.h>

#include <filesystem>

namespace accord::ops {

inline void sync_directory(const std::filesystem::path& directory) {
  const auto path = directory.empty() ? std::filesystem::path(".") : directory;
  if (const int fd = ::open(path.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
}

}  // namespace accord::ops
