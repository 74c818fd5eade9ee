#include "md5.hpp"

#include <array>
#include <cstdint>

namespace accord::formats::detail {
namespace {

// Fetched once: with EVP_md5(), every EVP_DigestInit_ex looks the algorithm up in OpenSSL's
// providers again, a fifth of the time of a 600-byte digest, and a rebuild takes two per
// schema.
const EVP_MD* md5_algorithm() {
  static EVP_MD* const fetched = EVP_MD_fetch(nullptr, "MD5", nullptr);
  return fetched ? fetched : EVP_md5();
}

}  // namespace

Md5::Md5() : ctx_(EVP_MD_CTX_new(), EVP_MD_CTX_free) { EVP_DigestInit_ex(ctx_.get(), md5_algorithm(), nullptr); }

void Md5::feed(std::string_view bytes) { EVP_DigestUpdate(ctx_.get(), bytes.data(), bytes.size()); }

void Md5::feed_references(const std::vector<SchemaReference>& references) {
  for (const auto& ref : references) {
    feed(ref.name);
    feed(ref.subject);
    const auto v = static_cast<uint32_t>(ref.version);
    const std::array<char, 4> be{static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8),
                                 static_cast<char>(v)};
    feed(std::string_view(be.data(), be.size()));
  }
}

std::string Md5::digest() {
  std::array<unsigned char, EVP_MAX_MD_SIZE> out{};
  unsigned int length = 0;
  EVP_DigestFinal_ex(ctx_.get(), out.data(), &length);
  return std::string(reinterpret_cast<const char*>(out.data()), length);
}

}  // namespace accord::formats::detail
