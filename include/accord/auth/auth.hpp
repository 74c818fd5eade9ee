#pragma once
// Authentication (HTTP basic and bearer tokens) and per-subject authorization from a JSON
// users file (docs/security.md). Free of any socket type and of any route shape: what a
// request needs comes from its route's descriptor (accord/api/route.hpp). The request
// pipeline asks `identify`, then `authorize`, before a request reaches the API, and
// `filter_listing` after, for the listings a user sees in part.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "accord/api/request.hpp"
#include "accord/api/route.hpp"
#include "accord/model/error.hpp"

namespace accord::auth {

enum class Operation { Read, Write, Admin };

struct Permission {
  Operation operation = Operation::Read;
  std::string resource;  // subject glob: exact name, "orders-*", "*", '?' for one character
};

struct User {
  std::string name;
  std::string password_hash;             // "pbkdf2-sha256$<iterations>$<salt hex>$<hash hex>" or empty
  std::vector<std::string> token_hashes;  // "sha256:<hex>" of each bearer token
  std::vector<Permission> permissions;
};

// Glob match: '*' any run of characters, '?' one character, everything else literal.
bool glob_match(std::string_view pattern, std::string_view text);

// PBKDF2-HMAC-SHA256 hash in the file format, for tests and tools.
std::string hash_password(const std::string& password, const std::string& salt, int iterations);
// True when `password` matches a stored "pbkdf2-sha256$..." hash (constant-time compare).
bool verify_password(const std::string& password, const std::string& stored);
// "sha256:<hex>" of a token.
std::string hash_token(const std::string& token);

class Authenticator {
 public:
  // Parses the users file (JSON, see docs/security.md).
  static Result<std::shared_ptr<Authenticator>> load_file(const std::string& path);
  static Result<std::shared_ptr<Authenticator>> parse(const std::string& json_text);

  // True when the request carries no credentials, or ones verified before: authenticating
  // it is then cheap (no slow hash), so it may run on an io thread.
  bool cheap_to_authenticate(const api::Request& request) const;
  // The user the request's Authorization header proves, or nullptr.
  const User* authenticate(const api::Request& request) const;
  bool allowed(const User& user, Operation operation, const std::optional<std::string>& subject) const;
  // Whether the user may read at least one subject (or all: "*").
  bool may_read_subject(const User& user, const std::string& subject) const {
    return allowed(user, Operation::Read, subject);
  }

  // The user the request proves, or the 401 answer (with the challenge to send).
  std::optional<api::Response> identify(const api::Request& request, const User** user) const;
  // Whether `user` holds the route's permission on the subject it names: nullopt, or the 403
  // answer. A schema read by id is decided by `authorize_schema`, which needs its subjects.
  std::optional<api::Response> authorize(const User& user, const api::RouteMatch& route) const;
  // A schema is readable when one of the subjects using it is.
  std::optional<api::Response> authorize_schema(const User& user, std::string_view id,
                                                const std::vector<std::string>& subjects) const;

  // Removes from a subject listing (a JSON array of subjects, or of {"subject":...}
  // objects) the entries of subjects the user may not read.
  void filter_listing(const User& user, api::Response& response) const;

  ~Authenticator();
  Authenticator();

 private:
  std::vector<User> users_;
  struct Cache;
  std::unique_ptr<Cache> cache_;
};

api::Response unauthorized(const std::string& message);
api::Response forbidden(const std::string& message);

}  // namespace accord::auth
