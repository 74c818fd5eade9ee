#include "accord/serde/error.hpp"

namespace accord::serde {

std::string_view to_string(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::BadMagicByte: return "bad magic byte";
    case ErrorKind::ShortBuffer: return "short buffer";
    case ErrorKind::MalformedMessageIndex: return "malformed message index";
    case ErrorKind::UnknownSchemaId: return "unknown schema id";
    case ErrorKind::SchemaTypeMismatch: return "schema type mismatch";
    case ErrorKind::InvalidSchema: return "invalid schema";
    case ErrorKind::InvalidPayload: return "invalid payload";
    case ErrorKind::ValidationFailed: return "validation failed";
    case ErrorKind::NoRecordName: return "no record name";
    case ErrorKind::Registry: return "registry error";
    case ErrorKind::Transport: return "registry unreachable";
  }
  return "unknown";
}

}  // namespace accord::serde
