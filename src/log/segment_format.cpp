#include "segment_format.hpp"

#include <cstring>

#include <zlib.h>

namespace accord::log::segment {
namespace {

template <class T>
void put(std::string& out, T value) {
  using U = std::make_unsigned_t<T>;
  auto u = static_cast<U>(value);
  for (std::size_t i = 0; i < sizeof(T); ++i) {
    out.push_back(static_cast<char>(u & 0xff));
    u = static_cast<U>(u >> 8);
  }
}

template <class T>
T get(const char* p) {
  using U = std::make_unsigned_t<T>;
  U u = 0;
  for (std::size_t i = sizeof(T); i-- > 0;) u = static_cast<U>((u << 8) | static_cast<unsigned char>(p[i]));
  return static_cast<T>(u);
}

void put_bytes(std::string& out, const std::optional<std::string>& bytes) {
  if (!bytes) {
    put<int32_t>(out, -1);
    return;
  }
  put<int32_t>(out, static_cast<int32_t>(bytes->size()));
  out += *bytes;
}

uint32_t crc_of(std::string_view body) {
  return static_cast<uint32_t>(
      crc32(0L, reinterpret_cast<const Bytef*>(body.data()), static_cast<uInt>(body.size())));
}

// Sequential reader over a body that check_frame already validated.
struct Cursor {
  const char* p;
  template <class T>
  T take() {
    T v = get<T>(p);
    p += sizeof(T);
    return v;
  }
  std::string take_string(std::size_t n) {
    std::string s(p, n);
    p += n;
    return s;
  }
  std::optional<std::string> take_nullable() {
    const auto n = take<int32_t>();
    if (n < 0) return std::nullopt;
    return take_string(static_cast<std::size_t>(n));
  }
};

}  // namespace

void append_frame(std::string& out, const StoredRecord& record) {
  const std::size_t start = out.size();
  out.append(kFrameHeaderSize, '\0');
  put<int64_t>(out, record.offset);
  put<int64_t>(out, record.timestamp_ms);
  put_bytes(out, record.record.key);
  put_bytes(out, record.record.value);
  put<uint32_t>(out, static_cast<uint32_t>(record.record.headers.size()));
  for (const auto& [name, value] : record.record.headers) {
    put<uint32_t>(out, static_cast<uint32_t>(name.size()));
    out += name;
    put<uint32_t>(out, static_cast<uint32_t>(value.size()));
    out += value;
  }
  const std::string_view body(out.data() + start + kFrameHeaderSize, out.size() - start - kFrameHeaderSize);
  std::string header;
  put<uint32_t>(header, static_cast<uint32_t>(body.size()));
  put<uint32_t>(header, crc_of(body));
  std::memcpy(out.data() + start, header.data(), kFrameHeaderSize);
}

namespace {

// The smallest body: offset, timestamp, two null lengths, header count.
bool possible_body_length(uint32_t length) { return length >= 8 + 8 + 4 + 4 + 4 && length <= kMaxBodySize; }

}  // namespace

FrameView peek_frame(std::string_view bytes) {
  if (bytes.size() < kPeekSize) return {};
  const auto length = get<uint32_t>(bytes.data());
  if (!possible_body_length(length)) return {FrameStatus::Corrupt};
  return {FrameStatus::Ok, kFrameHeaderSize + length, Offset{get<int64_t>(bytes.data() + kFrameHeaderSize)}};
}

FrameView check_frame(std::string_view bytes) {
  if (bytes.size() < kFrameHeaderSize) return {};
  const auto length = get<uint32_t>(bytes.data());
  const auto crc = get<uint32_t>(bytes.data() + 4);
  if (!possible_body_length(length)) return {FrameStatus::Corrupt};
  if (bytes.size() - kFrameHeaderSize < length) return {};
  const std::string_view body = bytes.substr(kFrameHeaderSize, length);
  if (crc_of(body) != crc) return {FrameStatus::Corrupt};
  return {FrameStatus::Ok, kFrameHeaderSize + length, Offset{get<int64_t>(body.data())}};
}

StoredRecord decode_frame(std::string_view frame) {
  Cursor c{frame.data() + kFrameHeaderSize};
  StoredRecord record;
  record.offset = Offset{c.take<int64_t>()};
  record.timestamp_ms = c.take<int64_t>();
  record.record.key = c.take_nullable();
  record.record.value = c.take_nullable();
  const auto headers = c.take<uint32_t>();
  for (uint32_t i = 0; i < headers; ++i) {
    std::string name = c.take_string(c.take<uint32_t>());
    std::string value = c.take_string(c.take<uint32_t>());
    record.record.headers.emplace_back(std::move(name), std::move(value));
  }
  return record;
}

}  // namespace accord::log::segment
