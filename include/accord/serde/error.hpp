#pragma once
// Errors at the serde boundary. Applications branch on `kind` (drop a poison message,
// retry on a registry outage, ...), so every failure names what went wrong as a kind
// plus a human message; nothing here throws.
#include <string>
#include <string_view>
#include <utility>
#include <variant>

#include "accord/model/error.hpp"

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

// A value or a SerdeError.
template <class T>
using SerdeResult = Result<T, SerdeError>;

struct Done {};
using SerdeStatus = SerdeResult<Done>;

inline SerdeError serde_error(ErrorKind kind, std::string message) { return SerdeError{kind, std::move(message)}; }

}  // namespace accord::serde
