#include "accord/cli/config.hpp"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string_view>

#include "accord/log/schema_log.hpp"
#include "accord/model/errors.hpp"

namespace accord::cli {

namespace {

Error config_error(std::string message) { return errors::bad_request(std::move(message)); }

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\f'; }

std::string_view trim(std::string_view s) {
  while (!s.empty() && (is_space(s.front()) || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (is_space(s.back()) || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

std::string to_lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

void append_utf8(std::string& out, uint32_t cp) {
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// Java Properties escapes: \t \n \r \f \uXXXX, and a backslash before any other character
// stands for that character (so "\=" and "\:" put separators into keys).
Result<std::string> unescape(std::string_view s, int line) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '\\' || i + 1 == s.size()) {
      out.push_back(s[i]);
      continue;
    }
    char e = s[++i];
    switch (e) {
      case 't': out.push_back('\t'); break;
      case 'n': out.push_back('\n'); break;
      case 'r': out.push_back('\r'); break;
      case 'f': out.push_back('\f'); break;
      case 'u': {
        uint32_t cp = 0;
        auto hex = s.substr(i + 1, 4);
        auto [end, ec] = std::from_chars(hex.data(), hex.data() + hex.size(), cp, 16);
        if (hex.size() != 4 || ec != std::errc{} || end != hex.data() + 4) {
          return config_error("line " + std::to_string(line) + ": malformed \\uxxxx escape");
        }
        append_utf8(out, cp);
        i += 4;
        break;
      }
      default: out.push_back(e);
    }
  }
  return out;
}

// A line continues when it ends in an odd number of backslashes.
bool continues(std::string_view line) {
  std::size_t n = 0;
  while (n < line.size() && line[line.size() - 1 - n] == '\\') ++n;
  return n % 2 == 1;
}

// Splits a logical line into raw key and raw value at the first unescaped '=', ':' or
// whitespace; whitespace then one optional '='/':' then whitespace separate them.
std::pair<std::string_view, std::string_view> split_key_value(std::string_view line) {
  std::size_t i = 0;
  for (; i < line.size(); ++i) {
    if (line[i] == '\\') {
      ++i;
      continue;
    }
    if (line[i] == '=' || line[i] == ':' || is_space(line[i])) break;
  }
  std::string_view key = line.substr(0, std::min(i, line.size()));
  std::size_t j = i;
  while (j < line.size() && is_space(line[j])) ++j;
  if (j < line.size() && (line[j] == '=' || line[j] == ':')) ++j;
  return {key, j < line.size() ? line.substr(j) : std::string_view{}};
}

std::string env_name(std::string_view key) {
  std::string name = "ACCORD_";
  for (char c : key) name.push_back(c == '.' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  return name;
}

const ConfigKeyDoc* find_known(std::string_view key) {
  for (const auto& doc : known_keys()) {
    if (doc.key == key) return &doc;
  }
  return nullptr;
}

}  // namespace

const std::vector<ConfigKeyDoc>& known_keys() {
  static const std::vector<ConfigKeyDoc> keys = {
      {"listeners", "http://127.0.0.1:8081",
       "URL the REST API listens on (http://host:port; [::1] for IPv6; 0.0.0.0 for all interfaces)"},
      {"host.name", "127.0.0.1", "Host name other nodes and clients use to reach this node (advertised URL)"},
      {"accord.advertised.url", "",
       "URL advertised to the other nodes for forwarding; empty = <listener scheme>://<host.name>:<listener port>"},
      {"data.dir", "./data", "Directory of the local state store (and of the embedded log when no Kafka)"},
      {"accord.rebuild", "false", "Wipe the local store at start and rebuild it from offset 0 of the log"},
      {"accord.cache.bytes", std::to_string(64u << 20),
       "Memory for caches, whatever the registry holds: half for the store's block cache, a quarter for "
       "ready-to-send answers of the hot reads, a quarter for parsed schemas"},
      {"kafkastore.bootstrap.servers", "",
       "Kafka bootstrap servers (host:port,...); empty = embedded single-node log in data.dir"},
      {"kafkastore.topic", "_schemas", "The schemas topic (one partition, compacted)"},
      {"kafkastore.topic.replication.factor", "3", "Replication factor used when Accord creates the topic"},
      {"kafkastore.timeout.ms", std::to_string(log::kDefaultAppendTimeout.count()), "How long a write waits for the log and for the local store to apply it"},
      {"kafkastore.init.timeout.ms", "60000", "How long startup waits for Kafka and for the store to catch up"},
      {"schema.compatibility.level", "backward",
       "Global compatibility level when none is set: none, backward, forward, full, and their _transitive forms"},
      {"mode.mutability", "true", "Whether PUT /mode may change modes"},
      {"leader.eligibility", "true", "Whether this node may become the writing leader"},
      {"schema.registry.group.id", "schema-registry", "Kafka group the nodes use to elect the leader"},
      {"kafkagroup.session.timeout.ms", "10000", "Leader election group session timeout"},
      {"kafkagroup.heartbeat.interval.ms", "3000", "Leader election group heartbeat interval"},
      {"request.max.bytes", "16777216", "Largest request body accepted; larger bodies get 413"},
      {"http.threads", "0", "Threads doing network I/O and fast (GET) handlers; 0 = one per core"},
      {"http.handler.threads", "16", "Threads running handlers that may block (writes waiting for the log)"},
      {"http.request.timeout.ms", "60000", "Per-message read/write timeout, also the keep-alive idle timeout"},
      {"http.max.connections", "10000", "Open connections above this are answered 503 and closed"},
      {"http.header.max.bytes", "65536", "Largest request header block; larger gets 431"},
      {"accord.transactional.id", "",
       "Kafka transactional.id shared by the writers of one cluster; empty = <schema.registry.group.id>-writer"},
      {"accord.leader.wait.ms", "",
       "How long a write waits for a writer to be known; empty = kafkastore.timeout.ms"},
      {"leader.connect.timeout.ms", "10000", "Timeout connecting to the writer when forwarding a write"},
      {"leader.read.timeout.ms", "60000", "Timeout waiting for the writer's answer to a forwarded write"},
      {"authentication.method", "NONE",
       "NONE, or BASIC: every endpoint but /health/* needs HTTP basic or bearer credentials (docs/security.md)"},
      {"accord.auth.file", "", "JSON file of users, password and token hashes and permissions (docs/security.md)"},
      {"accord.ui.enabled", "true", "Serve the web UI under /ui/ (docs/ui.md); false answers 404 there"},
      {"ssl.certificate.location", "", "PEM certificate (chain) of an https:// listener"},
      {"ssl.key.location", "", "PEM private key of an https:// listener"},
      {"ssl.truststore.location", "",
       "PEM CA file: verifies client certificates, and the writer's certificate when forwarding over https"},
      {"ssl.client.authentication", "NONE", "NONE, REQUESTED or REQUIRED: client certificates on https:// listeners"},
      {"request.json.max.depth", "64", "Deepest JSON nesting accepted in a request body; deeper gets 400"},
      {"schema.max.bytes", "4194304", "Largest schema text accepted; larger gets 422 (42209)"},
      {"schema.max.depth", "256", "Deepest bracket nesting accepted in a schema text; deeper gets 422 (42201)"},
      {"schema.max.references", "1000", "Most references one schema may have"},
      {"log.level", "info", "trace, debug, info, warn, error, critical or off (logs go to stderr)"},
  };
  return keys;
}

Result<Config> Config::parse_properties(const std::string& text) {
  Config config;
  std::istringstream in(text);
  std::string physical;
  std::string logical;
  int line_number = 0;
  int start_line = 0;
  bool continuing = false;
  while (std::getline(in, physical)) {
    ++line_number;
    std::string_view line = physical;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!continuing) {
      std::string_view stripped = trim(line);
      if (stripped.empty() || stripped.front() == '#' || stripped.front() == '!') continue;
      logical.clear();
      start_line = line_number;
      line = stripped;
    } else {
      // Leading whitespace of a continuation line is not part of the value.
      while (!line.empty() && is_space(line.front())) line.remove_prefix(1);
    }
    continuing = continues(line);
    if (continuing) line.remove_suffix(1);
    logical.append(line);
    if (continuing) continue;

    auto [raw_key, raw_value] = split_key_value(logical);
    auto key = unescape(raw_key, start_line);
    if (!key) return key.error();
    auto value = unescape(trim(raw_value), start_line);
    if (!value) return value.error();
    config.values_[*key] = *value;
  }
  if (continuing) {
    auto [raw_key, raw_value] = split_key_value(logical);
    auto key = unescape(raw_key, start_line);
    if (!key) return key.error();
    auto value = unescape(trim(raw_value), start_line);
    if (!value) return value.error();
    config.values_[*key] = *value;
  }
  return config;
}

Result<Config> Config::load_file(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return config_error("cannot read config file '" + path + "': " + std::strerror(errno));
  std::ostringstream text;
  text << file.rdbuf();
  auto parsed = parse_properties(text.str());
  if (!parsed) return config_error(path + ": " + parsed.error().message);
  return parsed;
}

void Config::apply_environment(char** environ) {
  if (environ == nullptr) return;
  static const std::string kafkastore_prefix = "ACCORD_KAFKASTORE_";
  for (char** entry = environ; *entry != nullptr; ++entry) {
    std::string_view pair = *entry;
    std::size_t eq = pair.find('=');
    if (eq == std::string_view::npos) continue;
    std::string_view name = pair.substr(0, eq);
    std::string value(pair.substr(eq + 1));
    if (name.substr(0, 7) != "ACCORD_") continue;
    const ConfigKeyDoc* known = nullptr;
    for (const auto& doc : known_keys()) {
      if (env_name(doc.key) == name) {
        known = &doc;
        break;
      }
    }
    if (known != nullptr) {
      set(known->key, value);
    } else if (name.size() > kafkastore_prefix.size() && name.substr(0, kafkastore_prefix.size()) == kafkastore_prefix) {
      // Unknown kafkastore.* keys pass through to librdkafka, e.g. ACCORD_KAFKASTORE_SASL_MECHANISM.
      std::string key = "kafkastore.";
      for (char c : name.substr(kafkastore_prefix.size())) {
        key.push_back(c == '_' ? '.' : static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
      }
      set(key, value);
    }
  }
}

void Config::set(const std::string& key, const std::string& value) { values_[key] = value; }

std::optional<std::string> Config::get(const std::string& key) const {
  auto it = values_.find(key);
  if (it == values_.end()) return std::nullopt;
  return it->second;
}

std::string Config::get_or(const std::string& key, const std::string& fallback) const {
  if (auto value = get(key)) return *value;
  if (!fallback.empty()) return fallback;
  if (const auto* doc = find_known(key)) return doc->default_value;
  return fallback;
}

Result<int64_t> Config::get_int(const std::string& key) const {
  std::string text = get_or(key, "");
  std::string_view digits = trim(text);
  if (digits.empty()) return config_error("config key '" + key + "' is not set");
  int64_t number = 0;
  auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), number);
  if (ec != std::errc{} || end != digits.data() + digits.size()) {
    return config_error("config key '" + key + "' must be an integer, got '" + text + "'");
  }
  return number;
}

int64_t Config::int_value(const std::string& key) const {
  if (auto number = get_int(key)) return *number;
  int64_t fallback = 0;
  if (const auto* doc = find_known(key))
    std::from_chars(doc->default_value.data(), doc->default_value.data() + doc->default_value.size(), fallback);
  return fallback;
}

bool Config::bool_value(const std::string& key) const {
  if (auto flag = get_bool(key)) return *flag;
  const auto* doc = find_known(key);
  return doc && to_lower(doc->default_value) == "true";
}

Result<bool> Config::get_bool(const std::string& key) const {
  std::string text = get_or(key, "");
  std::string lower = to_lower(trim(text));
  if (lower == "true") return true;
  if (lower == "false") return false;
  return config_error("config key '" + key + "' must be true or false, got '" + text + "'");
}

std::map<std::string, std::string> Config::with_prefix(const std::string& prefix) const {
  std::map<std::string, std::string> out;
  for (auto it = values_.lower_bound(prefix); it != values_.end() && it->first.compare(0, prefix.size(), prefix) == 0;
       ++it) {
    out.emplace(it->first.substr(prefix.size()), it->second);
  }
  return out;
}

Result<Listener> parse_listener(const std::string& url) {
  auto bad = [&](const std::string& why) {
    return config_error("invalid listener '" + url + "': " + why + " (expected http://host:port or https://host:port)");
  };
  std::string_view rest = url;
  Listener listener;
  std::size_t sep = rest.find("://");
  if (sep == std::string_view::npos) return bad("no scheme");
  listener.scheme = to_lower(rest.substr(0, sep));
  if (listener.scheme != "http" && listener.scheme != "https") return bad("scheme must be http or https");
  rest.remove_prefix(sep + 3);
  if (!rest.empty() && rest.back() == '/') rest.remove_suffix(1);
  if (rest.find('/') != std::string_view::npos) return bad("a listener has no path");

  std::string_view host;
  std::string_view port;
  if (!rest.empty() && rest.front() == '[') {
    std::size_t close = rest.find(']');
    if (close == std::string_view::npos) return bad("unterminated IPv6 address");
    host = rest.substr(1, close - 1);
    std::string_view after = rest.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') return bad("expected ':' after the IPv6 address");
      port = after.substr(1);
    }
  } else {
    std::size_t colon = rest.rfind(':');
    if (colon != std::string_view::npos && rest.find(':') != colon) return bad("IPv6 addresses must be in brackets");
    host = rest.substr(0, colon);
    if (colon != std::string_view::npos) port = rest.substr(colon + 1);
  }
  if (host.empty()) return bad("no host");
  listener.host = std::string(host);
  if (port.empty()) {
    // Like Confluent, a listener without a port takes the scheme's default.
    listener.port = listener.scheme == "https" ? 443 : 80;
    return listener;
  }
  unsigned value = 0;
  auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
  if (ec != std::errc{} || end != port.data() + port.size() || value > 65535) return bad("bad port");
  listener.port = static_cast<uint16_t>(value);
  return listener;
}

Result<std::string> advertised_url(const Config& config) {
  if (auto url = config.get("accord.advertised.url"); url && !url->empty()) return *url;
  std::string listeners = config.get_or("listeners", "");
  // Only the first listener is advertised when several are configured.
  auto listener = parse_listener(listeners.substr(0, listeners.find(',')));
  if (!listener) return listener.error();
  std::string host = config.get_or("host.name", "");
  if (host.find(':') != std::string::npos) host = "[" + host + "]";
  return listener->scheme + "://" + host + ":" + std::to_string(listener->port);
}

}  // namespace accord::cli
