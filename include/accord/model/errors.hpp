#pragma once
// One factory per registry error message, worded as Confluent Schema Registry words them
// (shared/docs/rest-api.md §4), so every layer produces byte-identical messages.
#include <cstdint>
#include <string>
#include <string_view>

#include "accord/model/error.hpp"
#include "accord/model/types.hpp"

namespace accord::errors {

Error subject_not_found(std::string_view subject);
Error version_not_found(std::string_view version);
Error schema_not_found(SchemaId id);
Error schema_not_found();
Error subject_soft_deleted(std::string_view subject);
Error subject_not_soft_deleted(std::string_view subject);
Error version_soft_deleted(std::string_view subject, VersionNumber version);
Error version_not_soft_deleted(std::string_view subject, VersionNumber version);
Error subject_compatibility_not_configured(std::string_view subject);
Error subject_mode_not_configured(std::string_view subject);
// `details` are the compatibility messages, already formatted.
Error incompatible_schema(std::string_view subject, std::string_view details);
Error invalid_schema(std::string_view type_name, std::string_view details);
Error invalid_schema_type(std::string_view type_name);
Error invalid_version(std::string_view version);
Error invalid_compatibility_level();
Error invalid_mode();
Error operation_not_permitted(std::string message);
Error subject_read_only(std::string_view subject);
// `subject` as a 42205 message names it: "Subject <s>", plus " in context :.ctx:" for a
// subject of a named context ([8.1+] wording; the default context keeps the older one).
std::string subject_in_context(std::string_view subject);
// DELETE /contexts/{ctx} while the context holds subjects; `context` as `:.ctx:`.
Error context_not_empty(std::string_view context);
Error reference_exists(std::string_view subject, VersionNumber version);
Error invalid_subject(std::string_view subject);
Error schema_too_large();
Error store_error(std::string message);
Error operation_timeout(std::string message);
Error forwarding_failed(std::string message);
Error unknown_leader();
// Framework errors (the body code is the HTTP status).
Error bad_request(std::string message);
Error unprocessable(std::string message);
Error not_found_path();
Error method_not_allowed();
Error not_acceptable();
Error unsupported_media_type();
Error payload_too_large(std::string message);
Error internal(std::string message);
Error unavailable(std::string message);
Error unauthorized(std::string message);
Error forbidden(std::string message);
Error header_fields_too_large();
// The limits checked before a body is parsed (docs/security.md).
Error body_too_deep(std::size_t limit);
Error schema_over_size_limit(std::size_t limit);
Error schema_too_deep(std::size_t limit);
// The readiness gate: a read while the store catches up with the log could be stale.
Error not_caught_up();
// The log's causes, which the layers above branch on (never on the message).
Error producer_fenced(std::string message);
Error offset_out_of_range(int64_t from, int64_t start, int64_t end);
Error schema_guid_not_found(std::string_view guid);
Error forward_mode_not_global();
// A parser's reason for refusing a schema, worded by the format that reports it.
Error schema_refused(std::string reason);

}  // namespace accord::errors
