// `accord serve` and `accord replay`: wire the log, the store, the reader, the writer,
// the API and the HTTP server together. On Kafka, also the election, and the routing of
// writes to the elected writer (docs/high-availability.md).
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cctype>
#include <csignal>
#include <filesystem>
#include <set>
#include <thread>

#include "accord/api/api.hpp"
#include "accord/auth/auth.hpp"
#include "accord/cli/commands.hpp"
#include "accord/cli/log_options.hpp"
#include "accord/cli/request_pipeline.hpp"
#include "accord/cli/write_forwarder.hpp"
#include "accord/cluster/elected_writer.hpp"
#include "accord/cluster/group_membership.hpp"
#include "accord/cluster/log_reader.hpp"
#include "accord/cluster/write_router.hpp"
#include "accord/cluster/writer.hpp"
#include "accord/cluster/writer_marker.hpp"
#include "accord/http/metrics.hpp"
#include "accord/http/server.hpp"
#include "accord/log/kafka_log.hpp"
#include "accord/log/local_log.hpp"
#include "accord/model/errors.hpp"
#include "accord/store/state_store.hpp"

namespace accord::cli {
namespace {

int fail(const std::string& message) {
  spdlog::critical("{}", message);
  return 1;
}

Result<std::unique_ptr<log::SchemaLog>> open_log(const Config& config, const std::filesystem::path& data_dir) {
  const auto bootstrap = config.value("kafkastore.bootstrap.servers");
  if (bootstrap.empty()) return log::open_local_log(data_dir / "log");
  auto options = kafka_log_options(config);
  // One transactional.id for the whole cluster: a newly elected writer's first append
  // fences every earlier writer's producer, and readers use read_committed.
  options.transactional_id = config.get_or(
      "accord.transactional.id", config.value("schema.registry.group.id") + "-writer");
  return log::open_kafka_log(options);
}

struct Node {
  std::unique_ptr<log::SchemaLog> log;
  std::unique_ptr<store::StateStore> store;
};

// accord.cache.bytes: what the store's block cache (half), the response cache and the parsed
// schemas (a quarter each) share.
std::size_t cache_bytes(const Config& config) {
  return static_cast<std::size_t>(std::max<int64_t>(1 << 20, config.int_value("accord.cache.bytes")));
}

Result<Node> open_node(const Config& config, bool rebuild) {
  const std::filesystem::path data_dir = config.value("data.dir");
  std::error_code ec;
  std::filesystem::create_directories(data_dir, ec);
  if (ec) return errors::store_error("cannot create the data directory " + data_dir.string() + ": " + ec.message());
  Node node;
  auto log = open_log(config, data_dir);
  if (!log) return log.error();
  node.log = std::move(log).value();
  if (rebuild) {
    // The store is only a cache of the log: a fresh one is cheaper than loading and
    // deleting the old one, and a crash during the rebuild just leaves an empty store.
    spdlog::warn("rebuilding the state store from offset 0 of the log");
    std::filesystem::remove_all(data_dir / "store", ec);
    if (ec) return errors::store_error("cannot remove the old state store: " + ec.message());
  }
  store::StoreOptions store_options;
  store_options.block_cache_bytes = cache_bytes(config) / 2;
  // A store about to be built from the log sizes its filter of written keys by the log's
  // length (state_store.hpp); a store that exists does not need it.
  if (!std::filesystem::exists(data_dir / "store" / "CURRENT"))
    if (auto held = node.log->held_offsets(); held && held->second > held->first)
      store_options.rebuild_records = static_cast<std::size_t>(held->second - held->first);
  auto store = store::StateStore::open(data_dir / "store", store_options);
  if (!store)
    return errors::store_error(store.error().message + ". Start with --rebuild to rebuild it from the log");
  node.store = std::move(store).value();
  return node;
}

// SIGINT/SIGTERM are blocked in every thread and taken by one waiting thread, which stops
// the server outside of signal context.
sigset_t stop_signals() {
  sigset_t signals;
  sigemptyset(&signals);
  sigaddset(&signals, SIGINT);
  sigaddset(&signals, SIGTERM);
  return signals;
}

// `before_stop` runs first: leaving the election group at once lets another node take
// over without waiting for this one's session to expire.
std::thread stop_on_signal(http::Server& server, std::function<void()> before_stop) {
  const sigset_t signals = stop_signals();
  return std::thread([&server, signals, before_stop = std::move(before_stop)] {
    int received = 0;
    sigwait(&signals, &received);
    spdlog::info("signal {} received, stopping", received);
    if (before_stop) before_stop();
    server.stop();
  });
}

std::string upper(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

// authentication.method: nullptr for NONE, the users file's authenticator for BASIC.
Result<std::shared_ptr<auth::Authenticator>> load_authenticator(const Config& config) {
  const std::string method = upper(config.value("authentication.method"));
  if (method == "NONE") return std::shared_ptr<auth::Authenticator>();
  if (method != "BASIC") return errors::bad_request("authentication.method must be NONE or BASIC, got '" + method + "'");
  const std::string file = config.value("accord.auth.file");
  if (file.empty()) return errors::bad_request("authentication.method=BASIC needs accord.auth.file (docs/security.md)");
  return auth::Authenticator::load_file(file);
}

RequestLimits limits_from(const Config& config) {
  RequestLimits limits;
  limits.body_depth = static_cast<std::size_t>(config.int_value("request.json.max.depth"));
  limits.schema_bytes = static_cast<std::size_t>(config.int_value("schema.max.bytes"));
  limits.schema_depth = static_cast<std::size_t>(config.int_value("schema.max.depth"));
  return limits;
}

http::ServerOptions server_options_from(const Config& config, const Listener& listener, const std::string& client_auth,
                                        const auth::Authenticator* authenticator) {
  http::ServerOptions server_options;
  server_options.host = listener.host;
  server_options.port = listener.port;
  server_options.threads = static_cast<int>(config.int_value("http.threads"));
  server_options.body_limit = static_cast<std::size_t>(config.int_value("request.max.bytes"));
  server_options.handler_threads = static_cast<int>(config.int_value("http.handler.threads"));
  server_options.request_timeout = std::chrono::duration_cast<std::chrono::seconds>(
      std::chrono::milliseconds(std::max<int64_t>(1000, config.int_value("http.request.timeout.ms"))));
  server_options.max_connections = static_cast<std::size_t>(config.int_value("http.max.connections"));
  server_options.header_limit = static_cast<std::size_t>(config.int_value("http.header.max.bytes"));
  if (authenticator) {
    // A password not verified before costs a slow hash: never on an io thread.
    server_options.is_fast = [authenticator](const api::Request& request) {
      return request.method == "GET" && authenticator->cheap_to_authenticate(request);
    };
  }
  server_options.answers_any_type = [](const api::Request& request) {
    return api::routes().match(request).answer() == api::Answer::MetricsText;
  };
  if (listener.scheme == "https") {
    http::TlsOptions tls;
    tls.certificate_file = config.value("ssl.certificate.location");
    tls.key_file = config.value("ssl.key.location");
    tls.ca_file = config.value("ssl.truststore.location");
    tls.require_client_certificate = client_auth == "REQUIRED";
    tls.request_client_certificate = client_auth == "REQUESTED";
    server_options.tls = tls;
  }
  return server_options;
}

}  // namespace

int serve(const Config& config) {
  // Before any thread exists (librdkafka's, the reader's), so that all inherit the mask.
  const sigset_t signals = stop_signals();
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  auto listener = parse_listener(config.value("listeners"));
  if (!listener) return fail(listener.error().message);
  if (listener->scheme != "http" && listener->scheme != "https")
    return fail("listeners must be http:// or https://: " + config.value("listeners"));
  const std::string client_auth = upper(config.value("ssl.client.authentication"));
  if (client_auth != "NONE" && client_auth != "REQUESTED" && client_auth != "REQUIRED")
    return fail("ssl.client.authentication must be NONE, REQUESTED or REQUIRED, got '" + client_auth + "'");
  auto node = open_node(config, config.bool_value("accord.rebuild"));
  if (!node) return fail(node.error().message);
  const bool kafka = !config.value("kafkastore.bootstrap.servers").empty();

  std::string advertised = config.value("accord.advertised.url");
  if (advertised.empty())
    advertised = listener->scheme + "://" + config.get_or("host.name", listener->host) + ":" + std::to_string(listener->port);
  const auto kafka_timeout = std::chrono::milliseconds(config.int_value("kafkastore.timeout.ms"));
  const bool eligible = config.bool_value("leader.eligibility");

  cluster::LogReader reader(*node->log, *node->store);
  cluster::WriterDirectory directory;
  if (kafka) {
    // A restarted node resumes after the marker that named the current writer.
    directory.set(cluster::find_latest_writer_url(*node->log, node->store->applied_offset() + 1,
                                                  std::chrono::steady_clock::now() + std::chrono::seconds(10)));
    if (!directory.url().empty()) spdlog::info("last writer announced in the log: {}", directory.url());
    reader.set_observer([&directory](const log::StoredRecord& record) { directory.observe(record); });
  }
  if (auto s = reader.start(); !s) return fail(s.error().message);

  cluster::WriterOptions writer_options;
  writer_options.timeout = kafka_timeout;
  // The embedded log acknowledges after fsync and is applied at once; Kafka may need longer.
  if (!kafka) writer_options.timeout = std::max(writer_options.timeout, std::chrono::milliseconds(5000));
  writer_options.eligible = eligible && !kafka;  // on Kafka only the elected writer appends
  cluster::LogWriter local_writer(*node->log, *node->store, writer_options);

  std::unique_ptr<cluster::GroupMembership> membership;
  std::unique_ptr<cluster::ElectedWriter> elected;
  if (kafka && eligible) {
    cluster::GroupOptions group;
    group.group_id = config.value("schema.registry.group.id");
    group.topic = config.value("kafkastore.topic");
    group.session_timeout = std::chrono::milliseconds(config.int_value("kafkagroup.session.timeout.ms"));
    group.heartbeat_interval = std::chrono::milliseconds(config.int_value("kafkagroup.heartbeat.interval.ms"));
    for (const auto& [key, value] : config.with_prefix("kafkastore.")) {
      static const std::set<std::string> own = {"bootstrap.servers", "topic", "topic.replication.factor",
                                                "timeout.ms", "init.timeout.ms"};
      if (!own.count(key)) group.client_properties[key] = value;
    }
    group.client_properties["bootstrap.servers"] = config.value("kafkastore.bootstrap.servers");
    membership = std::make_unique<cluster::GroupMembership>(group);
    elected = std::make_unique<cluster::ElectedWriter>(
        *node->log, *node->store, *membership, cluster::ElectedWriterOptions{kafka_timeout, advertised});
    if (auto s = membership->start(); !s) return fail(s.error().message);
    elected->start();
  }
  cluster::Writer& writer = elected ? static_cast<cluster::Writer&>(*elected) : local_writer;
  cluster::WriteRouter router(membership.get(), directory, advertised);
  auto authenticator = load_authenticator(config);
  if (!authenticator) return fail(authenticator.error().message);

  api::ApiOptions options;
  options.max_references = static_cast<std::size_t>(config.int_value("schema.max.references"));
  if (auto level = parse_compatibility_level(config.value("schema.compatibility.level")))
    options.default_compatibility = *level;
  options.mode_mutability = config.bool_value("mode.mutability");
  options.group_id = config.value("schema.registry.group.id");
  options.ui_enabled = config.bool_value("accord.ui.enabled");
  options.response_cache_bytes = cache_bytes(config) / 4;
  options.parsed_cache_bytes = cache_bytes(config) / 4;
  options.cluster_status = [&] {
    api::ClusterStatus status;
    if (!kafka) {
      status.role = "standalone";
      status.writer_url = eligible ? advertised : "";
    } else {
      status.role = router.is_writer() ? "writer" : "follower";
      status.writer_url = router.writer_url();
    }
    status.applied_offset = node->store->applied_offset();
    auto end = node->log->end_offset();
    status.end_offset = end ? *end : Offset{-1};
    status.ready = reader.ready();
    return status;
  };
  http::Metrics metrics;
  http::Server* server_ref = nullptr;
  options.metrics_text = [&] {
    const auto status = options.cluster_status();
    http::NodeGauges gauges;
    gauges.applied_offset = status.applied_offset;
    gauges.end_offset = status.end_offset;
    gauges.role = status.role;
    gauges.ready = status.ready;
    gauges.schemas = static_cast<int64_t>(node->store->schema_count());
    gauges.compacting = node->store->compacting();
    if (server_ref) gauges.open_connections = static_cast<int64_t>(server_ref->open_connections());
    return metrics.render(gauges);
  };
  api::Api api(*node->store, writer, options);

  // accord.leader.wait.ms has no default of its own: kafkastore.timeout.ms.
  const auto leader_wait = config.get_int("accord.leader.wait.ms");
  WriteForwarder forwarder(
      *node->store, api, router,
      WriteForwarderOptions{
          advertised,
          http::ForwardOptions{std::chrono::milliseconds(config.int_value("leader.connect.timeout.ms")),
                               std::chrono::milliseconds(config.int_value("leader.read.timeout.ms")),
                               config.value("ssl.truststore.location"),
                               config.value("ssl.certificate.location"), config.value("ssl.key.location")},
          leader_wait ? std::chrono::milliseconds(*leader_wait) : kafka_timeout, kafka_timeout});
  PipelineStages stages;
  stages.prepare = [&api](const api::Request& request) { return api.prepare(request); };
  stages.ready = [&reader] { return reader.ready(); };
  stages.authenticator = authenticator->get();
  stages.subjects_using_schema = [&api](const api::Request& request) { return api.subjects_using_schema(request); };
  stages.limits = limits_from(config);
  stages.handle = [&api](const api::RouteMatch& route, const api::Request& request) {
    return api.dispatch(route, request);
  };
  if (kafka)
    stages.write = [&forwarder](const api::RouteMatch& route, const api::Request& request) {
      return forwarder.handle(route, request);
    };
  stages.metrics = &metrics;
  http::Server server(server_options_from(config, *listener, client_auth, authenticator->get()), RequestPipeline(api::routes(), std::move(stages)));
  server_ref = &server;
  if (auto error = server.bind(); !error.empty())
    return fail("cannot listen on " + config.value("listeners") + ": " + error);
  auto signal_thread = stop_on_signal(server, [&membership] {
    if (membership) membership->stop();
  });

  spdlog::info("accord listening on {}://{}:{} using the {}; state store at {}", listener->scheme, listener->host,
               server.port(), node->log->describe(), (std::filesystem::path(config.value("data.dir")) / "store").string());
  server.run();
  if (membership) membership->stop();
  if (elected) elected->stop();
  reader.stop();
  // The server only stops on a signal; wake the waiter if run() ended another way.
  pthread_kill(signal_thread.native_handle(), SIGTERM);
  signal_thread.join();
  spdlog::info("accord stopped");
  return 0;
}

int replay(const Config& config) {
  auto node = open_node(config, true);
  if (!node) return fail(node.error().message);
  cluster::LogReader reader(*node->log, *node->store);
  if (auto s = reader.prepare(); !s) return fail(s.error().message);
  if (auto s = reader.catch_up(std::chrono::steady_clock::now() + std::chrono::hours(1)); !s)
    return fail(s.error().message);
  spdlog::info("store rebuilt from the {}: applied offset {}, {} schemas", node->log->describe(),
               node->store->applied_offset(), node->store->schema_count());
  return 0;
}

}  // namespace accord::cli
