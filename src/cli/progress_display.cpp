#include "accord/cli/progress_display.hpp"

#include <unistd.h>

#include <cmath>

namespace accord::cli {
namespace {

constexpr auto kTerminalInterval = std::chrono::milliseconds(100);
constexpr auto kLineInterval = std::chrono::seconds(3);
constexpr int kBarWidth = 30;

std::string duration_text(double seconds) {
  const auto s = static_cast<long>(std::lround(seconds));
  char buffer[32];
  if (s >= 3600) std::snprintf(buffer, sizeof buffer, "%ldh%02ldm", s / 3600, (s / 60) % 60);
  else if (s >= 60) std::snprintf(buffer, sizeof buffer, "%ldm%02lds", s / 60, s % 60);
  else std::snprintf(buffer, sizeof buffer, "%lds", s);
  return buffer;
}

}  // namespace

ProgressDisplay::ProgressDisplay(bool enabled) : enabled_(enabled), terminal_(::isatty(STDERR_FILENO) == 1) {}

ProgressDisplay::~ProgressDisplay() { finish(); }

ops::ProgressFn ProgressDisplay::callback() {
  return [this](const ops::Progress& p) { (*this)(p); };
}

void ProgressDisplay::operator()(const ops::Progress& p) {
  if (!enabled_) return;
  const auto now = Clock::now();
  if (p.phase != phase_) {
    if (drawn_ && terminal_) std::fputc('\n', stderr);
    phase_ = p.phase;
    phase_start_ = now;
    // A terminal draws at once; a log gets its first line after an interval, so a short
    // phase leaves no line at all and no rate is computed over nothing.
    last_draw_ = terminal_ ? Clock::time_point{} : now;
    drawn_ = false;
    completed_ = false;
  }
  const bool complete = p.total > 0 && p.done >= p.total;
  if (complete && completed_) return;
  const auto interval = terminal_ ? Clock::duration(kTerminalInterval) : Clock::duration(kLineInterval);
  if (!complete && now - last_draw_ < interval) return;
  if (complete && !terminal_ && !drawn_) return;
  completed_ = complete;
  last_draw_ = now;
  const double elapsed = std::chrono::duration<double>(now - phase_start_).count();
  const double rate = elapsed > 0 ? static_cast<double>(p.done) / elapsed : 0;
  std::string eta;
  if (p.total > p.done && rate > 0) eta = ", about " + duration_text(static_cast<double>(p.total - p.done) / rate) + " left";
  if (terminal_) {
    std::string bar;
    if (p.total > 0) {
      const int filled = static_cast<int>(kBarWidth * std::min(1.0, static_cast<double>(p.done) / static_cast<double>(p.total)));
      bar = "[" + std::string(filled, '#') + std::string(kBarWidth - filled, '.') + "] ";
    }
    std::fprintf(stderr, "\r%s %s%llu%s  %.0f/s%s\x1b[K", phase_.c_str(), bar.c_str(),
                 static_cast<unsigned long long>(p.done),
                 p.total ? ("/" + std::to_string(p.total)).c_str() : "", rate, eta.c_str());
  } else {
    std::fprintf(stderr, "%s: %llu%s (%.0f/s%s)\n", phase_.c_str(), static_cast<unsigned long long>(p.done),
                 p.total ? (" of " + std::to_string(p.total)).c_str() : "", rate, eta.c_str());
  }
  std::fflush(stderr);
  drawn_ = true;
}

void ProgressDisplay::finish() {
  if (enabled_ && terminal_ && drawn_) std::fputc('\n', stderr);
  drawn_ = false;
}

}  // namespace accord::cli
