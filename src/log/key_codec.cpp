// `_schemas` keys (shared/docs/rest-api.md §6.2).
#include <array>
#include <utility>

#include "accord/log/codec.hpp"
#include "accord/model/errors.hpp"
#include "json_field.hpp"

namespace accord::log {
namespace {

using detail::Json;

constexpr std::array<std::pair<KeyType, std::string_view>, 7> kKeyTypes{{
    {KeyType::Schema, "SCHEMA"},
    {KeyType::Config, "CONFIG"},
    {KeyType::Mode, "MODE"},
    {KeyType::DeleteSubject, "DELETE_SUBJECT"},
    {KeyType::ClearSubject, "CLEAR_SUBJECT"},
    {KeyType::Noop, "NOOP"},
    {KeyType::Context, "CONTEXT"},
}};

std::string_view name_of(KeyType type) {
  for (const auto& [t, name] : kKeyTypes) {
    if (t == type) return name;
  }
  return {};
}

KeyType type_of(std::string_view name) {
  for (const auto& [t, n] : kKeyTypes) {
    if (n == name) return t;
  }
  return KeyType::Unknown;
}

Error bad_key(std::string_view bytes, std::string_view why) {
  return errors::store_error("Unparsable _schemas key (" + std::string(why) + "): " + std::string(bytes));
}

Key make_key(KeyType type, std::optional<std::string> subject, int magic) {
  Key key;
  key.type = type;
  key.keytype = std::string(name_of(type));
  key.subject = std::move(subject);
  key.magic = magic;
  return key;
}

}  // namespace

std::string encode_key(const Key& key) {
  // Field order is the byte identity compaction works on: keytype, subject, version, magic
  // (tenant, context for CONTEXT keys). Absent fields are omitted (NON_EMPTY).
  Json json = Json::object();
  json["keytype"] = key.type == KeyType::Unknown ? key.keytype : std::string(name_of(key.type));
  if (key.type == KeyType::Context) {
    if (key.tenant) json["tenant"] = *key.tenant;
    if (key.context) json["context"] = *key.context;
  }
  if (key.subject && !key.subject->empty()) json["subject"] = *key.subject;
  if (key.version) json["version"] = *key.version;
  json["magic"] = key.magic;
  return detail::dump(json);
}

Result<Key> decode_key(std::string_view bytes) {
  const Json json = detail::parse(bytes);
  if (json.is_discarded() || !json.is_object()) return bad_key(bytes, "not a JSON object");
  const auto keytype = detail::string_field(json, "keytype");
  if (!keytype.value) return bad_key(bytes, "no keytype");
  const auto subject = detail::string_field(json, "subject");
  const auto version = detail::int32_field(json, "version");
  const auto magic = detail::int32_field(json, "magic");
  if (subject.bad || version.bad || magic.bad) return bad_key(bytes, "field of the wrong type");

  Key key;
  key.keytype = *keytype.value;
  key.type = type_of(key.keytype);
  key.subject = subject.value;
  // NON_EMPTY: an empty subject is written as no subject, so it reads as none (otherwise a
  // SCHEMA key with "subject":"" would decode but its canonical bytes would not).
  if (key.subject && key.subject->empty()) key.subject.reset();
  if (version.value) key.version = VersionNumber{*version.value};
  key.magic = magic.value.value_or(0);
  switch (key.type) {
    case KeyType::Schema:
      if (key.magic != 0 && key.magic != 1) return bad_key(bytes, "SCHEMA key magic must be 0 or 1");
      if (!key.subject || !key.version) return bad_key(bytes, "SCHEMA key needs subject and version");
      break;
    case KeyType::DeleteSubject:
    case KeyType::ClearSubject:
      if (!key.subject) return bad_key(bytes, key.keytype + " key needs a subject");
      break;
    case KeyType::Context: {
      const auto tenant = detail::string_field(json, "tenant");
      const auto context = detail::string_field(json, "context");
      if (tenant.bad || context.bad) return bad_key(bytes, "field of the wrong type");
      key.tenant = tenant.value;
      key.context = context.value;
      break;
    }
    default:
      break;
  }
  return key;
}

std::string logical_key(const Key& key) {
  // The canonical bytes with the magic every writer agrees on, so old magic-0 SCHEMA keys,
  // reordered fields, extra fields and `"subject":null` all land on the same identity.
  Key canonical = key;
  if (canonical.type == KeyType::Schema) canonical.magic = 1;
  if (canonical.type != KeyType::Schema && canonical.type != KeyType::Unknown) canonical.magic = 0;
  if (canonical.type != KeyType::Schema && canonical.type != KeyType::Unknown) canonical.version.reset();
  return encode_key(canonical);
}

Key schema_key(std::string_view subject, VersionNumber version) {
  Key key = make_key(KeyType::Schema, std::string(subject), 1);
  key.version = version;
  return key;
}
Key config_key(std::optional<std::string> subject) { return make_key(KeyType::Config, std::move(subject), 0); }
Key mode_key(std::optional<std::string> subject) { return make_key(KeyType::Mode, std::move(subject), 0); }
Key delete_subject_key(std::string_view subject) {
  return make_key(KeyType::DeleteSubject, std::string(subject), 0);
}
Key clear_subject_key(std::string_view subject) {
  return make_key(KeyType::ClearSubject, std::string(subject), 0);
}
Key noop_key() { return make_key(KeyType::Noop, std::nullopt, 0); }
Key context_key(std::string_view context) {
  Key key = make_key(KeyType::Context, std::nullopt, 0);
  key.tenant = std::string(kDefaultTenant);
  key.context = std::string(context);
  return key;
}

}  // namespace accord::log
