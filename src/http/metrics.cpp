#include "accord/http/metrics.hpp"

#include <atomic>
#include <mutex>
#include <unordered_map>

#include <prometheus/counter.h>
#include <prometheus/family.h>
#include <prometheus/gauge.h>
#include <prometheus/histogram.h>
#include <prometheus/registry.h>
#include <prometheus/text_serializer.h>

namespace accord::http {

struct Metrics::Impl {
  std::shared_ptr<prometheus::Registry> registry = std::make_shared<prometheus::Registry>();
  prometheus::Family<prometheus::Counter>& requests = prometheus::BuildCounter()
                                                          .Name("accord_http_requests_total")
                                                          .Help("HTTP requests answered, by method, route template and status")
                                                          .Register(*registry);
  prometheus::Family<prometheus::Histogram>& latency =
      prometheus::BuildHistogram()
          .Name("accord_http_request_duration_seconds")
          .Help("Time from a parsed request to its answer, by method and route template")
          .Register(*registry);
  prometheus::Counter& registrations = prometheus::BuildCounter()
                                           .Name("accord_schema_registrations_total")
                                           .Help("Successful POST /subjects/{subject}/versions")
                                           .Register(*registry)
                                           .Add({});
  prometheus::Counter& compatibility_failures =
      prometheus::BuildCounter()
          .Name("accord_compatibility_failures_total")
          .Help("Compatibility checks answered incompatible and registrations refused with 409")
          .Register(*registry)
          .Add({});
  prometheus::Family<prometheus::Gauge>& gauges = prometheus::BuildGauge()
                                                      .Name("accord_node_info")
                                                      .Help("1 for the node's current role")
                                                      .Register(*registry);
  prometheus::Gauge& applied = prometheus::BuildGauge()
                                   .Name("accord_log_applied_offset")
                                   .Help("Last log offset applied to the local store")
                                   .Register(*registry)
                                   .Add({});
  prometheus::Gauge& end = prometheus::BuildGauge()
                               .Name("accord_log_end_offset")
                               .Help("Next offset of the log (high watermark)")
                               .Register(*registry)
                               .Add({});
  prometheus::Gauge& ready = prometheus::BuildGauge()
                                 .Name("accord_ready")
                                 .Help("1 when the store has caught up with the log")
                                 .Register(*registry)
                                 .Add({});
  prometheus::Gauge& schemas = prometheus::BuildGauge()
                                   .Name("accord_store_schemas")
                                   .Help("Distinct schemas in the local store")
                                   .Register(*registry)
                                   .Add({});
  prometheus::Gauge& compacting = prometheus::BuildGauge()
                                      .Name("accord_store_compacting")
                                      .Help("1 while the local store compacts or has compactions to do")
                                      .Register(*registry)
                                      .Add({});
  prometheus::Gauge& connections = prometheus::BuildGauge()
                                       .Name("accord_http_open_connections")
                                       .Help("Open HTTP connections")
                                       .Register(*registry)
                                       .Add({});
  std::mutex mutex;  // render: gauges set and collected together

  // Family::Add locks the family and hashes the labels; the series a thread has used are
  // remembered by that thread, so a request takes no lock once its series exists.
  struct Series {
    prometheus::Counter* requests;
    prometheus::Histogram* latency;
  };
  static inline std::atomic<std::uint64_t> next_serial{0};
  const std::uint64_t serial = next_serial++;  // tells instances apart in the thread caches
  Series& series(const std::string& method, const std::string& route, int status);
};

Metrics::Impl::Series& Metrics::Impl::series(const std::string& method, const std::string& route, int status) {
  thread_local std::unordered_map<std::uint64_t, std::unordered_map<std::string, Series>> caches;
  auto& cache = caches[serial];
  std::string key = method;
  key.append(1, ' ').append(route).append(1, ' ').append(std::to_string(status));
  auto found = cache.find(key);
  if (found != cache.end()) return found->second;
  static const prometheus::Histogram::BucketBoundaries buckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05,
                                                                 0.1,    0.25,  0.5,    1,     2.5,  5,     10};
  Series created{&requests.Add({{"method", method}, {"route", route}, {"status", std::to_string(status)}}),
                 &latency.Add({{"method", method}, {"route", route}}, buckets)};
  return cache.emplace(std::move(key), created).first->second;
}

Metrics::Metrics() : impl_(std::make_unique<Impl>()) {}
Metrics::~Metrics() = default;

void Metrics::observe(const std::string& method, const api::RouteMatch& route, const api::Response& response,
                      double seconds) {
  auto& series = impl_->series(method, route.label, response.status);
  series.requests->Increment();
  series.latency->Observe(seconds);
  switch (route.answer()) {
    case api::Answer::Registration:
      if (response.status == 200) impl_->registrations.Increment();
      if (response.status == 409) impl_->compatibility_failures.Increment();
      break;
    case api::Answer::CompatibilityCheck:
      if (response.status == 200 && response.body.find("\"is_compatible\":false") != std::string::npos)
        impl_->compatibility_failures.Increment();
      break;
    default: break;
  }
}

std::string Metrics::render(const NodeGauges& g) {
  std::lock_guard lock(impl_->mutex);
  for (const char* role : {"standalone", "writer", "follower"})
    impl_->gauges.Add({{"role", role}}).Set(g.role == role ? 1 : 0);
  impl_->applied.Set(static_cast<double>(g.applied_offset));
  impl_->end.Set(static_cast<double>(g.end_offset));
  impl_->ready.Set(g.ready ? 1 : 0);
  impl_->schemas.Set(static_cast<double>(g.schemas));
  impl_->compacting.Set(g.compacting ? 1 : 0);
  if (g.open_connections >= 0) impl_->connections.Set(static_cast<double>(g.open_connections));
  return prometheus::TextSerializer().Serialize(impl_->registry->Collect());
}

}  // namespace accord::http
