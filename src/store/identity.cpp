#include <openssl/evp.h>

#include <array>

#include "accord/store/state_store.hpp"

namespace accord::store {

std::string schema_identity(const Schema& schema) {
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  EVP_DigestInit_ex(ctx, EVP_md5(), nullptr);
  auto feed = [&](std::string_view bytes) { EVP_DigestUpdate(ctx, bytes.data(), bytes.size()); };
  feed(schema.text);
  for (const auto& ref : schema.references) {
    feed(ref.name);
    feed(ref.subject);
    const auto v = static_cast<uint32_t>(ref.version);
    const std::array<char, 4> be{static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8),
                                 static_cast<char>(v)};
    feed(std::string_view(be.data(), be.size()));
  }
  if (schema.metadata) {
    feed("\x01");
    feed(*schema.metadata);
  }
  if (schema.rule_set) {
    feed("\x01");
    feed(*schema.rule_set);
  }
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  EVP_DigestFinal_ex(ctx, digest.data(), &length);
  EVP_MD_CTX_free(ctx);
  return std::string(reinterpret_cast<const char*>(digest.data()), length);
}

}  // namespace accord::store
