#pragma once
// The Confluent wire format: magic byte 0, the schema id as a 4-byte big-endian int, for
// Protobuf the message-index path, then the payload; or [8.0+] magic byte 1 and the
// schema's 16-byte GUID instead of the id (docs/serde.md).
#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "accord/model/types.hpp"
#include "accord/serde/error.hpp"

namespace accord::serde {

using Bytes = std::vector<uint8_t>;
using ByteView = std::span<const uint8_t>;
// Where a Protobuf message type sits in its .proto: top-level index, then nested indexes.
using MessagePath = std::vector<int32_t>;

inline constexpr uint8_t kMagicByte = 0;
inline constexpr size_t kHeaderSize = 5;
inline constexpr uint8_t kGuidMagicByte = 1;
inline constexpr size_t kGuidHeaderSize = 17;
// A schema GUID's 16 bytes, in the order its UUID string prints them.
using Guid = std::array<uint8_t, 16>;

void append_header(Bytes& out, SchemaId id);
void append_guid_header(Bytes& out, const Guid& guid);
// What names the writer schema in a header: the id, or with the GUID format the GUID.
struct SchemaRef {
  SchemaId id{0};
  std::optional<Guid> guid;
};
void append_header(Bytes& out, const SchemaRef& ref);
// "xxxxxxxx-xxxx-…" (java.util.UUID.toString) and back; nullopt for anything else.
std::string guid_to_string(const Guid& guid);
std::optional<Guid> guid_from_string(std::string_view text);
// Count then each index as zig-zag varints; the path [0] is the single byte 0.
void append_message_path(Bytes& out, const MessagePath& path);

struct FramedMessage {
  SchemaId schema_id{0};     // 0 when the GUID names the schema
  std::optional<Guid> guid;   // set for magic byte 1
  ByteView rest;  // everything after the header; a view into the caller's buffer
};
SerdeResult<FramedMessage> read_header(ByteView message);

struct PathAndPayload {
  MessagePath path;
  ByteView payload;
};
// Reads the message-index path at the start of `rest`; a count of 0 means [0].
SerdeResult<PathAndPayload> read_message_path(ByteView rest);

}  // namespace accord::serde
