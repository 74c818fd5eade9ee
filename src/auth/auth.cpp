#include "accord/auth/auth.hpp"

#include <fstream>
#include <mutex>
#include <sstream>
#include <unordered_map>

#include <nlohmann/json.hpp>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

#include "accord/api/error_response.hpp"
#include "accord/model/errors.hpp"
#include "accord/model/types.hpp"

namespace accord::auth {

namespace {

std::string to_hex(const unsigned char* data, std::size_t size) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  out.reserve(size * 2);
  for (std::size_t i = 0; i < size; ++i) {
    out.push_back(digits[data[i] >> 4]);
    out.push_back(digits[data[i] & 15]);
  }
  return out;
}

std::optional<std::string> from_hex(std::string_view hex) {
  if (hex.size() % 2 != 0) return std::nullopt;
  auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::string out;
  for (std::size_t i = 0; i < hex.size(); i += 2) {
    int hi = nibble(hex[i]), lo = nibble(hex[i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out.push_back(static_cast<char>(hi * 16 + lo));
  }
  return out;
}

bool equal_constant_time(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  return CRYPTO_memcmp(a.data(), b.data(), a.size()) == 0;
}

std::string sha256(std::string_view data) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest);
  return std::string(reinterpret_cast<const char*>(digest), sizeof digest);
}

std::optional<std::string> base64_decode(std::string_view in) {
  std::string out((in.size() / 4 + 1) * 3, '\0');
  if (in.size() % 4 != 0) return std::nullopt;
  int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()), reinterpret_cast<const unsigned char*>(in.data()),
                          static_cast<int>(in.size()));
  if (n < 0) return std::nullopt;
  std::size_t size = static_cast<std::size_t>(n);
  if (!in.empty() && in.back() == '=') --size;
  if (in.size() > 1 && in[in.size() - 2] == '=') --size;
  out.resize(size);
  return out;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
  return out;
}

const char* operation_name(Operation operation) {
  switch (operation) {
    case Operation::Read: return "read";
    case Operation::Write: return "write";
    case Operation::Admin: return "admin";
  }
  return "?";
}

}  // namespace

api::Response unauthorized(const std::string& message) {
  auto response = api::error_response(errors::unauthorized(message));
  response.headers["WWW-Authenticate"] = "Basic realm=\"accord\"";
  return response;
}

api::Response forbidden(const std::string& message) { return api::error_response(errors::forbidden(message)); }

bool glob_match(std::string_view pattern, std::string_view text) {
  std::size_t p = 0, t = 0, star = std::string_view::npos, mark = 0;
  while (t < text.size()) {
    if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == text[t])) {
      ++p;
      ++t;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      mark = t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

std::string hash_password(const std::string& password, const std::string& salt, int iterations) {
  unsigned char out[32];
  PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()), reinterpret_cast<const unsigned char*>(salt.data()),
                    static_cast<int>(salt.size()), iterations, EVP_sha256(), sizeof out, out);
  return "pbkdf2-sha256$" + std::to_string(iterations) + "$" +
         to_hex(reinterpret_cast<const unsigned char*>(salt.data()), salt.size()) + "$" + to_hex(out, sizeof out);
}

bool verify_password(const std::string& password, const std::string& stored) {
  // pbkdf2-sha256$<iterations>$<salt hex>$<hash hex>
  std::vector<std::string> parts;
  std::stringstream in(stored);
  for (std::string part; std::getline(in, part, '$');) parts.push_back(part);
  if (parts.size() != 4 || parts[0] != "pbkdf2-sha256") return false;
  int iterations = 0;
  try {
    iterations = std::stoi(parts[1]);
  } catch (...) {
    return false;
  }
  auto salt = from_hex(parts[2]);
  auto expected = from_hex(parts[3]);
  if (iterations < 1 || !salt || !expected || expected->empty() || expected->size() > 64) return false;
  std::string derived(expected->size(), '\0');
  if (PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()),
                        reinterpret_cast<const unsigned char*>(salt->data()), static_cast<int>(salt->size()), iterations,
                        EVP_sha256(), static_cast<int>(derived.size()),
                        reinterpret_cast<unsigned char*>(derived.data())) != 1)
    return false;
  return equal_constant_time(derived, *expected);
}

std::string hash_token(const std::string& token) {
  auto digest = sha256(token);
  return "sha256:" + to_hex(reinterpret_cast<const unsigned char*>(digest.data()), digest.size());
}

struct Authenticator::Cache {
  // Credentials already verified, as SHA-256(secret || header value): the slow hash runs
  // once per credential, not once per request.
  std::mutex mutex;
  std::string secret;
  std::unordered_map<std::string, std::size_t> verified;  // digest -> user index
};

Authenticator::Authenticator() : cache_(std::make_unique<Cache>()) {
  unsigned char secret[32];
  RAND_bytes(secret, sizeof secret);
  cache_->secret.assign(reinterpret_cast<const char*>(secret), sizeof secret);
}

Authenticator::~Authenticator() = default;

Result<std::shared_ptr<Authenticator>> Authenticator::load_file(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return errors::bad_request("cannot read the users file '" + path + "'");
  std::stringstream text;
  text << file.rdbuf();
  auto parsed = parse(text.str());
  if (!parsed) return errors::bad_request("users file '" + path + "': " + parsed.error().message);
  return parsed;
}

Result<std::shared_ptr<Authenticator>> Authenticator::parse(const std::string& json_text) {
  auto bad = [](const std::string& message) { return errors::bad_request(message); };
  nlohmann::json doc = nlohmann::json::parse(json_text, nullptr, false);
  if (doc.is_discarded() || !doc.is_object() || !doc.contains("users") || !doc["users"].is_array())
    return bad("expected a JSON object with a \"users\" array");
  auto auth = std::make_shared<Authenticator>();
  for (const auto& entry : doc["users"]) {
    if (!entry.is_object() || !entry.contains("username") || !entry["username"].is_string())
      return bad("every user needs a \"username\"");
    User user;
    user.name = entry["username"].get<std::string>();
    if (entry.contains("password_hash")) {
      if (!entry["password_hash"].is_string()) return bad("user " + user.name + ": password_hash must be a string");
      user.password_hash = entry["password_hash"].get<std::string>();
      if (user.password_hash.rfind("pbkdf2-sha256$", 0) != 0)
        return bad("user " + user.name + ": password_hash must be pbkdf2-sha256$<iterations>$<salt hex>$<hash hex>");
    }
    if (entry.contains("token_hashes")) {
      if (!entry["token_hashes"].is_array()) return bad("user " + user.name + ": token_hashes must be an array");
      for (const auto& token : entry["token_hashes"]) {
        if (!token.is_string() || token.get<std::string>().rfind("sha256:", 0) != 0)
          return bad("user " + user.name + ": token hashes are \"sha256:<hex>\"");
        user.token_hashes.push_back(lower(token.get<std::string>()));
      }
    }
    if (entry.contains("permissions")) {
      if (!entry["permissions"].is_array()) return bad("user " + user.name + ": permissions must be an array");
      for (const auto& p : entry["permissions"]) {
        if (!p.is_object() || !p.contains("operation") || !p["operation"].is_string())
          return bad("user " + user.name + ": every permission needs an \"operation\"");
        Permission permission;
        auto op = lower(p["operation"].get<std::string>());
        if (op == "read") permission.operation = Operation::Read;
        else if (op == "write") permission.operation = Operation::Write;
        else if (op == "admin") permission.operation = Operation::Admin;
        else return bad("user " + user.name + ": operation must be read, write or admin");
        permission.resource = p.contains("resource") && p["resource"].is_string() ? p["resource"].get<std::string>() : "*";
        user.permissions.push_back(std::move(permission));
      }
    }
    auth->users_.push_back(std::move(user));
  }
  return auth;
}

bool Authenticator::cheap_to_authenticate(const api::Request& request) const {
  auto header = request.header("authorization");
  if (!header || lower(std::string_view(*header).substr(0, 6)) != "basic ") return true;  // bearer: one SHA-256
  const std::string key = sha256(cache_->secret + *header);
  std::lock_guard lock(cache_->mutex);
  return cache_->verified.count(key) > 0;
}

const User* Authenticator::authenticate(const api::Request& request) const {
  auto header = request.header("authorization");
  if (!header) return nullptr;
  std::string_view value = *header;
  auto space = value.find(' ');
  if (space == std::string_view::npos) return nullptr;
  const std::string scheme = lower(value.substr(0, space));
  std::string_view credentials = value.substr(space + 1);
  while (!credentials.empty() && credentials.front() == ' ') credentials.remove_prefix(1);

  const std::string key = sha256(cache_->secret + std::string(value));
  {
    std::lock_guard lock(cache_->mutex);
    if (auto it = cache_->verified.find(key); it != cache_->verified.end()) return &users_[it->second];
  }
  std::optional<std::size_t> found;
  if (scheme == "bearer") {
    const std::string hashed = hash_token(std::string(credentials));
    for (std::size_t i = 0; i < users_.size(); ++i)
      for (const auto& token : users_[i].token_hashes)
        if (equal_constant_time(token, hashed)) found = i;
  } else if (scheme == "basic") {
    auto decoded = base64_decode(credentials);
    if (!decoded) return nullptr;
    auto colon = decoded->find(':');
    if (colon == std::string::npos) return nullptr;
    const std::string name = decoded->substr(0, colon);
    const std::string password = decoded->substr(colon + 1);
    for (std::size_t i = 0; i < users_.size(); ++i) {
      if (users_[i].name == name && !users_[i].password_hash.empty() && verify_password(password, users_[i].password_hash))
        found = i;
    }
  }
  if (!found) return nullptr;
  std::lock_guard lock(cache_->mutex);
  if (cache_->verified.size() > 10000) cache_->verified.clear();
  cache_->verified[key] = *found;
  return &users_[*found];
}

bool Authenticator::allowed(const User& user, Operation operation, const std::optional<std::string>& subject) const {
  for (const auto& p : user.permissions) {
    // admin implies write implies read, on the subjects the pattern covers.
    if (static_cast<int>(p.operation) < static_cast<int>(operation)) continue;
    if (!subject) {
      if (p.operation == Operation::Admin || operation != Operation::Admin) return true;
      continue;
    }
    if (glob_match(p.resource, *subject)) return true;
  }
  return false;
}

std::optional<api::Response> Authenticator::identify(const api::Request& request, const User** user) const {
  *user = authenticate(request);
  if (*user) return std::nullopt;
  auto answer = unauthorized(request.header("authorization") ? "Invalid credentials" : "Authentication required");
  // A script that asks for credentials itself (the web UI's sign-in form) gets a challenge
  // browsers do not answer with their own prompt.
  if (request.header("x-requested-with")) answer.headers["WWW-Authenticate"] = "Bearer realm=\"accord\"";
  return answer;
}

std::optional<api::Response> Authenticator::authorize(const User& user, const api::RouteMatch& route) const {
  Operation operation = Operation::Read;
  std::optional<std::string> subject;
  switch (route.permission) {
    case api::Permission::Unset:  // not a route's: refuse rather than guess
    case api::Permission::Admin: operation = Operation::Admin; break;
    case api::Permission::ReadSubject: subject = route.subject; break;
    case api::Permission::WriteSubject:
      operation = Operation::Write;
      subject = route.subject;
      break;
    case api::Permission::Open:
    case api::Permission::Authenticated:
    case api::Permission::ReadSchema: return std::nullopt;  // a schema: see authorize_schema
  }
  if (allowed(user, operation, subject)) return std::nullopt;
  const std::string what = subject ? "subject '" + *subject + "'" : std::string("the registry");
  return forbidden("User " + user.name + " is not authorized to " + operation_name(operation) + " " + what);
}

std::optional<api::Response> Authenticator::authorize_schema(const User& user, std::string_view id,
                                                             const std::vector<std::string>& subjects) const {
  for (const auto& subject : subjects)
    if (may_read_subject(user, subject)) return std::nullopt;
  return forbidden("User " + user.name + " is not authorized to read schema " + std::string(id));
}

void Authenticator::filter_listing(const User& user, api::Response& response) const {
  if (response.status != 200 || response.raw_text) return;
  nlohmann::json doc = nlohmann::json::parse(response.body, nullptr, false);
  if (!doc.is_array()) return;
  nlohmann::json kept = nlohmann::json::array();
  for (auto& item : doc) {
    std::string subject;
    if (item.is_string()) subject = item.get<std::string>();
    else if (item.is_object() && item.contains("subject") && item["subject"].is_string())
      subject = item["subject"].get<std::string>();
    else continue;
    if (allowed(user, Operation::Read, subject)) kept.push_back(std::move(item));
  }
  response.body = kept.dump();
}

}  // namespace accord::auth
