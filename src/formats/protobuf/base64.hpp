#pragma once
// Base64 (standard alphabet, padded) through OpenSSL, for serialized FileDescriptorProtos.
#include <optional>
#include <string>
#include <string_view>

namespace accord::formats::protobuf {

std::string base64_encode(std::string_view bytes);
// nullopt when `text` is not well-formed padded base64.
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace accord::formats::protobuf
