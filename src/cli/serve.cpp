// `accord serve` and `accord replay`: wire the log, the store, the reader, the writer,
// the API and the HTTP server together.
#include <spdlog/spdlog.h>

#include <csignal>
#include <filesystem>
#include <set>
#include <thread>

#include "accord/api/api.hpp"
#include "accord/cli/commands.hpp"
#include "accord/cluster/log_reader.hpp"
#include "accord/cluster/writer.hpp"
#include "accord/http/server.hpp"
#include "accord/log/kafka_log.hpp"
#include "accord/log/local_log.hpp"
#include "accord/store/state_store.hpp"

namespace accord::cli {
namespace {

int fail(const std::string& message) {
  spdlog::critical("{}", message);
  return 1;
}

int64_t int_or(const Config& config, const std::string& key, int64_t fallback) {
  auto value = config.get_int(key);
  return value ? *value : fallback;
}

bool bool_or(const Config& config, const std::string& key, bool fallback) {
  auto value = config.get_bool(key);
  return value ? *value : fallback;
}

Result<std::unique_ptr<log::SchemaLog>> open_log(const Config& config, const std::filesystem::path& data_dir) {
  const auto bootstrap = config.get_or("kafkastore.bootstrap.servers", "");
  if (bootstrap.empty()) return log::open_local_log(data_dir / "log");
  log::KafkaLogOptions options;
  options.bootstrap_servers = bootstrap;
  options.topic = config.get_or("kafkastore.topic", "_schemas");
  options.replication_factor = static_cast<int>(int_or(config, "kafkastore.topic.replication.factor", 3));
  options.timeout = std::chrono::milliseconds(int_or(config, "kafkastore.timeout.ms", 500));
  options.init_timeout = std::chrono::milliseconds(int_or(config, "kafkastore.init.timeout.ms", 60000));
  for (const auto& [key, value] : config.with_prefix("kafkastore.")) {
    static const std::set<std::string> own = {"bootstrap.servers", "topic", "topic.replication.factor",
                                              "timeout.ms", "init.timeout.ms"};
    if (!own.count(key)) options.client_properties[key] = value;
  }
  options.client_properties["bootstrap.servers"] = bootstrap;
  return log::open_kafka_log(options);
}

struct Node {
  std::unique_ptr<log::SchemaLog> log;
  std::unique_ptr<store::StateStore> store;
};

Result<Node> open_node(const Config& config, bool rebuild) {
  const std::filesystem::path data_dir = config.get_or("data.dir", "./data");
  std::error_code ec;
  std::filesystem::create_directories(data_dir, ec);
  if (ec) return Error{ErrorCode::StoreError, "cannot create the data directory " + data_dir.string() + ": " + ec.message()};
  Node node;
  auto log = open_log(config, data_dir);
  if (!log) return log.error();
  node.log = std::move(log).value();
  auto store = store::StateStore::open(data_dir / "store");
  if (!store) {
    if (!rebuild)
      return Error{ErrorCode::StoreError, store.error().message + ". Start with --rebuild to rebuild it from the log"};
    std::filesystem::remove_all(data_dir / "store", ec);
    store = store::StateStore::open(data_dir / "store");
    if (!store) return store.error();
  }
  node.store = std::move(store).value();
  if (rebuild) {
    spdlog::warn("rebuilding the state store from offset 0 of the log");
    if (auto s = node.store->wipe(); !s) return s.error();
  }
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

std::thread stop_on_signal(http::Server& server) {
  const sigset_t signals = stop_signals();
  return std::thread([&server, signals] {
    int received = 0;
    sigwait(&signals, &received);
    spdlog::info("signal {} received, stopping", received);
    server.stop();
  });
}

}  // namespace

int serve(const Config& config) {
  // Before any thread exists (librdkafka's, the reader's), so that all inherit the mask.
  const sigset_t signals = stop_signals();
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  auto listener = parse_listener(config.get_or("listeners", "http://127.0.0.1:8081"));
  if (!listener) return fail(listener.error().message);
  if (listener->scheme != "http") return fail("only http:// listeners are supported so far: " + config.get_or("listeners", ""));
  auto node = open_node(config, bool_or(config, "accord.rebuild", false));
  if (!node) return fail(node.error().message);
  const bool kafka = !config.get_or("kafkastore.bootstrap.servers", "").empty();

  cluster::LogReader reader(*node->log, *node->store);
  if (auto s = reader.start(); !s) return fail(s.error().message);

  cluster::WriterOptions writer_options;
  writer_options.timeout = std::chrono::milliseconds(int_or(config, "kafkastore.timeout.ms", 500));
  // The embedded log acknowledges after fsync and is applied at once; Kafka may need longer.
  if (!kafka) writer_options.timeout = std::max(writer_options.timeout, std::chrono::milliseconds(5000));
  writer_options.eligible = bool_or(config, "leader.eligibility", true);
  writer_options.catch_up_with_noop = kafka;
  cluster::LogWriter writer(*node->log, *node->store, writer_options);

  api::ApiOptions options;
  if (auto level = parse_compatibility_level(config.get_or("schema.compatibility.level", "backward")))
    options.default_compatibility = *level;
  options.mode_mutability = bool_or(config, "mode.mutability", true);
  options.group_id = config.get_or("schema.registry.group.id", "schema-registry");
  const std::string advertised =
      config.get_or("accord.advertised.url", listener->scheme + "://" + config.get_or("host.name", listener->host) +
                                                 ":" + std::to_string(listener->port));
  options.cluster_status = [&] {
    api::ClusterStatus status;
    status.role = !kafka ? "standalone" : (writer_options.eligible ? "writer" : "follower");
    status.writer_url = writer_options.eligible ? advertised : "";
    status.applied_offset = node->store->applied_offset();
    auto end = node->log->end_offset();
    status.end_offset = end ? *end : -1;
    status.ready = reader.ready();
    return status;
  };
  api::Api api(*node->store, writer, options);

  http::ServerOptions server_options;
  server_options.host = listener->host;
  server_options.port = listener->port;
  server_options.threads = static_cast<int>(int_or(config, "http.threads", 0));
  server_options.body_limit = static_cast<std::size_t>(int_or(config, "request.max.bytes", 16 << 20));
  http::Server server(server_options, [&](const api::Request& request) {
    // Until the store has caught up with the log, only liveness questions are answered:
    // a read now could silently be stale.
    if (!reader.ready() && !request.segments.empty() && request.segments[0] != "health" &&
        request.segments[0] != "v1" && !(request.segments.size() > 1 && request.segments[1] == "v1")) {
      api::Response response;
      response.status = 503;
      response.body = R"({"error_code":50002,"message":"The node is catching up with the log; retry shortly"})";
      return response;
    }
    return api.handle(request);
  });
  if (auto error = server.bind(); !error.empty())
    return fail("cannot listen on " + config.get_or("listeners", "") + ": " + error);
  auto signal_thread = stop_on_signal(server);

  spdlog::info("accord listening on {}://{}:{} using the {}; state store at {}", listener->scheme, listener->host,
               server.port(), node->log->describe(), (std::filesystem::path(config.get_or("data.dir", "./data")) / "store").string());
  server.run();
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
