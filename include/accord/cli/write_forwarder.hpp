#pragma once
// On Kafka, the stage of the request pipeline that takes the writes: a write on a follower
// goes to the elected writer, a write on the writer is answered with the offset it applied
// (docs/high-availability.md).
#include <chrono>
#include <string>

#include "accord/api/api.hpp"
#include "accord/cluster/write_router.hpp"
#include "accord/http/forwarder.hpp"
#include "accord/store/state_store.hpp"

namespace accord::cli {

struct WriteForwarderOptions {
  std::string advertised;                 // this node's URL, sent as X-Accord-Writer
  http::ForwardOptions forward;
  std::chrono::milliseconds leader_wait;  // how long a write waits for a writer to be known
  std::chrono::milliseconds apply_wait;   // how long a forwarded write waits for the local apply
};

class WriteForwarder {
 public:
  WriteForwarder(store::StateStore& store, api::Api& api, cluster::WriteRouter& router, WriteForwarderOptions options);

  api::Response handle(const api::RouteMatch& route, const api::Request& request) const;

 private:
  store::StateStore& store_;
  api::Api& api_;
  cluster::WriteRouter& router_;
  WriteForwarderOptions options_;
};

}  // namespace accord::cli
