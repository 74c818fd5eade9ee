#include "accord/formats/guid.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <memory>
#include <nlohmann/json.hpp>

#include "md5.hpp"

namespace accord::formats {
namespace {

using detail::Md5;

using Json = nlohmann::json;  // keys sorted, as Java's SortedMap/SortedSet iterate

// Jackson coerces scalars to String; the digest sees that string.
std::string as_text(const Json& value) { return value.is_string() ? value.get<std::string>() : value.dump(); }

// A JSON array as Java's SortedSet<String>: sorted, duplicates once.
std::vector<std::string> sorted_set(const Json& array) {
  std::vector<std::string> out;
  if (array.is_array())
    for (const auto& item : array) out.push_back(as_text(item));
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

// Metadata.updateHash: tags (path -> sorted tags), properties, sensitive, each sorted.
void feed_metadata(Md5& md, const Json& metadata) {
  if (!metadata.is_object()) return;
  // 7.4 called the tags "paths"; Confluent reads either.
  const auto tags = metadata.contains("tags") ? metadata.find("tags") : metadata.find("paths");
  if (tags != metadata.end() && tags->is_object())
    for (const auto& [path, set] : tags->items()) {
      md.feed(path);
      for (const auto& tag : sorted_set(set)) md.feed(tag);
    }
  if (auto properties = metadata.find("properties"); properties != metadata.end() && properties->is_object())
    for (const auto& [key, value] : properties->items()) {
      md.feed(key);
      if (!value.is_null()) md.feed(as_text(value));
    }
  if (auto sensitive = metadata.find("sensitive"); sensitive != metadata.end())
    for (const auto& name : sorted_set(*sensitive)) md.feed(name);
}

// Rule.updateHash; kind and mode default to TRANSFORM and WRITEREAD as Rule's constructor does.
void feed_rule(Md5& md, const Json& rule) {
  if (!rule.is_object()) return;
  auto text = [&](const char* name) -> std::optional<std::string> {
    auto it = rule.find(name);
    if (it == rule.end() || it->is_null()) return std::nullopt;
    return as_text(*it);
  };
  if (auto name = text("name")) md.feed(*name);
  if (auto doc = text("doc")) md.feed(*doc);
  md.feed(text("kind").value_or("TRANSFORM"));
  md.feed(text("mode").value_or("WRITEREAD"));
  if (auto type = text("type")) md.feed(*type);
  if (auto tags = rule.find("tags"); tags != rule.end())
    for (const auto& tag : sorted_set(*tags)) md.feed(tag);
  if (auto params = rule.find("params"); params != rule.end() && params->is_object())
    for (const auto& [key, value] : params->items()) {
      md.feed(key);
      md.feed(as_text(value));
    }
  for (const char* field : {"expr", "onSuccess", "onFailure"})
    if (auto value = text(field)) md.feed(*value);
  if (auto disabled = rule.find("disabled"); disabled != rule.end() && disabled->is_boolean() && disabled->get<bool>())
    md.feed(std::string_view("\x01", 1));
}

void feed_rule_set(Md5& md, const Json& rule_set) {
  if (!rule_set.is_object()) return;
  for (const char* list : {"migrationRules", "domainRules", "encodingRules"})
    if (auto rules = rule_set.find(list); rules != rule_set.end() && rules->is_array())
      for (const auto& rule : *rules) feed_rule(md, rule);
}

Json parse_or_null(const std::string& text) {
  try {
    return Json::parse(text);
  } catch (const std::exception&) {
    return nullptr;
  }
}

}  // namespace

std::string schema_guid(const Schema& schema) {
  Md5 md;
  md.feed(schema.text);
  md.feed_references(schema.references);
  if (schema.metadata) {
    md.feed(std::string_view("\x01", 1));
    feed_metadata(md, parse_or_null(*schema.metadata));
  }
  if (schema.rule_set) {
    md.feed(std::string_view("\x01", 1));
    feed_rule_set(md, parse_or_null(*schema.rule_set));
  }
  return md.digest();
}

std::string guid_to_string(std::string_view bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (std::size_t i = 0; i < bytes.size(); ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out.push_back('-');
    const auto byte = static_cast<unsigned char>(bytes[i]);
    out.push_back(kHex[byte >> 4]);
    out.push_back(kHex[byte & 0xf]);
  }
  return out;
}

std::optional<std::string> parse_guid(std::string_view text) {
  if (text.size() != 36) return std::nullopt;
  std::string out;
  int high = -1;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (c != '-') return std::nullopt;
      continue;
    }
    int nibble = -1;
    if (c >= '0' && c <= '9') nibble = c - '0';
    else if (c >= 'a' && c <= 'f') nibble = c - 'a' + 10;
    else if (c >= 'A' && c <= 'F') nibble = c - 'A' + 10;
    if (nibble < 0) return std::nullopt;
    if (high < 0) {
      high = nibble;
    } else {
      out.push_back(static_cast<char>((high << 4) | nibble));
      high = -1;
    }
  }
  return out;
}

}  // namespace accord::formats
