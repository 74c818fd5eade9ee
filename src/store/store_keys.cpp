#include "store_keys.hpp"

#include <cstring>

#include "accord/model/errors.hpp"

namespace accord::store::keys {
namespace {

void put_u64(std::string& out, uint64_t v) {
  for (int i = 7; i >= 0; --i) out.push_back(static_cast<char>(v >> (i * 8)));
}

bool get_u64(std::string_view& in, uint64_t& v) {
  if (in.size() < 8) return false;
  v = 0;
  for (int i = 0; i < 8; ++i) v = (v << 8) | static_cast<unsigned char>(in[i]);
  in.remove_prefix(8);
  return true;
}

}  // namespace

std::string encode_persisted(const PersistedRecord& record) {
  std::string out;
  put_u64(out, record.key_variants.size());
  for (const auto& key : record.key_variants) {
    put_u64(out, key.size());
    out += key;
  }
  put_u64(out, static_cast<uint64_t>(record.timestamp_ms));
  out += record.value;
  return out;
}

Result<PersistedRecord> decode_persisted(std::string_view in) {
  PersistedRecord record;
  uint64_t count = 0;
  if (!get_u64(in, count) || count == 0 || count > 1024) return errors::store_error("corrupt store entry");
  for (uint64_t i = 0; i < count; ++i) {
    uint64_t size = 0;
    if (!get_u64(in, size) || in.size() < size) return errors::store_error("corrupt store entry");
    record.key_variants.emplace_back(in.substr(0, size));
    in.remove_prefix(size);
  }
  uint64_t ts = 0;
  if (!get_u64(in, ts)) return errors::store_error("corrupt store entry");
  record.timestamp_ms = static_cast<int64_t>(ts);
  record.value = std::string(in);
  return record;
}

}  // namespace accord::store::keys
