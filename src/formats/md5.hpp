#pragma once
// MD5 over the bytes fed to it (private to formats/): schema identities and GUIDs.
#include <openssl/evp.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "accord/model/types.hpp"

namespace accord::formats::detail {

class Md5 {
 public:
  Md5();
  void feed(std::string_view bytes);
  // Each reference's name, subject and version (4 bytes, big-endian), in order.
  void feed_references(const std::vector<SchemaReference>& references);
  // The 16 bytes of the digest.
  std::string digest();

 private:
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx_;
};

}  // namespace accord::formats::detail
