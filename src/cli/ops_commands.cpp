// The command-line face of src/ops: argument parsing, progress, summaries (text or JSON).
#include "accord/cli/ops_commands.hpp"

#include <signal.h>
#include <unistd.h>

#include <cstdlib>

#include <chrono>
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include "accord/cli/config.hpp"
#include "accord/cli/log_options.hpp"
#include "accord/cli/progress_display.hpp"
#include "accord/log/kafka_log.hpp"
#include "accord/log/local_log.hpp"
#include "accord/ops/backup.hpp"
#include "accord/ops/compare.hpp"
#include "accord/ops/migrate.hpp"
#include "accord/ops/restore.hpp"

namespace accord::cli {
namespace {

using Json = nlohmann::ordered_json;

constexpr int kOk = 0;
constexpr int kFailed = 1;
constexpr int kUsage = 2;

// Flags shared by the four commands; each command says which it accepts.
struct OpsFlags {
  std::vector<std::string> positional;
  std::map<std::string, std::string> values;  // --name -> value
  std::map<std::string, bool> switches;       // --name present
  std::vector<std::pair<std::string, std::string>> sets;  // --set KEY=VALUE, in order
};

struct Usage {
  std::string command;
  std::string text;
  int fail(const std::string& message) const {
    std::cerr << "accord " << command << ": " << message << "\n" << text;
    return kUsage;
  }
};

// Parses argv against the value flags and switches a command accepts; nullopt after a
// usage error was printed (or help, with *exit_code 0).
std::optional<OpsFlags> parse(int argc, char** argv, const Usage& usage, const std::vector<std::string>& value_flags,
                              const std::vector<std::string>& switch_flags, int& exit_code) {
  OpsFlags flags;
  auto is = [](const std::vector<std::string>& list, const std::string& name) {
    return std::find(list.begin(), list.end(), name) != list.end();
  };
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "-h" || arg == "--help") {
      std::cout << usage.text;
      exit_code = kOk;
      return std::nullopt;
    }
    if (arg.rfind("--", 0) != 0 || arg == "--") {
      flags.positional.push_back(arg);
      continue;
    }
    std::optional<std::string> inline_value;
    if (auto eq = arg.find('='); eq != std::string::npos) {
      inline_value = arg.substr(eq + 1);
      arg.resize(eq);
    }
    if (is(switch_flags, arg)) {
      if (inline_value) {
        exit_code = usage.fail("option " + arg + " takes no value");
        return std::nullopt;
      }
      flags.switches[arg] = true;
    } else if (is(value_flags, arg) || arg == "--set" || arg == "--config") {
      std::string value;
      if (inline_value) value = *inline_value;
      else if (i + 1 < argc) value = argv[++i];
      else {
        exit_code = usage.fail("option " + arg + " needs a value");
        return std::nullopt;
      }
      if (arg == "--set") {
        const auto eq = value.find('=');
        if (eq == std::string::npos || eq == 0) {
          exit_code = usage.fail("--set expects KEY=VALUE, got '" + value + "'");
          return std::nullopt;
        }
        flags.sets.emplace_back(value.substr(0, eq), value.substr(eq + 1));
      } else {
        flags.values[arg] = value;
      }
    } else {
      exit_code = usage.fail("unknown option '" + std::string(argv[i]) + "'");
      return std::nullopt;
    }
  }
  if (auto f = flags.values.find("--format"); f != flags.values.end() && f->second != "text" && f->second != "json") {
    exit_code = usage.fail("--format is text or json");
    return std::nullopt;
  }
  return flags;
}

bool json_output(const OpsFlags& flags) {
  auto it = flags.values.find("--format");
  return it != flags.values.end() && it->second == "json";
}

std::optional<std::string> value_of(const OpsFlags& flags, const std::string& name) {
  auto it = flags.values.find(name);
  if (it == flags.values.end()) return std::nullopt;
  return it->second;
}

// Only warnings of the libraries (librdkafka, the log) reach stderr; the summary is ours.
void quiet_logging() {
  auto logger = spdlog::stderr_logger_mt("accord-ops");
  logger->set_pattern("%Y-%m-%dT%H:%M:%S.%eZ %l %v", spdlog::pattern_time_type::utc);
  logger->set_level(spdlog::level::warn);
  spdlog::set_default_logger(logger);
}

int failure(const std::string& command, const std::string& message, bool json) {
  if (json) std::cout << Json{{"ok", false}, {"error", message}}.dump(2) << "\n";
  std::cerr << "accord " << command << ": " << message << "\n";
  return kFailed;
}

// The log a backup reads or a restore writes: `--data-dir` (embedded) or Kafka.
struct LogTarget {
  std::optional<std::filesystem::path> data_dir;
  log::KafkaLogOptions kafka;
};

std::optional<LogTarget> log_target(const OpsFlags& flags, const Usage& usage, int& exit_code) {
  Config config;
  if (auto file = value_of(flags, "--config")) {
    auto loaded = Config::load_file(*file);
    if (!loaded) {
      exit_code = usage.fail(loaded.error().message);
      return std::nullopt;
    }
    config = std::move(*loaded);
  }
  config.apply_environment(environ);
  for (const auto& [key, value] : flags.sets) config.set(key, value);
  if (auto b = value_of(flags, "--bootstrap-servers")) config.set("kafkastore.bootstrap.servers", *b);
  if (auto t = value_of(flags, "--topic")) config.set("kafkastore.topic", *t);
  // A restore or backup waits on the broker longer than a node's single write does.
  if (!config.get("kafkastore.timeout.ms")) config.set("kafkastore.timeout.ms", "30000");
  if (!config.get("kafkastore.init.timeout.ms")) config.set("kafkastore.init.timeout.ms", "30000");

  LogTarget target;
  const auto data_dir = value_of(flags, "--data-dir");
  const bool bootstrap_flag = value_of(flags, "--bootstrap-servers").has_value();
  if (data_dir && bootstrap_flag) {
    exit_code = usage.fail("give either --data-dir (embedded log) or --bootstrap-servers (Kafka), not both");
    return std::nullopt;
  }
  if (data_dir) {
    target.data_dir = *data_dir;
    return target;
  }
  target.kafka = kafka_log_options(config);
  if (target.kafka.bootstrap_servers.empty()) {
    exit_code = usage.fail("no log given: --data-dir DIR (embedded log) or --bootstrap-servers HOST:PORT (Kafka)");
    return std::nullopt;
  }
  return target;
}

Json counts_json(const ops::BackupCounts& c) {
  return Json{{"records", c.records}, {"subjects", c.subjects}, {"versions", c.versions}, {"schemas", c.schemas},
              {"max_id", c.max_id}};
}

std::string counts_text(const ops::BackupCounts& c) {
  return std::to_string(c.records) + " records, " + std::to_string(c.subjects) + " subjects, " +
         std::to_string(c.versions) + " versions, " + std::to_string(c.schemas) + " schemas, highest id " +
         std::to_string(c.max_id);
}

// Test seam for the interrupted-run tests: ACCORD_TEST_CRASH_AT=PHASE:COUNT kills the process
// (SIGKILL, as kill -9) once PHASE has reported COUNT units, at a point no timing can miss.
ops::ProgressFn crash_seam(ops::ProgressFn inner) {
  const char* spec = std::getenv("ACCORD_TEST_CRASH_AT");
  if (!spec || !*spec) return inner;
  const std::string text = spec;
  const auto colon = text.rfind(':');
  if (colon == std::string::npos) return inner;
  const std::string phase = text.substr(0, colon);
  const uint64_t count = std::strtoull(text.c_str() + colon + 1, nullptr, 10);
  return [inner = std::move(inner), phase, count](const ops::Progress& p) {
    if (inner) inner(p);
    if (p.phase == phase && p.done >= count) ::kill(::getpid(), SIGKILL);
  };
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

const char* kLogFlagsHelp =
    "  --data-dir DIR             The node's data directory: its embedded log is DIR/log\n"
    "  --bootstrap-servers LIST   Kafka instead: the topic kafkastore.topic (default _schemas)\n"
    "  --topic NAME               Sets kafkastore.topic\n"
    "  --config FILE              Properties file for kafkastore.* (security.protocol, sasl.*, ssl.*, ...)\n"
    "  --set KEY=VALUE            Any kafkastore.* key; environment ACCORD_KAFKASTORE_* works too\n"
    "  --format text|json         Summary format on stdout (default text)\n"
    "  --quiet                    No progress on stderr\n";

}  // namespace

int run_backup(int argc, char** argv) {
  const Usage usage{"backup", std::string(
      "usage: accord backup --out FILE (--data-dir DIR | --bootstrap-servers HOST:PORT [--topic T]) [--full]\n"
      "Writes every record of the log (key, value, tombstones, timestamp, headers) in offset order to FILE.\n"
      "By default only what compaction keeps (each key's last record); --full keeps every record.\n"
      "Safe while a node runs on DIR: the embedded log is read without a lock, up to its last complete record.\n\n") +
      "  --out FILE                 The backup file (written to FILE.tmp-<pid>, renamed when complete)\n"
      "  --full                     Every record, not only what compaction keeps\n" + kLogFlagsHelp};
  int code = kUsage;
  auto flags = parse(argc, argv, usage, {"--out", "--data-dir", "--bootstrap-servers", "--topic", "--format"},
                     {"--full", "--quiet"}, code);
  if (!flags) return code;
  const auto out = value_of(*flags, "--out");
  if (!out) return usage.fail("--out FILE is required");
  if (!flags->positional.empty()) return usage.fail("unexpected argument '" + flags->positional.front() + "'");
  auto target = log_target(*flags, usage, code);
  if (!target) return code;
  quiet_logging();
  const bool json = json_output(*flags);

  std::unique_ptr<log::SchemaLog> source;
  if (target->data_dir) {
    auto opened = log::open_local_log_snapshot(*target->data_dir / "log");
    if (!opened) return failure("backup", opened.error().message, json);
    source = std::move(*opened);
  } else {
    // read_committed: records of aborted transactions (a fenced writer) are not part of the
    // registry. The transactional.id only selects that isolation; this client never writes.
    target->kafka.transactional_id = "accord-backup-" + std::to_string(::getpid());
    // A backup only reads: a mistyped topic name must not leave an empty topic behind.
    target->kafka.create_missing_topic = false;
    auto opened = log::open_kafka_log(target->kafka);
    if (!opened) return failure("backup", opened.error().message, json);
    source = std::move(*opened);
  }
  ProgressDisplay display(!flags->switches.count("--quiet"));
  const auto start = std::chrono::steady_clock::now();
  auto summary = ops::backup(*source, *out, ops::BackupOptions{flags->switches.count("--full") > 0}, display.callback());
  display.finish();
  if (!summary) return failure("backup", summary.error().message, json);
  const double seconds = seconds_since(start);
  if (json) {
    Json report{{"ok", true}, {"file", *out}, {"source", summary->source}, {"read", summary->read},
                {"bytes", summary->bytes}, {"seconds", seconds}};
    report.update(counts_json(summary->counts));
    std::cout << report.dump(2) << "\n";
  } else {
    std::cout << "Backed up " << summary->source << " to " << *out << ": " << counts_text(summary->counts) << " ("
              << summary->read << " read), " << summary->bytes << " bytes in " << seconds << " s\n";
  }
  return kOk;
}

int run_restore(int argc, char** argv) {
  const Usage usage{"restore", std::string(
      "usage: accord restore FILE (--data-dir DIR | --bootstrap-servers HOST:PORT [--topic T]) [--force]\n"
      "Verifies the whole backup (checksum, every record) and only then writes it: into DIR/log (built aside\n"
      "and renamed into place; DIR/store is removed and rebuilt by the node) or into the Kafka topic (created\n"
      "with one partition and cleanup.policy=compact when missing). Refuses a target that holds records; a\n"
      "Kafka topic holding the first records of this backup (an interrupted restore) is completed.\n\n") +
      "  --force                    Replace the embedded log's records / append after a topic's foreign records\n" +
      kLogFlagsHelp};
  int code = kUsage;
  auto flags = parse(argc, argv, usage, {"--data-dir", "--bootstrap-servers", "--topic", "--format"},
                     {"--force", "--quiet"}, code);
  if (!flags) return code;
  if (flags->positional.size() != 1) return usage.fail("give exactly one backup FILE");
  auto target = log_target(*flags, usage, code);
  if (!target) return code;
  quiet_logging();
  const bool json = json_output(*flags);
  const std::filesystem::path file = flags->positional.front();
  const ops::RestoreOptions options{flags->switches.count("--force") > 0};
  ProgressDisplay display(!flags->switches.count("--quiet"));
  const auto start = std::chrono::steady_clock::now();
  Result<ops::RestoreSummary> summary = ops::RestoreSummary{};
  if (target->data_dir) {
    summary = ops::restore_to_data_dir(file, *target->data_dir, options, crash_seam(display.callback()));
  } else {
    // Checked before the topic is opened (which may create it): a bad file touches nothing.
    if (auto verified = ops::verify_backup(file, display.callback()); !verified) {
      display.finish();
      return failure("restore", verified.error().message, json);
    }
    auto opened = log::open_kafka_log(target->kafka);
    if (!opened) return failure("restore", opened.error().message, json);
    summary = ops::restore_to_log(file, **opened, options, crash_seam(display.callback()));
  }
  display.finish();
  if (!summary) return failure("restore", summary.error().message, json);
  const double seconds = seconds_since(start);
  if (json) {
    Json report{{"ok", true}, {"file", file.string()}, {"target", summary->target}, {"written", summary->written},
                {"skipped", summary->skipped}, {"seconds", seconds}};
    report.update(counts_json(summary->counts));
    std::cout << report.dump(2) << "\n";
  } else {
    std::cout << "Restored " << file.string() << " into " << summary->target << ": " << counts_text(summary->counts)
              << "; " << summary->written << " records written";
    if (summary->skipped) std::cout << ", " << summary->skipped << " already there from an earlier run";
    std::cout << ", in " << seconds << " s\n";
  }
  return kOk;
}

namespace {

const char* kAuthHelp =
    "  --basic-auth USER:PASSWORD  Basic auth for both registries (or user:password@ in the URL)\n"
    "  --bearer TOKEN              Bearer token for both registries\n"
    "  --ca-file PEM               CAs an https:// registry's certificate must chain to (default: the system's)\n"
    "  --cert-file PEM, --key-file PEM  Client certificate and key, for registries that require one (mTLS)\n"
    "  --format text|json          Report format on stdout (default text)\n"
    "  --quiet                     No progress on stderr\n";

// The flags that configure how one registry is reached: `--from-NAME` / `--to-NAME` for one
// side of a migration, else `--NAME` for both.
const std::vector<std::string> kClientFlags = {"basic-auth", "bearer", "ca-file", "cert-file", "key-file"};

std::vector<std::string> client_flags(const std::vector<std::string>& sides) {
  std::vector<std::string> out;
  for (const auto& side : sides)
    for (const auto& name : kClientFlags) out.push_back("--" + side + name);
  return out;
}

std::unique_ptr<serde::RegistryClient> client_for(const std::string& url, const OpsFlags& flags, const std::string& side) {
  const auto flag = [&](const std::string& name) {
    auto v = value_of(flags, "--" + side + name);
    return v ? v : value_of(flags, "--" + name);
  };
  auto config = ops::client_config_for(url, flag("basic-auth"), flag("bearer"));
  config.tls = serde::TlsClientOptions{flag("ca-file").value_or(""), flag("cert-file").value_or(""),
                                       flag("key-file").value_or("")};
  return std::make_unique<serde::RegistryClient>(std::move(config));
}

Json comparison_json(const ops::Comparison& c) {
  Json differences = Json::array();
  for (const auto& d : c.differences)
    differences.push_back({{"kind", d.kind}, {"where", d.where}, {"left", d.left}, {"right", d.right}});
  return Json{{"equal", c.equal()}, {"subjects", c.subjects}, {"versions", c.versions},
              {"differences", std::move(differences)}, {"notes", c.notes}};
}

void print_comparison(const ops::Comparison& c, const std::string& left, const std::string& right) {
  for (const auto& note : c.notes) std::cout << "note: " << note << "\n";
  for (const auto& d : c.differences)
    std::cout << d.kind << " differs at " << d.where << ": " << left << " has " << d.left << "; " << right << " has "
              << d.right << "\n";
  std::cout << (c.equal() ? "The registries agree" : "The registries differ") << ": " << c.subjects << " subjects, "
            << c.versions << " versions compared, " << c.differences.size() << " differences\n";
}

}  // namespace

int run_compare(int argc, char** argv) {
  const Usage usage{"compare", std::string(
      "usage: accord compare URL URL [auth and TLS options] [--format text|json]\n"
      "Reports every difference between two registries speaking the Confluent API: subjects, versions,\n"
      "ids, soft deletes, schemas (by identity, not bytes), references, configs and modes.\n"
      "Exit 0 only when they agree.\n\n") + kAuthHelp};
  int code = kUsage;
  auto value_flags = client_flags({""});
  value_flags.push_back("--format");
  auto flags = parse(argc, argv, usage, value_flags, {"--quiet"}, code);
  if (!flags) return code;
  if (flags->positional.size() != 2) return usage.fail("give exactly two registry URLs");
  quiet_logging();
  const bool json = json_output(*flags);
  ProgressDisplay display(!flags->switches.count("--quiet"));
  std::vector<ops::RegistryState> states;
  for (const auto& url : flags->positional) {
    auto client = client_for(url, *flags, "");
    ops::RestRegistry registry(*client, url);
    auto state = ops::fetch_registry_state(registry, display.callback());
    if (!state) {
      display.finish();
      return failure("compare", ops::describe(state.error()), json);
    }
    states.push_back(std::move(*state));
  }
  display.finish();
  const auto comparison = ops::compare_states(states[0], states[1]);
  if (json) std::cout << comparison_json(comparison).dump(2) << "\n";
  else print_comparison(comparison, states[0].url, states[1].url);
  return comparison.equal() ? kOk : kFailed;
}

int run_migrate(int argc, char** argv) {
  const Usage usage{"migrate", std::string(
      "usage: accord migrate --from URL --to URL [--dry-run] [auth and TLS options]\n"
      "Copies a registry speaking the Confluent API (Confluent, Karapace, Redpanda, Apicurio ccompat, Accord)\n"
      "into an Accord node, keeping every id and version through IMPORT mode: references before the schemas\n"
      "that use them, soft-deleted versions, global and subject configs and modes. Running it again skips\n"
      "what is there; a conflicting id or version stops it before anything is written. Ends with a compare.\n\n") +
      "  --from URL / --to URL       Source and target registries\n"
      "  --dry-run                   Plan and report only\n"
      "  --from-NAME / --to-NAME     Any option below for one side only (--from-bearer, --to-ca-file, ...)\n" +
      kAuthHelp};
  int code = kUsage;
  auto value_flags = client_flags({"", "from-", "to-"});
  value_flags.insert(value_flags.end(), {"--from", "--to", "--format"});
  auto flags = parse(argc, argv, usage, value_flags, {"--dry-run", "--quiet"}, code);
  if (!flags) return code;
  const auto from_url = value_of(*flags, "--from");
  const auto to_url = value_of(*flags, "--to");
  if (!from_url || !to_url) return usage.fail("--from URL and --to URL are required");
  if (!flags->positional.empty()) return usage.fail("unexpected argument '" + flags->positional.front() + "'");
  quiet_logging();
  const bool json = json_output(*flags);
  auto from_client = client_for(*from_url, *flags, "from-");
  auto to_client = client_for(*to_url, *flags, "to-");
  ops::RestRegistry from(*from_client, *from_url);
  ops::RestRegistry to(*to_client, *to_url);
  const bool dry_run = flags->switches.count("--dry-run") > 0;
  ProgressDisplay display(!flags->switches.count("--quiet"));
  const auto start = std::chrono::steady_clock::now();
  auto report = ops::migrate(from, to, ops::MigrateOptions{dry_run}, crash_seam(display.callback()));
  display.finish();
  if (!report) return failure("migrate", ops::describe(report.error()), json);
  const double seconds = seconds_since(start);
  if (json) {
    Json out{{"ok", report->ok()}, {"dry_run", dry_run}, {"versions", report->versions},
             {"imported", report->imported}, {"skipped", report->skipped}, {"soft_deleted", report->soft_deleted},
             {"settings", report->settings}, {"conflicts", report->conflicts}, {"notes", report->notes},
             {"seconds", seconds}};
    if (report->comparison) out["comparison"] = comparison_json(*report->comparison);
    std::cout << out.dump(2) << "\n";
  } else {
    for (const auto& note : report->notes) std::cout << "note: " << note << "\n";
    for (const auto& conflict : report->conflicts) std::cout << "conflict: " << conflict << "\n";
    if (!report->conflicts.empty())
      std::cout << "Migration stopped: " << report->conflicts.size()
                << " conflicts with what the target already holds; nothing was written\n";
    std::cout << (dry_run ? "Dry run: would import " : "Imported ") << report->imported << " of " << report->versions
              << " versions (" << report->skipped << " already there), " << report->soft_deleted << " soft deletes, "
              << report->settings << " config/mode settings, in " << seconds << " s\n";
    if (report->comparison) print_comparison(*report->comparison, ops::redact_url(*from_url), ops::redact_url(*to_url));
  }
  return report->ok() ? kOk : kFailed;
}

}  // namespace accord::cli
