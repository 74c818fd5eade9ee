#include "accord/model/errors.hpp"

#include <string>

#include "accord/model/types.hpp"

namespace accord::errors {
namespace {
std::string s(std::string_view v) { return std::string(v); }
}  // namespace

Error subject_not_found(std::string_view subject) {
  return {ErrorCode::SubjectNotFound, "Subject '" + s(subject) + "' not found."};
}
Error version_not_found(std::string_view version) {
  return {ErrorCode::VersionNotFound, "Version " + s(version) + " not found."};
}
Error schema_not_found(SchemaId id) {
  return {ErrorCode::SchemaNotFound, "Schema " + std::to_string(id) + " not found"};
}
Error schema_not_found() { return {ErrorCode::SchemaNotFound, "Schema not found"}; }
Error subject_soft_deleted(std::string_view subject) {
  return {ErrorCode::SubjectSoftDeleted,
          "Subject '" + s(subject) + "' was soft deleted.Set permanent=true to delete permanently"};
}
Error subject_not_soft_deleted(std::string_view subject) {
  return {ErrorCode::SubjectNotSoftDeleted,
          "Subject '" + s(subject) + "' was not deleted first before being permanently deleted"};
}
Error version_soft_deleted(std::string_view subject, VersionNumber version) {
  return {ErrorCode::VersionSoftDeleted, "Subject '" + s(subject) + "' Version " +
                                             std::to_string(version) +
                                             " was soft deleted.Set permanent=true to delete permanently"};
}
Error version_not_soft_deleted(std::string_view subject, VersionNumber version) {
  return {ErrorCode::VersionNotSoftDeleted,
          "Subject '" + s(subject) + "' Version " + std::to_string(version) +
              " was not deleted first before being permanently deleted"};
}
Error subject_compatibility_not_configured(std::string_view subject) {
  return {ErrorCode::SubjectLevelCompatibilityNotConfigured,
          "Subject '" + s(subject) + "' does not have subject-level compatibility configured"};
}
Error subject_mode_not_configured(std::string_view subject) {
  return {ErrorCode::SubjectLevelModeNotConfigured,
          "Subject '" + s(subject) + "' does not have subject-level mode configured"};
}
Error incompatible_schema(std::string_view subject, std::string_view details) {
  return {ErrorCode::IncompatibleSchema,
          "Schema being registered is incompatible with an earlier schema for subject \"" + s(subject) +
              "\", details: " + s(details)};
}
Error invalid_schema(std::string_view type_name, std::string_view details) {
  return {ErrorCode::InvalidSchema, "Invalid schema of type " + s(type_name) + ", details: " + s(details)};
}
Error invalid_schema_type(std::string_view type_name) {
  return {ErrorCode::InvalidSchema, "Invalid schema type " + s(type_name)};
}
Error invalid_version(std::string_view version) {
  return {ErrorCode::InvalidVersion,
          "The specified version '" + s(version) +
              "' is not a valid version id. Allowed values are between [1, 2^31-1] and the string \"latest\""};
}
Error invalid_compatibility_level() {
  return {ErrorCode::InvalidCompatibilityLevel,
          "Invalid compatibility level. Valid values are none, backward, forward, full, backward_transitive, "
          "forward_transitive, and full_transitive"};
}
Error invalid_mode() {
  return {ErrorCode::InvalidMode, "Invalid mode. Valid values are READWRITE, READONLY, IMPORT and FORWARD."};
}
Error operation_not_permitted(std::string message) {
  return {ErrorCode::OperationNotPermitted, std::move(message)};
}
std::string subject_in_context(std::string_view subject) {
  const auto qs = QualifiedSubject::parse(subject);
  if (qs.in_default_context()) return "Subject " + s(subject);
  return "Subject " + s(subject) + " in context " + qs.context_prefix();
}

Error context_not_empty(std::string_view context) {
  return {ErrorCode::ContextNotEmpty, "The specified context '" + s(context) + "' is not empty."};
}

Error subject_read_only(std::string_view subject) {
  return {ErrorCode::OperationNotPermitted, subject_in_context(subject) + " is in read-only mode"};
}
Error reference_exists(std::string_view subject, VersionNumber version) {
  return {ErrorCode::ReferenceExists, "One or more references exist to the schema {magic=1,keytype=SCHEMA,subject=" +
                                          s(subject) + ",version=" + std::to_string(version) + "}."};
}
Error invalid_subject(std::string_view subject) {
  return {ErrorCode::InvalidSubject, "The specified subject '" + s(subject) + "' is not a valid."};
}
Error schema_too_large() {
  return {ErrorCode::SchemaTooLarge, "Register operation failed because schema is too large"};
}
Error store_error(std::string message) { return {ErrorCode::StoreError, std::move(message)}; }
Error operation_timeout(std::string message) { return {ErrorCode::OperationTimeout, std::move(message)}; }
Error forwarding_failed(std::string message) { return {ErrorCode::ForwardingFailed, std::move(message)}; }
Error unknown_leader() { return {ErrorCode::UnknownLeader, "Leader not known."}; }

Error bad_request(std::string message) { return {ErrorCode::BadRequest, std::move(message)}; }
Error unprocessable(std::string message) { return {ErrorCode::Unprocessable, std::move(message)}; }
Error not_found_path() { return {ErrorCode::NotFound, "HTTP 404 Not Found"}; }
Error method_not_allowed() { return {ErrorCode::MethodNotAllowed, "HTTP 405 Method Not Allowed"}; }
Error not_acceptable() { return {ErrorCode::NotAcceptable, "HTTP 406 Not Acceptable"}; }
Error unsupported_media_type() { return {ErrorCode::UnsupportedMediaType, "HTTP 415 Unsupported Media Type"}; }
Error payload_too_large(std::string message) { return {ErrorCode::PayloadTooLarge, std::move(message)}; }
Error internal(std::string message) { return {ErrorCode::Internal, std::move(message)}; }
Error unavailable(std::string message) { return {ErrorCode::ServiceUnavailable, std::move(message)}; }
Error unauthorized(std::string message) { return {ErrorCode::Unauthorized, std::move(message)}; }
Error forbidden(std::string message) { return {ErrorCode::NotAuthorized, std::move(message)}; }
Error header_fields_too_large() { return {ErrorCode::HeaderFieldsTooLarge, "Request Header Fields Too Large"}; }

Error body_too_deep(std::size_t limit) {
  return {ErrorCode::BadRequest, "The request body nests deeper than the limit of " + std::to_string(limit) + " levels"};
}
Error schema_over_size_limit(std::size_t limit) {
  return {ErrorCode::SchemaTooLarge,
          "Schema is larger than the limit of " + std::to_string(limit) + " bytes (schema.max.bytes)"};
}
Error schema_too_deep(std::size_t limit) {
  return {ErrorCode::InvalidSchema,
          "Invalid schema: it nests deeper than the limit of " + std::to_string(limit) + " levels (schema.max.depth)"};
}
Error not_caught_up() { return {ErrorCode::NotCaughtUp, "The node is catching up with the log; retry shortly"}; }
Error producer_fenced(std::string message) { return {ErrorCode::ProducerFenced, std::move(message)}; }
Error offset_out_of_range(int64_t from, int64_t start, int64_t end) {
  return {ErrorCode::OffsetOutOfRange, "Offset out of range: offset " + std::to_string(from) + " is outside the log [" +
                                           std::to_string(start) + ", " + std::to_string(end) +
                                           "]; the log was truncated or recreated"};
}
Error schema_guid_not_found(std::string_view guid) {
  return {ErrorCode::SchemaNotFound, "Schema " + s(guid) + " not found"};
}
Error forward_mode_not_global() { return {ErrorCode::InvalidMode, "Forward mode only supported on global level"}; }
Error schema_refused(std::string reason) { return {ErrorCode::InvalidSchema, std::move(reason)}; }

}  // namespace accord::errors
