// Outlines of Avro and JSON Schema (both JSON texts), dispatch by type, and the diff of two
// outlines. Protobuf's outline comes from its descriptors (outline_protobuf.cpp).
#include "accord/formats/outline.hpp"

#include <nlohmann/json.hpp>

#include <map>
#include <set>

namespace accord::formats {

Outline protobuf_outline(const ParsedSchema& schema);

namespace {

using Json = nlohmann::ordered_json;
constexpr int kMaxDepth = 32;

std::string join(const std::string& prefix, const std::string& name) { return prefix.empty() ? name : prefix + "." + name; }

std::string string_or(const Json& node, const char* key) {
  auto it = node.find(key);
  return it != node.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// ---- Avro ----

class AvroOutliner {
 public:
  explicit AvroOutliner(Outline& out) : out_(out) {}

  // Walks a type: defines named types the first time, and lists record fields.
  void visit(const Json& type, const std::string& path, int depth, const std::string& ns) {
    if (depth > kMaxDepth) return;
    if (type.is_array()) {
      for (const auto& branch : type) visit(branch, path, depth, ns);
      return;
    }
    if (!type.is_object()) return;
    const std::string kind = string_or(type, "type");
    if (kind == "array") return visit(type.value("items", Json()), path, depth, ns);
    if (kind == "map") return visit(type.value("values", Json()), path, depth, ns);
    if (kind != "record" && kind != "error" && kind != "enum" && kind != "fixed") {
      if (type.contains("type") && !type["type"].is_string()) visit(type["type"], path, depth, ns);
      return;
    }
    const std::string name = full_name(type, ns);
    if (!defined_.insert(name).second) return;
    OutlineType described{name, kind == "error" ? "record" : kind, string_or(type, "doc"), {}};
    if (kind == "enum" && type.contains("symbols") && type["symbols"].is_array())
      for (const auto& s : type["symbols"])
        if (s.is_string()) described.symbols.push_back(s.get<std::string>());
    out_.types.push_back(std::move(described));
    if (kind != "record" && kind != "error") return;
    const std::string inner_ns = name.rfind('.') == std::string::npos ? std::string() : name.substr(0, name.rfind('.'));
    if (!type.contains("fields") || !type["fields"].is_array()) return;
    for (const auto& field : type["fields"]) {
      if (!field.is_object()) continue;
      OutlineField f;
      f.name = string_or(field, "name");
      f.path = join(path, f.name);
      f.type = label(field.value("type", Json()), inner_ns);
      if (field.contains("default")) f.default_json = field["default"].dump();
      f.doc = string_or(field, "doc");
      f.required = !field.contains("default");
      f.depth = depth;
      out_.fields.push_back(f);
      visit(field.value("type", Json()), f.path, depth + 1, inner_ns);
    }
  }

 private:
  static std::string full_name(const Json& type, const std::string& ns) {
    std::string name = string_or(type, "name");
    if (name.find('.') != std::string::npos) return name;
    std::string space = type.contains("namespace") ? string_or(type, "namespace") : ns;
    return space.empty() ? name : space + "." + name;
  }

  static std::string label(const Json& type, const std::string& ns) {
    if (type.is_string()) return type.get<std::string>();
    if (type.is_array()) {
      std::string out;
      for (const auto& branch : type) out += (out.empty() ? "" : " | ") + label(branch, ns);
      return out;
    }
    if (!type.is_object()) return "?";
    const std::string kind = string_or(type, "type");
    std::string out;
    if (kind == "array") out = "array<" + label(type.value("items", Json()), ns) + ">";
    else if (kind == "map") out = "map<" + label(type.value("values", Json()), ns) + ">";
    else if (kind == "record" || kind == "error" || kind == "enum" || kind == "fixed") out = full_name(type, ns);
    else out = type.contains("type") && !type["type"].is_string() ? label(type["type"], ns) : kind;
    if (auto logical = string_or(type, "logicalType"); !logical.empty()) out += " (" + logical + ")";
    return out;
  }

  Outline& out_;
  std::set<std::string> defined_;
};

// ---- JSON Schema ----

std::string json_label(const Json& node) {
  if (!node.is_object()) return node.is_boolean() ? (node.get<bool>() ? "any" : "nothing") : "?";
  if (auto ref = string_or(node, "$ref"); !ref.empty()) return ref.substr(ref.find_last_of('/') + 1);
  std::string out;
  if (auto type = node.find("type"); type != node.end()) {
    if (type->is_string()) {
      out = type->get<std::string>();
    } else if (type->is_array()) {
      for (const auto& t : *type)
        if (t.is_string()) out += (out.empty() ? "" : " | ") + t.get<std::string>();
    }
  }
  if (out == "array" && node.contains("items")) out = "array<" + json_label(node["items"]) + ">";
  for (const char* combinator : {"oneOf", "anyOf", "allOf"}) {
    auto it = node.find(combinator);
    if (it == node.end() || !it->is_array()) continue;
    std::string branches;
    for (const auto& b : *it) branches += (branches.empty() ? "" : ", ") + json_label(b);
    out += (out.empty() ? "" : " ") + std::string(combinator) + "(" + branches + ")";
  }
  if (auto it = node.find("enum"); it != node.end() && it->is_array()) {
    std::string values;
    for (const auto& v : *it) values += (values.empty() ? "" : ", ") + v.dump();
    out += (out.empty() ? "" : " ") + std::string("enum[") + values + "]";
  }
  if (auto it = node.find("const"); it != node.end()) out += (out.empty() ? "" : " ") + std::string("const ") + it->dump();
  if (auto format = string_or(node, "format"); !format.empty()) out += " (" + format + ")";
  return out.empty() ? "any" : out;
}

void json_fields(const Json& node, const std::string& path, int depth, Outline& out) {
  if (depth > kMaxDepth || !node.is_object()) return;
  if (node.contains("items")) json_fields(node["items"], path, depth, out);
  for (const char* combinator : {"oneOf", "anyOf", "allOf"})
    if (auto it = node.find(combinator); it != node.end() && it->is_array())
      for (const auto& branch : *it) json_fields(branch, path, depth, out);
  auto properties = node.find("properties");
  if (properties == node.end() || !properties->is_object()) return;
  std::set<std::string> required;
  if (auto it = node.find("required"); it != node.end() && it->is_array())
    for (const auto& r : *it)
      if (r.is_string()) required.insert(r.get<std::string>());
  for (const auto& [name, sub] : properties->items()) {
    OutlineField f;
    f.name = name;
    f.path = join(path, name);
    f.type = json_label(sub);
    if (sub.is_object() && sub.contains("default")) f.default_json = sub["default"].dump();
    f.doc = sub.is_object() ? string_or(sub, "description") : std::string();
    if (f.doc.empty() && sub.is_object()) f.doc = string_or(sub, "title");
    f.required = required.count(name) > 0;
    f.depth = depth;
    out.fields.push_back(f);
    json_fields(sub, f.path, depth + 1, out);
  }
}

Outline json_outline(const Json& root) {
  Outline out;
  if (!root.is_object()) return out;
  out.types.push_back({string_or(root, "title").empty() ? "(root)" : string_or(root, "title"), "object",
                       string_or(root, "description"), {}});
  json_fields(root, "", 0, out);
  for (const char* defs : {"definitions", "$defs"}) {
    auto it = root.find(defs);
    if (it == root.end() || !it->is_object()) continue;
    for (const auto& [name, sub] : it->items()) {
      out.types.push_back({std::string("#/") + defs + "/" + name, "object",
                           sub.is_object() ? string_or(sub, "description") : "", {}});
      json_fields(sub, std::string("#/") + defs + "/" + name, 1, out);
    }
  }
  return out;
}

void add_change(std::vector<OutlineChange>& out, const char* kind, const std::string& path, const std::string& before,
                const std::string& after) {
  out.push_back({kind, path, before, after});
}

}  // namespace

Outline outline(const ParsedSchema& schema) {
  switch (schema.type()) {
    case SchemaType::Protobuf: return protobuf_outline(schema);
    case SchemaType::Json: return json_outline(Json::parse(schema.canonical(), nullptr, false));
    case SchemaType::Avro: {
      Outline out;
      AvroOutliner(out).visit(Json::parse(schema.canonical(), nullptr, false), "", 0, "");
      return out;
    }
  }
  return {};
}

std::vector<OutlineChange> diff_outlines(const Outline& from, const Outline& to) {
  std::vector<OutlineChange> out;
  std::map<std::string, const OutlineType*> to_types, from_types;
  for (const auto& t : to.types) to_types.emplace(t.name, &t);
  for (const auto& t : from.types) from_types.emplace(t.name, &t);
  for (const auto& t : from.types) {
    auto other = to_types.find(t.name);
    if (other == to_types.end()) {
      add_change(out, "type_removed", t.name, t.kind, "");
      continue;
    }
    std::set<std::string> before(t.symbols.begin(), t.symbols.end());
    std::set<std::string> after(other->second->symbols.begin(), other->second->symbols.end());
    for (const auto& s : t.symbols)
      if (!after.count(s)) add_change(out, "symbol_removed", t.name, s, "");
    for (const auto& s : other->second->symbols)
      if (!before.count(s)) add_change(out, "symbol_added", t.name, "", s);
  }
  for (const auto& t : to.types)
    if (!from_types.count(t.name)) add_change(out, "type_added", t.name, "", t.kind);

  std::map<std::string, const OutlineField*> to_fields, from_fields;
  for (const auto& f : to.fields) to_fields.emplace(f.path, &f);
  for (const auto& f : from.fields) from_fields.emplace(f.path, &f);
  auto describe = [](const OutlineField& f) {
    return f.type + (f.number ? " = " + std::to_string(*f.number) : std::string());
  };
  for (const auto& f : from.fields) {
    auto it = to_fields.find(f.path);
    if (it == to_fields.end()) {
      add_change(out, "field_removed", f.path, describe(f), "");
      continue;
    }
    const auto& g = *it->second;
    if (f.type != g.type) add_change(out, "type_changed", f.path, f.type, g.type);
    if (f.number != g.number)
      add_change(out, "number_changed", f.path, f.number ? std::to_string(*f.number) : "",
                 g.number ? std::to_string(*g.number) : "");
    if (f.default_json != g.default_json)
      add_change(out, "default_changed", f.path, f.default_json.value_or(""), g.default_json.value_or(""));
    if (f.required != g.required)
      add_change(out, "required_changed", f.path, f.required ? "required" : "optional",
                 g.required ? "required" : "optional");
    if (f.doc != g.doc) add_change(out, "doc_changed", f.path, f.doc, g.doc);
  }
  for (const auto& g : to.fields)
    if (!from_fields.count(g.path)) add_change(out, "field_added", g.path, "", describe(g));
  return out;
}

}  // namespace accord::formats
