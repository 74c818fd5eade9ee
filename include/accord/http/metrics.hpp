#pragma once
// Prometheus metrics of one node (GET /metrics, text exposition format). Requests are
// counted per method, route label and status — the label of the request's route
// descriptor, such as "/subjects/{subject}/versions/{version}", never a raw path, so label
// values stay bounded.
#include <cstdint>
#include <memory>
#include <string>

#include "accord/api/request.hpp"
#include "accord/api/route.hpp"
#include "accord/model/types.hpp"

namespace accord::http {

struct NodeGauges {
  Offset applied_offset{-1};
  Offset end_offset{-1};
  std::string role;  // standalone, writer, follower
  bool ready = false;
  int64_t schemas = 0;
  bool compacting = false;
  int64_t open_connections = -1;  // -1: unknown
};

class Metrics {
 public:
  Metrics();
  ~Metrics();
  Metrics(const Metrics&) = delete;
  Metrics& operator=(const Metrics&) = delete;

  // One answered request: its count, its latency, and what it means for the registry
  // (a registration, a compatibility failure).
  void observe(const std::string& method, const api::RouteMatch& route, const api::Response& response, double seconds);
  // The text exposition of everything, with the node gauges set to `gauges` first.
  std::string render(const NodeGauges& gauges);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace accord::http
