#pragma once
// Errors at the serde boundary. Applications branch on `kind` (drop a poison message,
// retry on a registry outage, ...), so every failure names what went wrong as a kind
// plus a human message; nothing here throws.
#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace accord::serde {

enum class ErrorKind {
  BadMagicByte,           // first byte is not 0: not written by a schema-registry serializer
  ShortBuffer,            // fewer bytes than the wire format needs
  MalformedMessageIndex,  // Protobuf message-index array unreadable or out of range
  UnknownSchemaId,        // the registry has no schema with this id
  SchemaTypeMismatch,     // the id names a schema of another format
  InvalidSchema,          // schema text does not parse
  InvalidPayload,         // payload bytes do not decode with the schema
  ValidationFailed,       // value does not match its schema
  NoRecordName,           // a record-name subject strategy on a schema without a name
  Registry,               // the registry answered with an error body
  Transport,              // no registry node could be reached
};

std::string_view to_string(ErrorKind kind);

struct SerdeError {
  ErrorKind kind;
  std::string message;
  int http_status = 0;  // Registry errors: the HTTP status and the body's error_code
  int error_code = 0;
};

// A value or a SerdeError (same shape as accord::Result, but with serde's error type).
template <class T>
class SerdeResult {
 public:
  SerdeResult(T value) : v_(std::move(value)) {}
  SerdeResult(SerdeError error) : v_(std::move(error)) {}

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  const SerdeError& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, SerdeError> v_;
};

struct Done {};
using SerdeStatus = SerdeResult<Done>;

inline SerdeError serde_error(ErrorKind kind, std::string message) { return SerdeError{kind, std::move(message)}; }

}  // namespace accord::serde
