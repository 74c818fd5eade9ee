// The `accord` program: parses the command line, builds the Config (file < environment <
// flags), sets up logging and hands over to the subcommand.
#include <unistd.h>

#include <cstdio>
#include <iostream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include "accord/cli/check.hpp"
#include "accord/cli/commands.hpp"
#include "accord/cli/config.hpp"
#include "accord/cli/ops_commands.hpp"

#ifndef ACCORD_VERSION
#define ACCORD_VERSION "unknown"
#endif

namespace accord::cli {
namespace {

constexpr int kUsageError = 2;

void print_main_help(std::ostream& out) {
  out << "accord " ACCORD_VERSION " - a Kafka-native schema registry speaking the Confluent Schema Registry API\n"
         "\n"
         "Usage: accord <command> [options]\n"
         "\n"
         "Commands:\n"
         "  serve     Run a registry node (REST API on the listener, state from the _schemas log)\n"
         "  replay    Wipe the local store, rebuild it from offset 0 of the log, then exit\n"
         "  check     Check schema contracts in CI (compatibility, fixtures, metadata); see 'accord check --help'\n"
         "  backup    Write a log (embedded or Kafka topic) to a verifiable backup file\n"
         "  restore   Write a backup file into an embedded log or a Kafka topic\n"
         "  migrate   Copy a registry speaking the Confluent API into an Accord node, keeping ids\n"
         "  compare   Report every difference between two registries (exit 0 when they agree)\n"
         "\n"
         "Options:\n"
         "  -h, --help     Show this help\n"
         "  --version      Print the version\n"
         "\n"
         "Run 'accord serve --help' for the options and every configuration key.\n";
}

void print_node_help(std::ostream& out, std::string_view command) {
  out << "Usage: accord " << command << " [options]\n\n";
  if (command == "serve") {
    out << "Runs a registry node until SIGINT or SIGTERM.\n";
  } else {
    out << "Wipes the local store and rebuilds it from offset 0 of the log, then exits.\n";
  }
  out << "\n"
         "Options:\n"
         "  --config FILE              Read configuration from a properties file (Confluent key names)\n"
         "  --data-dir DIR             Local store directory (sets data.dir)\n"
         "  --listeners URL            REST listener, http://host:port (sets listeners)\n"
         "  --bootstrap-servers LIST   Kafka bootstrap servers; empty = embedded log (sets kafkastore.bootstrap.servers)\n"
         "  --rebuild                  Rebuild the local store from the log at start (sets accord.rebuild=true)\n"
         "  --set KEY=VALUE            Set any configuration key; repeatable\n"
         "  -h, --help                 Show this help\n"
         "\n"
         "Precedence: defaults < --config file < environment (ACCORD_<KEY>, '.' -> '_', upper case;\n"
         "any ACCORD_KAFKASTORE_* passes through as kafkastore.*) < command-line flags.\n"
         "\n"
         "Configuration keys (default in brackets):\n";
  for (const auto& doc : known_keys()) {
    out << "  " << doc.key << " [" << doc.default_value << "]\n      " << doc.help << "\n";
  }
  out << "  kafkastore.<librdkafka property>\n"
         "      Passed to the Kafka clients, e.g. kafkastore.security.protocol=SASL_SSL\n";
}

struct UsageError {
  std::string message;
};

// Flags of `serve` and `replay`, applied in order as config overrides.
struct NodeFlags {
  std::optional<std::string> config_file;
  std::vector<std::pair<std::string, std::string>> overrides;
  bool help = false;
};

std::optional<UsageError> parse_node_flags(int argc, char** argv, NodeFlags& flags) {
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    std::optional<std::string> inline_value;
    if (arg.rfind("--", 0) == 0) {
      if (auto eq = arg.find('='); eq != std::string::npos) {
        inline_value = arg.substr(eq + 1);
        arg.resize(eq);
      }
    }
    auto value = [&]() -> std::optional<std::string> {
      if (inline_value) return inline_value;
      if (i + 1 < argc) return std::string(argv[++i]);
      return std::nullopt;
    };
    auto missing = [&] { return UsageError{"option " + arg + " needs a value"}; };

    if (arg == "-h" || arg == "--help") {
      flags.help = true;
    } else if (arg == "--rebuild") {
      if (inline_value) return UsageError{"option --rebuild takes no value"};
      flags.overrides.emplace_back("accord.rebuild", "true");
    } else if (arg == "--config" || arg == "--data-dir" || arg == "--listeners" || arg == "--bootstrap-servers" ||
               arg == "--set") {
      auto v = value();
      if (!v) return missing();
      if (arg == "--config") {
        flags.config_file = *v;
      } else if (arg == "--data-dir") {
        flags.overrides.emplace_back("data.dir", *v);
      } else if (arg == "--listeners") {
        flags.overrides.emplace_back("listeners", *v);
      } else if (arg == "--bootstrap-servers") {
        flags.overrides.emplace_back("kafkastore.bootstrap.servers", *v);
      } else {
        auto eq = v->find('=');
        if (eq == std::string::npos || eq == 0) return UsageError{"--set expects KEY=VALUE, got '" + *v + "'"};
        flags.overrides.emplace_back(v->substr(0, eq), v->substr(eq + 1));
      }
    } else {
      return UsageError{"unknown option '" + std::string(argv[i]) + "'"};
    }
  }
  return std::nullopt;
}

bool is_log_level(const std::string& level) {
  for (const char* name : {"trace", "debug", "info", "warn", "error", "critical", "off"}) {
    if (level == name) return true;
  }
  return false;
}

// Rejects what the node could only fail on later: bad listeners, bad numbers and booleans.
std::optional<UsageError> validate(const Config& config) {
  std::string listeners = config.get_or("listeners", "");
  for (std::size_t start = 0; start <= listeners.size();) {
    std::size_t comma = listeners.find(',', start);
    std::string one = listeners.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    if (auto listener = parse_listener(one); !listener) return UsageError{listener.error().message};
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  for (const auto& doc : known_keys()) {
    const std::string& d = doc.default_value;
    if (d == "true" || d == "false") {
      if (auto value = config.get_bool(doc.key); !value) return UsageError{value.error().message};
    } else if (!d.empty() && d.find_first_not_of("0123456789") == std::string::npos) {
      if (auto value = config.get_int(doc.key); !value) return UsageError{value.error().message};
    }
  }
  if (!is_log_level(config.get_or("log.level", ""))) {
    return UsageError{"log.level must be one of trace, debug, info, warn, error, critical, off"};
  }
  return std::nullopt;
}

void setup_logging(const std::string& level) {
  auto logger = spdlog::stderr_logger_mt("accord");
  // One line per event: UTC time, level, thread, message; easy to grep and to parse.
  logger->set_pattern("%Y-%m-%dT%H:%M:%S.%eZ %l [%t] %v", spdlog::pattern_time_type::utc);
  logger->set_level(spdlog::level::from_str(level));
  logger->flush_on(spdlog::level::warn);
  spdlog::set_default_logger(logger);
}

int usage_error(std::string_view command, const std::string& message) {
  std::cerr << "accord " << command << ": " << message << "\nRun 'accord " << command << " --help' for usage.\n";
  return kUsageError;
}

int run_node_command(std::string_view command, int argc, char** argv) {
  NodeFlags flags;
  if (auto error = parse_node_flags(argc, argv, flags)) return usage_error(command, error->message);
  if (flags.help) {
    print_node_help(std::cout, command);
    return 0;
  }
  Config config;
  if (flags.config_file) {
    auto loaded = Config::load_file(*flags.config_file);
    if (!loaded) return usage_error(command, loaded.error().message);
    config = std::move(*loaded);
  }
  config.apply_environment(environ);
  for (const auto& [key, value] : flags.overrides) config.set(key, value);
  if (auto error = validate(config)) return usage_error(command, error->message);

  setup_logging(config.get_or("log.level", ""));
  return command == "serve" ? serve(config) : replay(config);
}

}  // namespace
}  // namespace accord::cli

int main(int argc, char** argv) {
  using namespace accord::cli;
  if (argc < 2) {
    print_main_help(std::cerr);
    return kUsageError;
  }
  std::string_view command = argv[1];
  if (command == "-h" || command == "--help" || command == "help") {
    print_main_help(std::cout);
    return 0;
  }
  if (command == "--version" || command == "-V") {
    std::cout << "accord " ACCORD_VERSION "\n";
    return 0;
  }
  if (command == "serve" || command == "replay") return run_node_command(command, argc - 1, argv + 1);
  if (command == "check") return run_check(argc - 1, argv + 1);
  if (command == "backup") return run_backup(argc - 1, argv + 1);
  if (command == "restore") return run_restore(argc - 1, argv + 1);
  if (command == "migrate") return run_migrate(argc - 1, argv + 1);
  if (command == "compare") return run_compare(argc - 1, argv + 1);
  std::cerr << "accord: unknown command '" << command << "'\nRun 'accord --help' for usage.\n";
  return kUsageError;
}
