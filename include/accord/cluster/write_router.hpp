#pragma once
// Where a write goes: this node's writer when it holds the role, else the writer named by
// the latest marker in the log. While neither is known (an election in progress, nobody
// eligible) the write waits, bounded, then fails with 50004 as Confluent's does.
#include <chrono>
#include <string>

#include "accord/cluster/writer_lease.hpp"
#include "accord/cluster/writer_marker.hpp"
#include "accord/model/error.hpp"

namespace accord::cluster {

struct WriteRoute {
  enum class Kind { Local, Forward, Fail } kind = Kind::Fail;
  std::string url;  // Forward: the writer's base URL
  Error error{ErrorCode::UnknownLeader, ""};
};

class WriteRouter {
 public:
  // `lease` is null on a node that is not eligible.
  WriteRouter(const WriterLease* lease, const WriterDirectory& directory, std::string own_url);

  // A request that was already forwarded to this node is never forwarded again (no loops
  // between two nodes that disagree for a moment): it runs here or fails at once.
  // `avoid`: a writer URL that just refused the connection; it is skipped until the log
  // names another one.
  WriteRoute route(bool forwarded, std::chrono::steady_clock::time_point deadline, const std::string& avoid = {}) const;

  bool is_writer() const;
  // The writer's URL as this node knows it (own URL when it is the writer), empty if unknown.
  std::string writer_url() const;

 private:
  const WriterLease* lease_;
  const WriterDirectory& directory_;
  std::string own_url_;
};

}  // namespace accord::cluster
