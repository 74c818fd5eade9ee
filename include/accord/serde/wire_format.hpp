#pragma once
// The Confluent wire format (shared/docs/rest-api.md §8): magic byte 0, the schema id as a
// 4-byte big-endian int, for Protobuf the message-index path, then the payload.
#include <cstdint>
#include <span>
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

void append_header(Bytes& out, SchemaId id);
// Count then each index as zig-zag varints; the path [0] is the single byte 0.
void append_message_path(Bytes& out, const MessagePath& path);

struct FramedMessage {
  SchemaId schema_id = 0;
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
