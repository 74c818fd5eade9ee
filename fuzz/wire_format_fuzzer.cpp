// libFuzzer target: the serde wire-format decoder (magic byte, 4-byte schema id, Protobuf
// message-index path). What decodes must encode back to the same bytes, except the one
// shortcut the format allows (an explicit path [0] reads like the single byte 0).
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>

#include "accord/serde/wire_format.hpp"
#include "fuzz_support.hpp"

namespace {

using namespace accord::serde;

std::string hex(ByteView bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (uint8_t b : bytes) {
    out += kDigits[b >> 4];
    out += kDigits[b & 15];
    out += ' ';
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const ByteView message(data, size);

  // The index path alone, as a deserializer meets it after the header.
  if (auto path = read_message_path(message); path.ok()) {
    FUZZ_CHECK(!path->path.empty(), "empty message path from " + hex(message));
    FUZZ_CHECK(path->payload.data() >= message.data() &&
                   path->payload.data() + path->payload.size() == message.data() + message.size(),
               "payload is not a suffix of the input " + hex(message));
    for (int32_t index : path->path) FUZZ_CHECK(index >= 0, "negative index from " + hex(message));
    Bytes encoded;
    append_message_path(encoded, path->path);
    auto reread = read_message_path(ByteView(encoded));
    FUZZ_CHECK(reread.ok() && reread->path == path->path && reread->payload.empty(),
               "path does not round-trip: " + hex(message) + " -> " + hex(ByteView(encoded)));
  }

  // Two framings: magic 0 + 4-byte id, or magic 1 + 16-byte GUID.
  const bool id_framed = size >= kHeaderSize && data[0] == kMagicByte;
  const bool guid_framed = size >= kGuidHeaderSize && data[0] == kGuidMagicByte;
  auto framed = read_header(message);
  if (!framed.ok()) {
    FUZZ_CHECK(!id_framed && !guid_framed, "valid header refused: " + hex(message));
    return 0;
  }
  FUZZ_CHECK(id_framed || guid_framed, "invalid header accepted: " + hex(message));
  const size_t header_size = guid_framed ? kGuidHeaderSize : kHeaderSize;
  FUZZ_CHECK(framed->rest.size() == size - header_size, "rest is not the bytes after the header");
  FUZZ_CHECK(framed->guid.has_value() == guid_framed, "GUID set for the wrong framing: " + hex(message));
  Bytes header;
  if (framed->guid) append_guid_header(header, *framed->guid);
  else append_header(header, framed->schema_id);
  FUZZ_CHECK(header.size() == header_size && std::equal(header.begin(), header.end(), data),
             "header does not round-trip: " + hex(message));
  (void)read_message_path(framed->rest);
  return 0;
}
