#pragma once
// Draws ops::Progress on stderr: a bar with records per second and an estimate on a
// terminal, otherwise one plain line every few seconds (logs, CI).
#include <chrono>
#include <cstdio>
#include <string>

#include "accord/ops/progress.hpp"

namespace accord::cli {

class ProgressDisplay {
 public:
  // enabled=false (--quiet) draws nothing. Drawing goes to stderr, so stdout keeps only the
  // summary (e.g. the --format json document).
  explicit ProgressDisplay(bool enabled = true);
  ~ProgressDisplay();
  void operator()(const ops::Progress& progress);
  ops::ProgressFn callback();
  // Ends the bar's line on a terminal.
  void finish();

 private:
  using Clock = std::chrono::steady_clock;
  bool enabled_;
  bool terminal_;
  std::string phase_;
  Clock::time_point phase_start_;
  Clock::time_point last_draw_{};
  bool drawn_ = false;
  bool completed_ = false;  // the phase's final state was drawn
};

}  // namespace accord::cli
