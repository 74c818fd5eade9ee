// `accord check`: the command-line face of serde/contract (docs/check.md).
#include "accord/cli/check.hpp"

#include <cstdlib>
#include <cstring>
#include <iostream>
#include <memory>
#include <string>

#include "accord/serde/contract/contract_check.hpp"
#include "accord/serde/contract/manifest.hpp"
#include "accord/serde/registry_client.hpp"

namespace accord::cli {
namespace {

constexpr int kPassed = 0;
constexpr int kFailed = 1;
constexpr int kUsage = 2;

struct CheckOptions {
  std::string manifest = "accord.json";
  std::vector<std::string> urls;
  bool register_versions = false;
  bool json = false;
  bool no_registry = false;
  std::optional<std::string> basic_auth;
  std::optional<std::string> bearer;
  serde::TlsClientOptions tls;
};

void usage(std::ostream& out) {
  out << "usage: accord check [--manifest FILE] [--url URL]... [--register] [--format text|json]\n"
         "                    [--no-registry] [--basic-auth USER:PASSWORD] [--bearer TOKEN]\n"
         "                    [--ca-file PEM] [--cert-file PEM --key-file PEM]\n"
         "Checks every subject of the manifest (default accord.json): the schema parses, the registry\n"
         "accepts it as compatible, every fixture event matches it. Exit 0 only when all hold.\n";
}

std::optional<CheckOptions> parse_args(int argc, char** argv) {
  CheckOptions options;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&](const char* name) -> std::optional<std::string> {
      if (i + 1 >= argc) {
        std::cerr << "accord check: " << name << " needs a value\n";
        return std::nullopt;
      }
      return std::string(argv[++i]);
    };
    std::optional<std::string> v;
    if (arg == "--manifest") {
      if (!(v = value("--manifest"))) return std::nullopt;
      options.manifest = *v;
    } else if (arg == "--url") {
      if (!(v = value("--url"))) return std::nullopt;
      for (size_t start = 0; start <= v->size();) {  // also accepts "u1,u2"
        const size_t comma = v->find(',', start);
        const std::string url = v->substr(start, comma - start);
        if (!url.empty()) options.urls.push_back(url);
        if (comma == std::string::npos) break;
        start = comma + 1;
      }
    } else if (arg == "--register") {
      options.register_versions = true;
    } else if (arg == "--no-registry") {
      options.no_registry = true;
    } else if (arg == "--format") {
      if (!(v = value("--format"))) return std::nullopt;
      if (*v != "json" && *v != "text") {
        std::cerr << "accord check: --format is text or json\n";
        return std::nullopt;
      }
      options.json = *v == "json";
    } else if (arg == "--basic-auth") {
      if (!(v = value("--basic-auth"))) return std::nullopt;
      options.basic_auth = *v;
    } else if (arg == "--bearer") {
      if (!(v = value("--bearer"))) return std::nullopt;
      options.bearer = *v;
    } else if (arg == "--ca-file") {
      if (!(v = value("--ca-file"))) return std::nullopt;
      options.tls.ca_file = *v;
    } else if (arg == "--cert-file") {
      if (!(v = value("--cert-file"))) return std::nullopt;
      options.tls.certificate_file = *v;
    } else if (arg == "--key-file") {
      if (!(v = value("--key-file"))) return std::nullopt;
      options.tls.key_file = *v;
    } else if (arg == "--help" || arg == "-h") {
      usage(std::cout);
      std::exit(kPassed);
    } else {
      std::cerr << "accord check: unknown argument " << arg << "\n";
      return std::nullopt;
    }
  }
  if (options.register_versions && options.no_registry) {
    std::cerr << "accord check: --register needs the registry; drop --no-registry\n";
    return std::nullopt;
  }
  return options;
}

}  // namespace

int run_check(int argc, char** argv) {
  auto options = parse_args(argc, argv);
  if (!options) {
    usage(std::cerr);
    return kUsage;
  }
  auto manifest = serde::contract::load_manifest(options->manifest);
  if (!manifest) {
    std::cerr << "accord check: " << manifest.error().message << "\n";
    return kUsage;
  }

  std::unique_ptr<serde::RegistryClient> client;
  if (!options->no_registry) {
    serde::RegistryClientConfig config;
    config.urls = options->urls;
    if (config.urls.empty()) {
      if (const char* env = std::getenv("ACCORD_REGISTRY_URL"); env && *env) config.urls.push_back(env);
      else if (manifest->registry) config.urls.push_back(*manifest->registry);
    }
    if (config.urls.empty()) {
      std::cerr << "accord check: no registry URL (--url, ACCORD_REGISTRY_URL or \"registry\" in the manifest); "
                   "use --no-registry for local checks only\n";
      return kUsage;
    }
    config.basic_auth = options->basic_auth;
    config.bearer_token = options->bearer;
    config.tls = options->tls;
    config.max_retries = 2;
    client = std::make_unique<serde::RegistryClient>(config);
  }

  auto report = serde::contract::check_contracts(*manifest, client.get());
  if (options->register_versions && report.ok()) serde::contract::register_contracts(*manifest, *client, report);

  if (options->json) std::cout << serde::contract::render_json(report).dump(2) << "\n";
  else std::cout << serde::contract::render_text(report);
  return report.ok() ? kPassed : kFailed;
}

}  // namespace accord::cli
