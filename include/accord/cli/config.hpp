#pragma once
// Configuration: a Confluent-style properties file, overridden by environment variables
// (ACCORD_ + upper-cased key with '.' -> '_', e.g. ACCORD_KAFKASTORE_BOOTSTRAP_SERVERS),
// overridden by command-line flags. Keys follow Confluent's property names.
#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "accord/model/error.hpp"

namespace accord::cli {

struct ConfigKeyDoc {
  std::string key;
  std::string default_value;
  std::string help;
};

// Every key Accord reads, with its default and meaning (used by --help and docs).
const std::vector<ConfigKeyDoc>& known_keys();

class Config {
 public:
  Config() = default;
  // Properties text: `key=value` or `key: value` lines, '#' and '!' comments, blank lines.
  static Result<Config> parse_properties(const std::string& text);
  static Result<Config> load_file(const std::string& path);

  // Environment overrides for every key in known_keys() and every kafkastore.* key present
  // in `environ` as ACCORD_<KEY>.
  void apply_environment(char** environ);
  void set(const std::string& key, const std::string& value);

  std::optional<std::string> get(const std::string& key) const;
  std::string get_or(const std::string& key, const std::string& fallback) const;  // fallback then known default
  Result<int64_t> get_int(const std::string& key) const;    // value or known default; error when not a number
  Result<bool> get_bool(const std::string& key) const;      // "true"/"false", case-insensitive
  // The value, else the key's default from known_keys() (the one place defaults are written):
  // readers never repeat a default. A malformed number or flag reads as the default too.
  std::string value(const std::string& key) const { return get_or(key, ""); }
  int64_t int_value(const std::string& key) const;
  bool bool_value(const std::string& key) const;
  // All keys starting with prefix, with the prefix removed (e.g. "kafkastore." pass-through).
  std::map<std::string, std::string> with_prefix(const std::string& prefix) const;
  const std::map<std::string, std::string>& values() const { return values_; }

 private:
  std::map<std::string, std::string> values_;
};

// "http://127.0.0.1:8081" -> scheme, host, port. Error for anything else.
struct Listener {
  std::string scheme;
  std::string host;
  uint16_t port = 0;
};
Result<Listener> parse_listener(const std::string& url);

// accord.advertised.url when set, else <scheme of the first listener>://<host.name>:<its port>.
Result<std::string> advertised_url(const Config& config);

}  // namespace accord::cli
