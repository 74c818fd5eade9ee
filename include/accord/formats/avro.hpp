#pragma once
#include <memory>

#include "accord/formats/format.hpp"

namespace accord::formats {
std::unique_ptr<Format> make_avro_format();
}  // namespace accord::formats
