#pragma once
// Authentication (HTTP basic and bearer tokens) and per-subject authorization from a JSON
// users file (docs/security.md). Free of any socket type: serve.cpp asks `check` before a
// request reaches the API and `filter_listing` after, for the listings a user sees in part.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "accord/api/request.hpp"
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

// What a request needs: an operation on a subject, or on nothing in particular.
struct Requirement {
  bool open = false;           // no authentication at all (/health/*)
  bool authenticated = false;  // any authenticated user (reads of global settings, listings)
  Operation operation = Operation::Read;
  std::optional<std::string> subject;  // empty: a global operation
  bool schema_by_id = false;   // GET /schemas/ids/{id}...: readable when one of its subjects is
};

// Glob match: '*' any run of characters, '?' one character, everything else literal.
bool glob_match(std::string_view pattern, std::string_view text);

// PBKDF2-HMAC-SHA256 hash in the file format, for tests and tools.
std::string hash_password(const std::string& password, const std::string& salt, int iterations);
// True when `password` matches a stored "pbkdf2-sha256$..." hash (constant-time compare).
bool verify_password(const std::string& password, const std::string& stored);
// "sha256:<hex>" of a token.
std::string hash_token(const std::string& token);

Requirement requirement_for(const api::Request& request);

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

  // Authentication and authorization of one request. nullopt: go on (`user` set unless the
  // endpoint is open); else the 401/403 answer. Schema-by-id reads are decided by the caller
  // (it knows the schema's subjects) via `may_read_subject`.
  std::optional<api::Response> check(const api::Request& request, const User** user) const;

  // Removes from a listing answer (GET /subjects, /schemas, /schemas/ids/{id}/subjects,
  // /schemas/ids/{id}/versions) the entries of subjects the user may not read.
  void filter_listing(const api::Request& request, const User& user, api::Response& response) const;

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
