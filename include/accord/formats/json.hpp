#pragma once
#include <memory>

#include "accord/formats/format.hpp"

namespace accord::formats {
std::unique_ptr<Format> make_json_format();
}  // namespace accord::formats
