#pragma once
// Byte layout of the embedded log file (docs/log.md): a file header, then one frame per
// record: u32 body length, u32 CRC32 of the body, body. All integers little-endian.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "accord/log/record.hpp"

namespace accord::log::segment {

inline constexpr std::string_view kFileHeader = "ACCORDLOG1\n";
inline constexpr std::size_t kFrameHeaderSize = 8;
// Larger than any record a registry writes; a bigger length can only be garbage.
inline constexpr uint32_t kMaxBodySize = 256u << 20;

// Appends the frame of one record to `out`.
void append_frame(std::string& out, const StoredRecord& record);

enum class FrameStatus { Ok, Incomplete, Corrupt };

struct FrameView {
  FrameStatus status = FrameStatus::Incomplete;
  std::size_t size = 0;  // whole frame, header included (Ok only)
  Offset offset{0};  // Ok only
};

// Checks the frame at the start of `bytes` (length, checksum) without decoding the record.
FrameView check_frame(std::string_view bytes);

// The length and offset of the frame starting `bytes` (at least kPeekSize of them), read
// from its header and the start of its body, checksum unchecked: where the next frame is,
// and whether an index's mark points at the frame it names.
inline constexpr std::size_t kPeekSize = kFrameHeaderSize + 8;
FrameView peek_frame(std::string_view bytes);

// Decodes a frame that check_frame accepted.
StoredRecord decode_frame(std::string_view frame);

}  // namespace accord::log::segment
