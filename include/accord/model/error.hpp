#pragma once
// Registry errors as values. Every error carries the Confluent `error_code`; the HTTP
// status is derived from it in one place (http_status) so wording and codes stay identical
// everywhere. Factories for each message live in errors.hpp.
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
  Internal = 500,
  ServiceUnavailable = 503,
  // Registry errors.
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
};

// The HTTP status that carries this code.
int http_status(ErrorCode code);

struct Error {
  ErrorCode code;
  std::string message;

  int error_code() const { return static_cast<int>(code); }
  int status() const { return http_status(code); }
};

// A value or an error (an accord::Error unless a layer has its own error type, as serde
// does). Minimal stand-in for std::expected (C++23).
template <class T, class E = Error>
class Result {
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
