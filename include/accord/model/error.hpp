#pragma once
// Registry errors as values. Every error carries its cause, an ErrorCode; the body's
// Confluent `error_code` and the HTTP status both come from one table (error.cpp), so
// wording and codes stay identical everywhere. Factories for each message live in
// errors.hpp; api::error_response renders the body.
#include <string>
#include <utility>
#include <variant>

namespace accord {

enum class ErrorCode : int {
  // Framework errors: the body code is the HTTP status itself.
  BadRequest = 400,
  Unauthorized = 401,
  Forbidden = 403,
  NotFound = 404,
  MethodNotAllowed = 405,
  NotAcceptable = 406,
  PayloadTooLarge = 413,
  UnsupportedMediaType = 415,
  Unprocessable = 422,
  HeaderFieldsTooLarge = 431,
  Internal = 500,
  ServiceUnavailable = 503,
  // Registry errors.
  NotAuthorized = 40301,  // the caller lacks the permission (docs/security.md)
  SubjectNotFound = 40401,
  VersionNotFound = 40402,
  SchemaNotFound = 40403,
  SubjectSoftDeleted = 40404,
  SubjectNotSoftDeleted = 40405,
  VersionSoftDeleted = 40406,
  VersionNotSoftDeleted = 40407,
  SubjectLevelCompatibilityNotConfigured = 40408,
  SubjectLevelModeNotConfigured = 40409,
  IncompatibleSchema = 40901,
  InvalidSchema = 42201,
  InvalidVersion = 42202,
  InvalidCompatibilityLevel = 42203,
  InvalidMode = 42204,
  OperationNotPermitted = 42205,
  ReferenceExists = 42206,
  InvalidSubject = 42208,
  SchemaTooLarge = 42209,
  InvalidRuleSet = 42210,
  ContextNotEmpty = 42211,
  StoreError = 50001,
  OperationTimeout = 50002,
  ForwardingFailed = 50003,
  UnknownLeader = 50004,
  // Causes whose body code is another one's: the enumerator is only a name here, the
  // table gives the code sent.
  NotCaughtUp = 1'050'002,       // 503 with error_code 50002: the node is still reading the log
  ProducerFenced = 1'050'001,    // 500/50001: a newer writer's producer took over the log
  OffsetOutOfRange = 2'050'001,  // 500/50001: a read from outside the log (truncated or recreated)
};

// The HTTP status that carries this code.
int http_status(ErrorCode code);
// The `error_code` of the body.
int wire_code(ErrorCode code);

struct Error {
  ErrorCode code;
  std::string message;

  int error_code() const { return wire_code(code); }
  int status() const { return http_status(code); }
};

// A value or an error (an accord::Error unless a layer has its own error type, as serde
// does). Minimal stand-in for std::expected (C++23).
template <class T, class E = Error>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}
  Result(E error) : v_(std::move(error)) {}

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  const E& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, E> v_;
};

// Result<void>: success or an Error.
struct Ok {};
using Status = Result<Ok>;

}  // namespace accord
