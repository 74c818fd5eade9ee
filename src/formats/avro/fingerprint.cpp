#include <array>
#include <cstdint>
#include <string_view>

#include "accord/formats/avro.hpp"

namespace accord::formats {
namespace {

constexpr uint64_t kEmpty = 0xc15d213aa4d7a795ULL;  // the spec's CRC-64-AVRO seed

constexpr std::array<uint64_t, 256> make_table() {
  std::array<uint64_t, 256> table{};
  for (uint64_t i = 0; i < 256; ++i) {
    uint64_t fp = i;
    for (int j = 0; j < 8; ++j) fp = (fp >> 1) ^ (kEmpty & (0 - (fp & 1)));
    table[i] = fp;
  }
  return table;
}

constexpr auto kTable = make_table();

}  // namespace

uint64_t avro_rabin_fingerprint(std::string_view bytes) {
  uint64_t fp = kEmpty;
  for (unsigned char b : bytes) fp = (fp >> 8) ^ kTable[(fp ^ b) & 0xff];
  return fp;
}

}  // namespace accord::formats
