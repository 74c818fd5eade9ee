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

void put_bytes(std::string& out, std::string_view bytes) {
  put_u64(out, bytes.size());
  out += bytes;
}

bool get_bytes(std::string_view& in, std::string& out) {
  uint64_t size = 0;
  if (!get_u64(in, size) || in.size() < size) return false;
  out.assign(in.substr(0, size));
  in.remove_prefix(size);
  return true;
}

bool get_int(std::string_view& in, int& out) {
  uint64_t v = 0;
  if (!get_u64(in, v)) return false;
  out = static_cast<int>(static_cast<int64_t>(v));
  return true;
}

void put_optional(std::string& out, const std::optional<std::string>& text) {
  out.push_back(text ? 1 : 0);
  if (text) put_bytes(out, *text);
}

bool get_optional(std::string_view& in, std::optional<std::string>& out) {
  if (in.empty()) return false;
  const bool present = in.front() == 1;
  in.remove_prefix(1);
  if (!present) return true;
  out.emplace();
  return get_bytes(in, *out);
}

void put_schema(std::string& out, const DecodedSchema& decoded) {
  const auto& v = decoded.value;
  put_bytes(out, v.subject);
  put_u64(out, static_cast<uint64_t>(static_cast<int64_t>(v.version)));
  put_u64(out, static_cast<uint64_t>(static_cast<int64_t>(v.id)));
  out.push_back(v.deleted ? 1 : 0);
  out.push_back(static_cast<char>(v.schema.type));
  put_bytes(out, v.schema.text);
  put_u64(out, v.schema.references.size());
  for (const auto& ref : v.schema.references) {
    put_bytes(out, ref.name);
    put_bytes(out, ref.subject);
    put_u64(out, static_cast<uint64_t>(static_cast<int64_t>(ref.version)));
  }
  put_optional(out, v.schema.metadata);
  put_optional(out, v.schema.rule_set);
  put_bytes(out, decoded.identity);
  put_bytes(out, decoded.guid);
}

bool get_schema(std::string_view& in, DecodedSchema& decoded) {
  auto& v = decoded.value;
  if (!get_bytes(in, v.subject) || !get_int(in, v.version) || !get_int(in, v.id) || in.size() < 2) return false;
  if (in[1] > static_cast<char>(SchemaType::Protobuf)) return false;
  v.deleted = in[0] == 1;
  v.schema.type = static_cast<SchemaType>(in[1]);
  in.remove_prefix(2);
  uint64_t references = 0;
  if (!get_bytes(in, v.schema.text) || !get_u64(in, references) || references > in.size()) return false;
  v.schema.references.resize(references);
  for (auto& ref : v.schema.references)
    if (!get_bytes(in, ref.name) || !get_bytes(in, ref.subject) || !get_int(in, ref.version)) return false;
  if (!get_optional(in, v.schema.metadata) || !get_optional(in, v.schema.rule_set) || !get_bytes(in, decoded.identity))
    return false;
  return in.empty() || get_bytes(in, decoded.guid);  // absent in entries written before GUIDs
}

// Entries start with this byte; the first format (no marker) starts with the big-endian
// key count, whose first byte is 0, and is still read.
constexpr char kFormatWithLengths = 2;

}  // namespace

std::string encode_persisted(const PersistedRecord& record) {
  std::string out;
  out.push_back(kFormatWithLengths);
  put_u64(out, record.key_variants.size());
  for (const auto& key : record.key_variants) put_bytes(out, key);
  put_u64(out, static_cast<uint64_t>(record.timestamp_ms));
  put_bytes(out, record.value);
  out.push_back(record.schema ? 1 : 0);
  if (record.schema) put_schema(out, *record.schema);
  return out;
}

Result<PersistedRecord> decode_persisted(std::string_view in) {
  PersistedRecord record;
  const bool with_lengths = !in.empty() && in.front() == kFormatWithLengths;
  if (with_lengths) in.remove_prefix(1);
  uint64_t count = 0;
  if (!get_u64(in, count) || count == 0 || count > 1024) return errors::store_error("corrupt store entry");
  record.key_variants.resize(count);
  for (auto& key : record.key_variants)
    if (!get_bytes(in, key)) return errors::store_error("corrupt store entry");
  uint64_t ts = 0;
  if (!get_u64(in, ts)) return errors::store_error("corrupt store entry");
  record.timestamp_ms = static_cast<int64_t>(ts);
  if (!with_lengths) {
    record.value = std::string(in);
    return record;
  }
  if (!get_bytes(in, record.value) || in.empty()) return errors::store_error("corrupt store entry");
  const bool has_schema = in.front() == 1;
  in.remove_prefix(1);
  if (has_schema) {
    record.schema.emplace();
    if (!get_schema(in, *record.schema) || !in.empty()) return errors::store_error("corrupt store entry");
  }
  return record;
}

}  // namespace accord::store::keys
