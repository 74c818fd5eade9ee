// What the catalog knows of a schema: the governance fields of its metadata.properties
// (docs/serde.md) and the words a search matches (names, field names, doc strings).
#include "catalog_describe.hpp"

#include <nlohmann/json.hpp>

#include <set>

namespace accord::store {

namespace {

using Json = nlohmann::json;

std::vector<std::string> split_list(const std::string& list) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= list.size()) {
    std::size_t comma = list.find(',', start);
    if (comma == std::string::npos) comma = list.size();
    std::string item = list.substr(start, comma - start);
    item.erase(0, item.find_first_not_of(' '));
    item.erase(item.find_last_not_of(' ') + 1);
    if (!item.empty()) out.push_back(std::move(item));
    start = comma + 1;
  }
  return out;
}

void add_words(std::vector<std::string>& words, std::string_view text) {
  for (auto& w : catalog_words(text)) words.push_back(std::move(w));
}

// Avro and JSON Schema are JSON: the names, docs, titles and property names are words.
void json_words(const Json& node, std::vector<std::string>& words, int depth) {
  if (depth > 64) return;
  if (node.is_array()) {
    for (const auto& item : node) json_words(item, words, depth + 1);
    return;
  }
  if (!node.is_object()) return;
  for (const auto& [key, value] : node.items()) {
    if (value.is_string() && (key == "name" || key == "doc" || key == "title" || key == "description" ||
                              key == "namespace" || key == "aliases"))
      add_words(words, value.get_ref<const std::string&>());
    if (key == "symbols" || key == "aliases" || key == "enum") {
      if (value.is_array())
        for (const auto& s : value)
          if (s.is_string()) add_words(words, s.get_ref<const std::string&>());
    }
    if ((key == "properties" || key == "definitions" || key == "$defs" || key == "patternProperties") &&
        value.is_object())
      for (const auto& [name, sub] : value.items()) {
        add_words(words, name);
        json_words(sub, words, depth + 1);
      }
    else if (value.is_object() || value.is_array())
      json_words(value, words, depth + 1);
  }
}

// Protobuf: every identifier and comment word, less the language's own keywords.
void proto_words(const std::string& text, std::vector<std::string>& words) {
  static const std::set<std::string> keywords = {
      "syntax", "proto2", "proto3", "package", "import", "public", "weak", "option", "message", "enum",
      "service", "rpc", "returns", "stream", "repeated", "optional", "required", "map", "oneof", "reserved",
      "extensions", "extend", "to", "max", "true", "false", "double", "float", "int32", "int64", "uint32",
      "uint64", "sint32", "sint64", "fixed32", "fixed64", "sfixed32", "sfixed64", "bool", "string", "bytes",
      "google", "protobuf", "edition"};
  for (auto& w : catalog_words(text))
    if (!keywords.count(w) && !(w[0] >= '0' && w[0] <= '9')) words.push_back(std::move(w));
}

}  // namespace

void CatalogDescription::fill(CatalogEntry& entry) const {
  entry.type = type;
  entry.owner = owner;
  entry.description = description;
  entry.producers = producers;
  entry.consumers = consumers;
  entry.properties = properties;
}

std::string CatalogDescriptions::key(std::string_view context, SchemaId id) {
  std::string out(context);
  out.push_back('\0');
  out += std::to_string(id);
  return out;
}

void CatalogDescriptions::put(std::string key, const CatalogDescription& description) {
  const std::size_t cost = 256 + key.size() + description.words->bytes();
  known_.put(std::move(key), description, cost);
}

CatalogDescription describe_for_catalog(const Schema& schema) {
  CatalogDescription out;
  std::vector<std::string> words;
  out.type = schema.type;
  if (schema.metadata) {
    auto metadata = Json::parse(*schema.metadata, nullptr, false);
    if (metadata.is_object() && metadata.contains("properties") && metadata["properties"].is_object())
      for (const auto& [key, value] : metadata["properties"].items()) {
        if (!value.is_string()) continue;
        const auto& text = value.get_ref<const std::string&>();
        out.properties[key] = text;
        add_words(words, key);
        add_words(words, text);
      }
  }
  auto property = [&](const char* key) {
    auto it = out.properties.find(key);
    return it == out.properties.end() ? std::string() : it->second;
  };
  out.owner = property("owner");
  out.description = property("description");
  out.producers = split_list(property("producers"));
  out.consumers = split_list(property("consumers"));
  if (schema.type == SchemaType::Protobuf) {
    proto_words(schema.text, words);
  } else {
    auto doc = Json::parse(schema.text, nullptr, false);
    if (doc.is_string()) add_words(words, doc.get_ref<const std::string&>());  // a primitive Avro type
    else if (!doc.is_discarded()) json_words(doc, words, 0);
  }
  for (const auto& ref : schema.references) add_words(words, ref.name);
  out.words = catalog_word_set(std::move(words));
  return out;
}

}  // namespace accord::store
