#include "accord/cluster/write_router.hpp"

#include <algorithm>

#include "accord/model/errors.hpp"

namespace accord::cluster {

WriteRouter::WriteRouter(const WriterLease* lease, const WriterDirectory& directory, std::string own_url)
    : lease_(lease), directory_(directory), own_url_(std::move(own_url)) {}

bool WriteRouter::is_writer() const { return lease_ && lease_->state().elected; }

std::string WriteRouter::writer_url() const {
  if (is_writer()) return own_url_;
  auto url = directory_.url();
  // Our own marker while the role is gone: stale, the next writer has not announced itself.
  return url == own_url_ ? std::string() : url;
}

WriteRoute WriteRouter::route(bool forwarded, std::chrono::steady_clock::time_point deadline,
                              const std::string& avoid) const {
  for (;;) {
    if (is_writer()) return {WriteRoute::Kind::Local, own_url_, errors::unknown_leader()};
    const std::string url = writer_url();
    if (forwarded) return {WriteRoute::Kind::Fail, "", errors::unknown_leader()};
    if (!url.empty() && url != avoid) return {WriteRoute::Kind::Forward, url, errors::unknown_leader()};
    const auto now = std::chrono::steady_clock::now();
    if (now >= deadline) return {WriteRoute::Kind::Fail, "", errors::unknown_leader()};
    // Wake on a new marker; the lease is looked at again every slice.
    directory_.wait_for_change(directory_.url(), std::min(deadline, now + std::chrono::milliseconds(50)));
  }
}

}  // namespace accord::cluster
