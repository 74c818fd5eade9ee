#pragma once
#include <string_view>

namespace accord::detail {

// Whether every byte is below 0x80: such text cannot be ill-formed UTF-8, so a JSON reader
// may skip checking its encoding (most of the reader's time on a string).
bool is_ascii(std::string_view text);

}  // namespace accord::detail
