// `accord serve` and `accord replay`: wire the log, the store, the reader, the writer,
// the API and the HTTP server together. On Kafka, also the election, and the routing of
// writes to the elected writer (docs/high-availability.md).
#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include <cctype>
#include <csignal>
#include <filesystem>
#include <optional>
#include <set>
#include <thread>

#include "accord/api/api.hpp"
#include "accord/auth/auth.hpp"
#include "accord/cli/commands.hpp"
#include "accord/cli/log_options.hpp"
#include "accord/cluster/elected_writer.hpp"
#include "accord/cluster/group_membership.hpp"
#include "accord/cluster/log_reader.hpp"
#include "accord/cluster/write_requests.hpp"
#include "accord/cluster/write_router.hpp"
#include "accord/cluster/writer.hpp"
#include "accord/cluster/writer_marker.hpp"
#include "accord/http/forwarder.hpp"
#include "accord/http/limits.hpp"
#include "accord/http/metrics.hpp"
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
  auto options = kafka_log_options(config);
  // One transactional.id for the whole cluster: a newly elected writer's first append
  // fences every earlier writer's producer, and readers use read_committed.
  options.transactional_id = config.get_or(
      "accord.transactional.id", config.get_or("schema.registry.group.id", "schema-registry") + "-writer");
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
  if (rebuild) {
    // The store is only a cache of the log: a fresh one is cheaper than loading and
    // deleting the old one, and a crash during the rebuild just leaves an empty store.
    spdlog::warn("rebuilding the state store from offset 0 of the log");
    std::filesystem::remove_all(data_dir / "store", ec);
    if (ec) return Error{ErrorCode::StoreError, "cannot remove the old state store: " + ec.message()};
  }
  auto store = store::StateStore::open(data_dir / "store");
  if (!store)
    return Error{ErrorCode::StoreError, store.error().message + ". Start with --rebuild to rebuild it from the log"};
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

api::Response error_answer(const Error& error) {
  api::Response response;
  response.status = error.status();
  response.body = nlohmann::json{{"error_code", error.error_code()}, {"message", error.message}}.dump();
  return response;
}

// Limits checked before the API parses a body (docs/security.md).
struct Limits {
  std::size_t body_depth = 64;          // request.json.max.depth
  std::size_t schema_bytes = 4u << 20;  // schema.max.bytes
  std::size_t schema_depth = 256;       // schema.max.depth

  std::optional<api::Response> check(const api::Request& request) const {
    if (request.body.empty()) return std::nullopt;
    if (http::nesting_depth(request.body) > body_depth)
      return error_answer(Error{ErrorCode::BadRequest, "The request body nests deeper than the limit of " +
                                                           std::to_string(body_depth) + " levels"});
    const auto& s = request.segments;
    const bool has_schema = request.method == "POST" && !s.empty() && (s[0] == "subjects" || s[0] == "compatibility");
    if (!has_schema) return std::nullopt;
    auto doc = nlohmann::json::parse(request.body, nullptr, false);
    if (!doc.is_object() || !doc.contains("schema") || !doc["schema"].is_string()) return std::nullopt;
    const auto& schema = doc["schema"].get_ref<const std::string&>();
    if (schema.size() > schema_bytes)
      return error_answer(Error{ErrorCode::SchemaTooLarge, "Schema is larger than the limit of " +
                                                               std::to_string(schema_bytes) + " bytes (schema.max.bytes)"});
    if (http::nesting_depth(schema) > schema_depth)
      return error_answer(Error{ErrorCode::InvalidSchema, "Invalid schema: it nests deeper than the limit of " +
                                                              std::to_string(schema_depth) + " levels (schema.max.depth)"});
    return std::nullopt;
  }
};

std::string upper(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

constexpr const char* kOffsetHeader = "X-Accord-Offset";
constexpr const char* kWriterHeader = "X-Accord-Writer";

// The election and the routing of writes, on Kafka only.
struct Cluster {
  store::StateStore& store;
  api::Api& api;
  cluster::WriteRouter& router;
  std::string advertised;
  http::ForwardOptions forward;
  std::chrono::milliseconds leader_wait;  // how long a write waits for a writer to be known
  std::chrono::milliseconds apply_wait;   // how long a forwarded write waits for the local apply

  api::Response handle_write(const api::Request& request) const {
    if (!router.is_writer())
      if (auto existing = api.existing_registration(request)) return std::move(*existing);
    const auto forwarded = request.header("x-forward");
    const auto deadline = std::chrono::steady_clock::now() + leader_wait;
    std::string refused;
    for (;;) {
      const auto route = router.route(forwarded && *forwarded == "true", deadline, refused);
      if (route.kind == cluster::WriteRoute::Kind::Fail) return error_answer(route.error);
      if (route.kind == cluster::WriteRoute::Kind::Local) {
        auto response = api.handle(request);
        // Everything this write appended is applied here now: the follower that forwarded
        // it waits for this offset before answering (read-your-writes on every node).
        response.headers[kOffsetHeader] = std::to_string(store.applied_offset());
        response.headers[kWriterHeader] = advertised;  // which node wrote: for operators and tests
        return response;
      }
      auto outcome = http::forward_request(route.url, request, forward);
      if (!outcome.response) {
        // Nothing reached that writer (gone, or not listening yet): wait for the log to
        // name the next one, within the same bound.
        if (!outcome.sent && std::chrono::steady_clock::now() < deadline) {
          refused = route.url;
          continue;
        }
        spdlog::warn("{}", outcome.error.message);
        return error_answer(outcome.error);
      }
      auto response = std::move(*outcome.response);
      if (auto it = response.headers.find(kOffsetHeader); it != response.headers.end()) {
        const Offset offset = std::strtoll(it->second.c_str(), nullptr, 10);
        if (!store.wait_applied(offset, std::chrono::steady_clock::now() + apply_wait))
          spdlog::warn("forwarded write applied by the writer at offset {} but not here within {} ms", offset,
                       apply_wait.count());
      }
      return response;
    }
  }
};

}  // namespace

int serve(const Config& config) {
  // Before any thread exists (librdkafka's, the reader's), so that all inherit the mask.
  const sigset_t signals = stop_signals();
  pthread_sigmask(SIG_BLOCK, &signals, nullptr);
  auto listener = parse_listener(config.get_or("listeners", "http://127.0.0.1:8081"));
  if (!listener) return fail(listener.error().message);
  if (listener->scheme != "http" && listener->scheme != "https")
    return fail("listeners must be http:// or https://: " + config.get_or("listeners", ""));
  const std::string client_auth = upper(config.get_or("ssl.client.authentication", "NONE"));
  if (client_auth != "NONE" && client_auth != "REQUESTED" && client_auth != "REQUIRED")
    return fail("ssl.client.authentication must be NONE, REQUESTED or REQUIRED, got '" + client_auth + "'");
  auto node = open_node(config, bool_or(config, "accord.rebuild", false));
  if (!node) return fail(node.error().message);
  const bool kafka = !config.get_or("kafkastore.bootstrap.servers", "").empty();

  std::string advertised = config.get_or("accord.advertised.url", "");
  if (advertised.empty())
    advertised = listener->scheme + "://" + config.get_or("host.name", listener->host) + ":" + std::to_string(listener->port);
  const auto kafka_timeout = std::chrono::milliseconds(int_or(config, "kafkastore.timeout.ms", 500));
  const bool eligible = bool_or(config, "leader.eligibility", true);

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
  writer_options.catch_up_with_noop = false;
  cluster::LogWriter local_writer(*node->log, *node->store, writer_options);

  std::unique_ptr<cluster::GroupMembership> membership;
  std::unique_ptr<cluster::ElectedWriter> elected;
  if (kafka && eligible) {
    cluster::GroupOptions group;
    group.group_id = config.get_or("schema.registry.group.id", "schema-registry");
    group.topic = config.get_or("kafkastore.topic", "_schemas");
    group.session_timeout = std::chrono::milliseconds(int_or(config, "kafkagroup.session.timeout.ms", 10000));
    group.heartbeat_interval = std::chrono::milliseconds(int_or(config, "kafkagroup.heartbeat.interval.ms", 3000));
    for (const auto& [key, value] : config.with_prefix("kafkastore.")) {
      static const std::set<std::string> own = {"bootstrap.servers", "topic", "topic.replication.factor",
                                                "timeout.ms", "init.timeout.ms"};
      if (!own.count(key)) group.client_properties[key] = value;
    }
    group.client_properties["bootstrap.servers"] = config.get_or("kafkastore.bootstrap.servers", "");
    membership = std::make_unique<cluster::GroupMembership>(group);
    elected = std::make_unique<cluster::ElectedWriter>(
        *node->log, *node->store, *membership, cluster::ElectedWriterOptions{kafka_timeout, advertised});
    if (auto s = membership->start(); !s) return fail(s.error().message);
    elected->start();
  }
  cluster::Writer& writer = elected ? static_cast<cluster::Writer&>(*elected) : local_writer;
  cluster::WriteRouter router(membership.get(), directory, advertised);

  std::shared_ptr<auth::Authenticator> authenticator;
  const std::string auth_method = upper(config.get_or("authentication.method", "NONE"));
  if (auth_method == "BASIC") {
    const std::string file = config.get_or("accord.auth.file", "");
    if (file.empty()) return fail("authentication.method=BASIC needs accord.auth.file (docs/security.md)");
    auto loaded = auth::Authenticator::load_file(file);
    if (!loaded) return fail(loaded.error().message);
    authenticator = std::move(loaded).value();
  } else if (auth_method != "NONE") {
    return fail("authentication.method must be NONE or BASIC, got '" + auth_method + "'");
  }
  Limits limits;
  limits.body_depth = static_cast<std::size_t>(int_or(config, "request.json.max.depth", 64));
  limits.schema_bytes = static_cast<std::size_t>(int_or(config, "schema.max.bytes", 4 << 20));
  limits.schema_depth = static_cast<std::size_t>(int_or(config, "schema.max.depth", 256));

  api::ApiOptions options;
  options.max_references = static_cast<std::size_t>(int_or(config, "schema.max.references", 1000));
  if (auto level = parse_compatibility_level(config.get_or("schema.compatibility.level", "backward")))
    options.default_compatibility = *level;
  options.mode_mutability = bool_or(config, "mode.mutability", true);
  options.group_id = config.get_or("schema.registry.group.id", "schema-registry");
  options.ui_enabled = bool_or(config, "accord.ui.enabled", true);
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
    status.end_offset = end ? *end : -1;
    status.ready = reader.ready();
    return status;
  };
  api::Api api(*node->store, writer, options);

  Cluster ha{*node->store,
             api,
             router,
             advertised,
             http::ForwardOptions{std::chrono::milliseconds(int_or(config, "leader.connect.timeout.ms", 10000)),
                                  std::chrono::milliseconds(int_or(config, "leader.read.timeout.ms", 60000)),
                                  config.get_or("ssl.truststore.location", ""),
                                  config.get_or("ssl.certificate.location", ""), config.get_or("ssl.key.location", "")},
             std::chrono::milliseconds(int_or(config, "accord.leader.wait.ms", kafka_timeout.count())),
             kafka_timeout};

  http::ServerOptions server_options;
  server_options.host = listener->host;
  server_options.port = listener->port;
  server_options.threads = static_cast<int>(int_or(config, "http.threads", 0));
  server_options.body_limit = static_cast<std::size_t>(int_or(config, "request.max.bytes", 16 << 20));
  server_options.handler_threads = static_cast<int>(int_or(config, "http.handler.threads", 16));
  server_options.request_timeout = std::chrono::duration_cast<std::chrono::seconds>(
      std::chrono::milliseconds(std::max<int64_t>(1000, int_or(config, "http.request.timeout.ms", 60000))));
  server_options.max_connections = static_cast<std::size_t>(int_or(config, "http.max.connections", 10000));
  server_options.header_limit = static_cast<std::size_t>(int_or(config, "http.header.max.bytes", 64 << 10));
  if (authenticator) {
    // A password not verified before costs a slow hash: never on an io thread.
    server_options.is_fast = [&authenticator](const api::Request& request) {
      return request.method == "GET" && authenticator->cheap_to_authenticate(request);
    };
  }
  if (listener->scheme == "https") {
    http::TlsOptions tls;
    tls.certificate_file = config.get_or("ssl.certificate.location", "");
    tls.key_file = config.get_or("ssl.key.location", "");
    tls.ca_file = config.get_or("ssl.truststore.location", "");
    tls.require_client_certificate = client_auth == "REQUIRED";
    tls.request_client_certificate = client_auth == "REQUESTED";
    server_options.tls = tls;
  }
  auto route = [&](const api::Request& request) -> api::Response {
    // Until the store has caught up with the log, only liveness questions are answered:
    // a read now could silently be stale.
    if (!reader.ready() && !request.segments.empty() && request.segments[0] != "health" && request.segments[0] != "ui" &&
        request.segments[0] != "v1" && !(request.segments.size() > 1 && request.segments[1] == "v1")) {
      api::Response response;
      response.status = 503;
      response.body = R"({"error_code":50002,"message":"The node is catching up with the log; retry shortly"})";
      return response;
    }
    if (kafka && cluster::is_write_request(request.method, request.segments)) return ha.handle_write(request);
    return api.handle(request);
  };
  http::Metrics metrics;
  http::Server* server_ref = nullptr;
  auto scrape = [&]() {
    const auto status = options.cluster_status();
    http::NodeGauges gauges;
    gauges.applied_offset = status.applied_offset;
    gauges.end_offset = status.end_offset;
    gauges.role = status.role;
    gauges.ready = status.ready;
    gauges.schemas = static_cast<int64_t>(node->store->schema_count());
    if (server_ref) gauges.open_connections = static_cast<int64_t>(server_ref->open_connections());
    api::Response response;
    response.raw_text = true;
    response.body = metrics.render(gauges);
    response.headers["Content-Type"] = "text/plain; version=0.0.4; charset=utf-8";
    return response;
  };
  // Authentication, authorization and limits in front of the API; listings filtered after.
  auto guarded = [&](const api::Request& request) -> api::Response {
    const auth::User* user = nullptr;
    if (authenticator) {
      if (auto denied = authenticator->check(request, &user)) return *denied;
      if (user && auth::requirement_for(request).schema_by_id) {
        // A schema is readable when one of the subjects using it is.
        api::Request subjects_of;
        subjects_of.method = "GET";
        subjects_of.segments = {"schemas", "ids", request.segments[2], "subjects"};
        subjects_of.query.emplace("deleted", "true");
        // The id is resolved where the request resolves it: ?subject= names the context.
        if (auto subject = request.param("subject")) subjects_of.query.emplace("subject", *subject);
        auto answer = api.handle(subjects_of);
        if (answer.status == 200) {
          auto list = nlohmann::json::parse(answer.body, nullptr, false);
          bool readable = false;
          if (list.is_array())
            for (const auto& subject : list)
              if (subject.is_string() && authenticator->may_read_subject(*user, subject.get<std::string>())) readable = true;
          if (!readable) return auth::forbidden("User " + user->name + " is not authorized to read schema " + request.segments[2]);
        }
      }
    }
    if (request.method == "GET" && request.segments.size() == 1 && request.segments[0] == "metrics") return scrape();
    if (auto refused = limits.check(request)) return *refused;
    auto response = [&] {
      if (!user || request.segments.empty() || request.segments[0] != "accord") return route(request);
      // The catalog and the map count and page only what this user may read.
      api::Request visible = request;
      visible.may_read = [&](const std::string& subject) { return authenticator->may_read_subject(*user, subject); };
      return route(visible);
    }();
    if (user) authenticator->filter_listing(request, *user, response);
    return response;
  };
  http::Server server(server_options, [&](const api::Request& request) {
    const auto start = std::chrono::steady_clock::now();
    auto response = guarded(request);
    metrics.observe(request, response,
                    std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    return response;
  });
  server_ref = &server;
  if (auto error = server.bind(); !error.empty())
    return fail("cannot listen on " + config.get_or("listeners", "") + ": " + error);
  auto signal_thread = stop_on_signal(server, [&membership] {
    if (membership) membership->stop();
  });

  spdlog::info("accord listening on {}://{}:{} using the {}; state store at {}", listener->scheme, listener->host,
               server.port(), node->log->describe(), (std::filesystem::path(config.get_or("data.dir", "./data")) / "store").string());
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
