#pragma once
// How a long operation reports where it is; the CLI turns this into a bar or log lines.
#include <cstdint>
#include <functional>
#include <string>

namespace accord::ops {

struct Progress {
  std::string phase;   // e.g. "reading", "verifying", "writing", "importing"
  uint64_t done = 0;   // units of work finished in this phase (records, versions)
  uint64_t total = 0;  // 0 when not known
};

// Called often (every few hundred units); the receiver decides how often to draw.
using ProgressFn = std::function<void(const Progress&)>;

inline void report(const ProgressFn& fn, const std::string& phase, uint64_t done, uint64_t total) {
  if (fn) fn(Progress{phase, done, total});
}

}  // namespace accord::ops
