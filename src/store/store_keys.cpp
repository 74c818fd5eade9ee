#include "store_keys.hpp"

namespace accord::store::keys {
namespace {

void put_text(std::string& out, std::string_view text) {
  for (char c : text) {
    out.push_back(c);
    if (c == '\0') out.push_back('\xff');
  }
  out.push_back('\0');
  out.push_back('\0');
}

void put_number(std::string& out, int32_t n) {
  const auto v = static_cast<uint32_t>(n);
  for (int i = 3; i >= 0; --i) out.push_back(static_cast<char>(v >> (i * 8)));
}

void put_part(std::string& out, std::string_view text) { put_text(out, text); }
void put_part(std::string& out, int32_t number) { put_number(out, number); }

// A key of the family: its parts one after the other, texts escaped, numbers big-endian.
template <class... Parts>
std::string compose(char family, Parts... parts) {
  std::string out(1, family);
  (put_part(out, parts), ...);
  return out;
}

// Values: lengths and numbers as 8 bytes big-endian.
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

bool get_int(std::string_view& in, int32_t& out) {
  uint64_t v = 0;
  if (!get_u64(in, v)) return false;
  out = static_cast<int32_t>(static_cast<int64_t>(v));
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

}  // namespace

std::string max_id_key(std::string_view context) {
  return context == kDefaultContext ? std::string(kMaxId) : std::string(kMaxId) + std::string(context);
}

std::string version_prefix(std::string_view subject) { return compose('v', subject); }
std::string version_key(std::string_view subject, VersionNumber version) { return compose('v', subject, version); }
std::string schema_key(std::string_view context, SchemaId id) { return compose('s', context, id); }
std::string user_prefix(std::string_view context, SchemaId id) { return compose('u', context, id); }
std::string user_key(std::string_view context, SchemaId id, std::string_view subject, VersionNumber version) {
  return compose('u', context, id, subject, version);
}
std::string identity_key(std::string_view context, std::string_view identity) {
  return compose('h', context, identity);
}
std::string guid_prefix(std::string_view context, std::string_view guid) { return compose('g', context, guid); }
std::string guid_key(std::string_view context, std::string_view guid, SchemaId id) {
  return compose('g', context, guid, id);
}
std::string referrer_prefix(std::string_view subject, VersionNumber version) {
  return compose('r', subject, version);
}
std::string referrer_key(std::string_view subject, VersionNumber version, std::string_view context, SchemaId id) {
  return compose('r', subject, version, context, id);
}
std::string config_key(const std::optional<std::string>& subject) {
  return subject ? compose('C', std::string_view(*subject)) : compose('C');
}
std::string alias_key(std::string_view subject) { return compose('a', subject); }
std::string mode_key(const std::optional<std::string>& subject) {
  return subject ? compose('M', std::string_view(*subject)) : compose('M');
}
std::string context_key(std::string_view context) { return compose(kContexts.front(), context); }
std::string variants_key(std::string_view logical) { return 'k' + std::string(logical); }

std::optional<std::string> KeyReader::text() {
  std::string out;
  for (std::size_t i = 0; i + 1 < rest_.size(); ++i) {
    if (rest_[i] != '\0') {
      out.push_back(rest_[i]);
      continue;
    }
    if (rest_[i + 1] == '\0') {
      rest_.remove_prefix(i + 2);
      return out;
    }
    out.push_back('\0');
    ++i;  // the 0xff after an escaped 0x00
  }
  return std::nullopt;
}

std::optional<int32_t> KeyReader::number() {
  if (rest_.size() < 4) return std::nullopt;
  uint32_t v = 0;
  for (int i = 0; i < 4; ++i) v = (v << 8) | static_cast<unsigned char>(rest_[i]);
  rest_.remove_prefix(4);
  return static_cast<int32_t>(v);
}

std::optional<SchemaId> KeyReader::id() {
  auto n = number();
  return n ? std::optional(SchemaId{*n}) : std::nullopt;
}

std::optional<VersionNumber> KeyReader::version() {
  auto n = number();
  return n ? std::optional(VersionNumber{*n}) : std::nullopt;
}

std::string encode_version(const VersionEntry& entry) {
  std::string out;
  put_u64(out, static_cast<uint64_t>(static_cast<int64_t>(entry.id)));
  put_u64(out, static_cast<uint64_t>(entry.timestamp_ms));
  out.push_back(entry.deleted ? 1 : 0);
  return out;
}

std::optional<VersionEntry> decode_version(std::string_view in) {
  VersionEntry entry;
  int32_t id = 0;
  uint64_t ts = 0;
  if (!get_int(in, id) || !get_u64(in, ts) || in.size() != 1) return std::nullopt;
  entry.id = SchemaId{id};
  entry.timestamp_ms = static_cast<int64_t>(ts);
  entry.deleted = in.front() == 1;
  return entry;
}

std::string encode_schema(const SchemaEntry& entry) {
  const auto& schema = entry.schema;
  std::string out;
  out.reserve(schema.text.size() + entry.identity.size() + entry.guid.size() + 64);
  out.push_back(static_cast<char>(schema.type));
  put_bytes(out, schema.text);
  put_u64(out, schema.references.size());
  for (const auto& ref : schema.references) {
    put_bytes(out, ref.name);
    put_bytes(out, ref.subject);
    put_u64(out, static_cast<uint64_t>(static_cast<int64_t>(ref.version)));
  }
  put_optional(out, schema.metadata);
  put_optional(out, schema.rule_set);
  put_bytes(out, entry.identity);
  put_bytes(out, entry.guid);
  return out;
}

std::optional<SchemaEntry> decode_schema(std::string_view in) {
  SchemaEntry entry;
  auto& schema = entry.schema;
  if (in.empty() || in.front() > static_cast<char>(SchemaType::Protobuf)) return std::nullopt;
  schema.type = static_cast<SchemaType>(in.front());
  in.remove_prefix(1);
  uint64_t references = 0;
  if (!get_bytes(in, schema.text) || !get_u64(in, references) || references > in.size()) return std::nullopt;
  schema.references.resize(references);
  for (auto& ref : schema.references) {
    int32_t version = 0;
    if (!get_bytes(in, ref.name) || !get_bytes(in, ref.subject) || !get_int(in, version)) return std::nullopt;
    ref.version = VersionNumber{version};
  }
  if (!get_optional(in, schema.metadata) || !get_optional(in, schema.rule_set) || !get_bytes(in, entry.identity) ||
      !get_bytes(in, entry.guid) || !in.empty())
    return std::nullopt;
  return entry;
}

std::string encode_variants(const std::vector<std::string>& variants) {
  std::string out;
  put_u64(out, variants.size());
  for (const auto& v : variants) put_bytes(out, v);
  return out;
}

std::optional<std::vector<std::string>> decode_variants(std::string_view in) {
  uint64_t count = 0;
  if (!get_u64(in, count) || count > in.size()) return std::nullopt;
  std::vector<std::string> out(count);
  for (auto& v : out)
    if (!get_bytes(in, v)) return std::nullopt;
  if (!in.empty()) return std::nullopt;
  return out;
}

}  // namespace accord::store::keys
