#include "accord/serde/wire_format.hpp"

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/wire_format_lite.h>

#include <algorithm>
#include <string>

namespace accord::serde {
namespace {

using google::protobuf::internal::WireFormatLite;

// Kafka's ByteUtils.writeVarint is the same encoding as Protobuf's sint32.
void append_zigzag(Bytes& out, int32_t value) {
  uint8_t buffer[5];  // a 32-bit varint takes at most 5 bytes
  uint8_t* end = google::protobuf::io::CodedOutputStream::WriteVarint32ToArray(WireFormatLite::ZigZagEncode32(value),
                                                                                 buffer);
  out.insert(out.end(), buffer, end);
}

}  // namespace

void append_header(Bytes& out, SchemaId id) {
  const auto unsigned_id = static_cast<uint32_t>(id);
  out.push_back(kMagicByte);
  out.push_back(static_cast<uint8_t>(unsigned_id >> 24));
  out.push_back(static_cast<uint8_t>(unsigned_id >> 16));
  out.push_back(static_cast<uint8_t>(unsigned_id >> 8));
  out.push_back(static_cast<uint8_t>(unsigned_id));
}

void append_guid_header(Bytes& out, const Guid& guid) {
  out.push_back(kGuidMagicByte);
  out.insert(out.end(), guid.begin(), guid.end());
}

void append_header(Bytes& out, const SchemaRef& ref) {
  if (ref.guid) append_guid_header(out, *ref.guid);
  else append_header(out, ref.id);
}

std::string guid_to_string(const Guid& guid) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (size_t i = 0; i < guid.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out.push_back('-');
    out.push_back(kHex[guid[i] >> 4]);
    out.push_back(kHex[guid[i] & 0xf]);
  }
  return out;
}

std::optional<Guid> guid_from_string(std::string_view text) {
  if (text.size() != 36) return std::nullopt;
  Guid out{};
  size_t byte = 0;
  for (size_t i = 0; i < text.size();) {
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (text[i] != '-') return std::nullopt;
      ++i;
      continue;
    }
    auto nibble = [](char c) -> int {
      if (c >= '0' && c <= '9') return c - '0';
      if (c >= 'a' && c <= 'f') return c - 'a' + 10;
      if (c >= 'A' && c <= 'F') return c - 'A' + 10;
      return -1;
    };
    const int high = nibble(text[i]), low = i + 1 < text.size() ? nibble(text[i + 1]) : -1;
    if (high < 0 || low < 0) return std::nullopt;
    out[byte++] = static_cast<uint8_t>((high << 4) | low);
    i += 2;
  }
  return out;
}

void append_message_path(Bytes& out, const MessagePath& path) {
  if (path.size() == 1 && path[0] == 0) {
    out.push_back(0);
    return;
  }
  append_zigzag(out, static_cast<int32_t>(path.size()));
  for (int32_t index : path) append_zigzag(out, index);
}

SerdeResult<FramedMessage> read_header(ByteView message) {
  if (message.empty()) return serde_error(ErrorKind::ShortBuffer, "empty message: expected a 5-byte schema header");
  if (message[0] == kGuidMagicByte) {
    if (message.size() < kGuidHeaderSize)
      return serde_error(ErrorKind::ShortBuffer, "message of " + std::to_string(message.size()) +
                                                     " bytes is shorter than the 17-byte schema GUID header");
    Guid guid{};
    std::copy(message.begin() + 1, message.begin() + kGuidHeaderSize, guid.begin());
    return FramedMessage{SchemaId{0}, guid, message.subspan(kGuidHeaderSize)};
  }
  if (message[0] != kMagicByte)
    return serde_error(ErrorKind::BadMagicByte, "unknown magic byte " + std::to_string(message[0]) +
                                                    ": not written by a schema-registry serializer");
  if (message.size() < kHeaderSize)
    return serde_error(ErrorKind::ShortBuffer, "message of " + std::to_string(message.size()) +
                                                   " bytes is shorter than the 5-byte schema header");
  const uint32_t id = (uint32_t{message[1]} << 24) | (uint32_t{message[2]} << 16) | (uint32_t{message[3]} << 8) |
                      uint32_t{message[4]};
  return FramedMessage{static_cast<SchemaId>(id), std::nullopt, message.subspan(kHeaderSize)};
}

SerdeResult<PathAndPayload> read_message_path(ByteView rest) {
  google::protobuf::io::CodedInputStream input(rest.data(), static_cast<int>(rest.size()));
  auto read_int = [&input](int32_t& value) {
    uint32_t raw = 0;
    if (!input.ReadVarint32(&raw)) return false;
    value = WireFormatLite::ZigZagDecode32(raw);
    return true;
  };
  int32_t count = 0;
  if (!read_int(count))
    return serde_error(ErrorKind::MalformedMessageIndex, "message-index count missing or truncated");
  // Every index takes at least one byte, which bounds the count by what is left.
  if (count < 0 || static_cast<size_t>(count) > rest.size())
    return serde_error(ErrorKind::MalformedMessageIndex, "message-index count " + std::to_string(count) +
                                                             " is impossible for a " + std::to_string(rest.size()) +
                                                             "-byte buffer");
  MessagePath path;
  if (count == 0) path.push_back(0);
  for (int32_t i = 0; i < count; ++i) {
    int32_t index = 0;
    if (!read_int(index))
      return serde_error(ErrorKind::MalformedMessageIndex,
                         "message index " + std::to_string(i) + " of " + std::to_string(count) + " is truncated");
    if (index < 0)
      return serde_error(ErrorKind::MalformedMessageIndex, "negative message index " + std::to_string(index));
    path.push_back(index);
  }
  return PathAndPayload{std::move(path), rest.subspan(static_cast<size_t>(input.CurrentPosition()))};
}

}  // namespace accord::serde
