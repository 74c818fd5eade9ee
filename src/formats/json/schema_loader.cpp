#include "schema_loader.hpp"

#include <cmath>
#include <map>
#include <regex>
#include <set>
#include <utility>
#include <vector>

#include "accord/model/errors.hpp"
#include "draft.hpp"
#include "uri.hpp"

namespace accord::formats::json {
namespace {

using ojson = nlohmann::ordered_json;

// Thrown inside the loader only, turned into an Error at its boundary.
struct SchemaError {
  std::string reason;
};

[[noreturn]] void fail(const std::string& where, const std::string& what) {
  throw SchemaError{(where.empty() ? std::string("#") : where) + ": " + what};
}

std::string escape_pointer_token(const std::string& token) {
  std::string out;
  for (char c : token) {
    if (c == '~') out += "~0";
    else if (c == '/') out += "~1";
    else out += c;
  }
  return out;
}

std::string unescape_pointer_token(const std::string& token) {
  std::string out;
  for (size_t i = 0; i < token.size(); ++i) {
    if (token[i] == '~' && i + 1 < token.size() && (token[i + 1] == '0' || token[i + 1] == '1')) {
      out += token[i + 1] == '0' ? '~' : '/';
      ++i;
    } else {
      out += token[i];
    }
  }
  return out;
}

// Percent-decoding of a URI fragment ("#/definitions/a%20b").
std::string percent_decode(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && std::isxdigit(static_cast<unsigned char>(s[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(s[i + 2]))) {
      out += static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

struct Document {
  std::string name;  // "" for the root
  const ojson* json = nullptr;
  Draft draft = Draft::V7;
};

class Loader {
 public:
  Loader(const ojson& root, std::span<const ReferencedDocument> references) : graph_(std::make_shared<SchemaGraph>()) {
    documents_.push_back({"", &root, draft_of(root)});
    for (const auto& r : references) documents_.push_back({r.name, &r.document, draft_of(r.document)});
    if (root.is_object()) {
      auto id = root.find(documents_[0].draft == Draft::V4 ? "id" : "$id");
      if (id != root.end() && id->is_string()) root_base_ = strip_fragment(id->get<std::string>());
    }
    for (size_t doc = 0; doc < documents_.size(); ++doc) {
      std::string base = doc == 0 ? root_base_ : resolve_uri(root_base_, documents_[doc].name);
      if (!base.empty()) resources_.emplace(base, std::make_pair(doc, std::string()));
      register_resources(doc, *documents_[doc].json, base, "");
    }
  }

  std::shared_ptr<const SchemaGraph> run() {
    // Referenced documents must be valid schemas themselves, even when unused.
    for (size_t i = 1; i < documents_.size(); ++i) {
      if (!documents_[i].json->is_object() && !documents_[i].json->is_boolean())
        fail(documents_[i].name, "a referenced JSON schema must be an object or a boolean");
    }
    graph_->root = load(0, *documents_[0].json, "", true);
    // Resolving a $ref may load new locations, which may hold $refs of their own.
    while (!pending_refs_.empty()) {
      PendingRef pending = pending_refs_.back();
      pending_refs_.pop_back();
      pending.node->target = resolve(pending.doc, pending.pointer, pending.node->ref);
    }
    return graph_;
  }

 private:
  const char* id_keyword(size_t doc) const { return draft(doc) == Draft::V4 ? "id" : "$id"; }

  // Every subschema with an $id is a resource a $ref can name by its (resolved) URI.
  void register_resources(size_t doc, const ojson& value, const std::string& base, const std::string& pointer) {
    if (value.is_array()) {
      for (size_t i = 0; i < value.size(); ++i)
        register_resources(doc, value[i], base, pointer + "/" + std::to_string(i));
      return;
    }
    if (!value.is_object()) return;
    std::string here = base;
    if (auto id = value.find(id_keyword(doc)); id != value.end() && id->is_string() && !pointer.empty()) {
      here = resolve_uri(base, strip_fragment(id->get<std::string>()));
      if (!here.empty()) resources_.emplace(here, std::make_pair(doc, pointer));
    }
    for (const auto& [key, child] : value.items()) {
      if (key == "enum" || key == "const" || key == "default" || key == "examples") continue;
      register_resources(doc, child, here, pointer + "/" + escape_pointer_token(key));
    }
  }

  // The base URI in effect at a location, and the pointer of the resource it belongs to.
  std::pair<std::string, std::string> base_at(size_t doc, const std::string& pointer) const {
    std::string base = doc == 0 ? root_base_ : resolve_uri(root_base_, documents_[doc].name);
    std::string resource;
    const ojson* node = documents_[doc].json;
    std::string walked;
    size_t pos = 0;
    while (true) {
      if (node->is_object() && !walked.empty()) {
        if (auto id = node->find(id_keyword(doc)); id != node->end() && id->is_string()) {
          base = resolve_uri(base, strip_fragment(id->get<std::string>()));
          resource = walked;
        }
      }
      if (pos >= pointer.size()) break;
      size_t next = pointer.find('/', pos + 1);
      std::string token = unescape_pointer_token(
          pointer.substr(pos + 1, next == std::string::npos ? std::string::npos : next - pos - 1));
      const ojson* child = nullptr;
      if (node->is_object()) {
        if (auto it = node->find(token); it != node->end()) child = &*it;
      } else if (node->is_array()) {
        size_t index = std::stoul(token);
        if (index < node->size()) child = &(*node)[index];
      }
      if (!child) break;
      node = child;
      walked += "/" + escape_pointer_token(token);
      pos = next == std::string::npos ? pointer.size() : next;
    }
    return {base, resource};
  }

  const Node* load(size_t doc, const ojson& value, const std::string& pointer, bool is_root = false) {
    auto key = std::make_pair(doc, pointer);
    if (auto it = cache_.find(key); it != cache_.end()) return it->second;
    Node* node = build(doc, value, pointer, is_root);
    cache_[key] = node;
    return node;
  }

  Draft draft(size_t doc) const { return documents_[doc].draft; }

  std::string where(size_t doc, const std::string& pointer) const {
    return documents_[doc].name + "#" + pointer;
  }

  Node* build(size_t doc, const ojson& value, const std::string& pointer, bool is_root) {
    if (value.is_boolean()) {
      if (draft(doc) == Draft::V4 && !is_root) fail(where(doc, pointer), "boolean schemas need draft 6 or later");
      Node* n = graph_->make(value.get<bool>() ? NodeKind::True : NodeKind::False);
      n->source = value.dump();
      return n;
    }
    if (!value.is_object()) fail(where(doc, pointer), "a JSON schema must be an object or a boolean");
    check_keyword_types(doc, value, pointer);

    std::vector<Node*> parts;
    bool modern = is_modern(draft(doc));
    if (auto ref = value.find("$ref"); ref != value.end()) {
      Node* r = graph_->make(NodeKind::Reference);
      r->ref = ref->get<std::string>();
      r->source = value.dump();
      pending_refs_.push_back({r, doc, pointer});
      // Before 2019-09 the keywords next to $ref are ignored.
      if (!modern) return r;
      parts.push_back(r);
    }
    if (auto e = value.find("enum"); e != value.end()) {
      Node* n = graph_->make(NodeKind::Enum);
      for (const auto& v : *e) n->enum_values.push_back(v);
      n->source = ojson{{"enum", *e}}.dump();
      parts.push_back(n);
    }
    for (Criterion c : {Criterion::AllOf, Criterion::AnyOf, Criterion::OneOf}) {
      std::string kw(to_string(c));
      auto it = value.find(kw);
      if (it == value.end()) continue;
      Node* n = graph_->make(NodeKind::Combined);
      n->criterion = c;
      for (size_t i = 0; i < it->size(); ++i)
        n->subschemas.push_back(load(doc, (*it)[i], pointer + "/" + kw + "/" + std::to_string(i)));
      n->source = ojson{{kw, *it}}.dump();
      parts.push_back(n);
    }
    if (auto it = value.find("not"); it != value.end()) {
      Node* n = graph_->make(NodeKind::Not);
      n->must_not = load(doc, *it, pointer + "/not");
      n->source = ojson{{"not", *it}}.dump();
      parts.push_back(n);
    }
    if (auto it = value.find("const"); it != value.end() && draft(doc) != Draft::V4) {
      Node* n = graph_->make(NodeKind::Const);
      n->const_value = *it;
      n->source = ojson{{"const", *it}}.dump();
      parts.push_back(n);
    }
    add_typed_parts(doc, value, pointer, parts);
    if (draft(doc) != Draft::V4 && draft(doc) != Draft::V6 &&
        (value.contains("if") || value.contains("then") || value.contains("else"))) {
      Node* n = graph_->make(NodeKind::Conditional);
      for (const char* kw : {"if", "then", "else"})
        if (auto it = value.find(kw); it != value.end()) load(doc, *it, pointer + "/" + kw);
      parts.push_back(n);
    }
    // Definitions are loaded so that their keyword types are checked like Confluent does.
    for (const char* kw : {"definitions", "$defs"}) {
      if (auto it = value.find(kw); it != value.end() && it->is_object())
        for (const auto& [name, sub] : it->items())
          load(doc, sub, pointer + "/" + kw + "/" + escape_pointer_token(name));
    }

    Node* result;
    if (parts.empty()) {
      result = graph_->make(NodeKind::Empty);
    } else if (parts.size() == 1) {
      result = parts.front();
    } else {
      result = graph_->make(NodeKind::Combined);
      result->criterion = Criterion::AllOf;
      result->subschemas.assign(parts.begin(), parts.end());
    }
    result->source = value.dump();
    const char* id_keyword = draft(doc) == Draft::V4 ? "id" : "$id";
    if (auto it = value.find(id_keyword); it != value.end()) result->id = *it;
    if (auto it = value.find("title"); it != value.end()) result->title = *it;
    if (auto it = value.find("description"); it != value.end()) result->description = *it;
    if (auto it = value.find("default"); it != value.end()) result->default_value = *it;
    return result;
  }

  // The keywords of each instance type. A schema object without "type" gets a node for each
  // type whose keywords it uses; with "type" only the named types' keywords count.
  bool uses_any(const ojson& value, std::initializer_list<const char*> keywords) const {
    for (const char* k : keywords)
      if (value.contains(k)) return true;
    return false;
  }
  bool has_object_keywords(size_t doc, const ojson& v) const {
    if (uses_any(v, {"properties", "required", "additionalProperties", "patternProperties", "minProperties",
                     "maxProperties", "dependencies", "propertyNames"}))
      return true;
    return is_modern(draft(doc)) && uses_any(v, {"dependentRequired", "dependentSchemas", "unevaluatedProperties"});
  }
  bool has_array_keywords(size_t doc, const ojson& v) const {
    if (uses_any(v, {"items", "additionalItems", "minItems", "maxItems", "uniqueItems", "contains"})) return true;
    return is_modern(draft(doc)) && uses_any(v, {"prefixItems", "unevaluatedItems", "minContains", "maxContains"});
  }
  bool has_number_keywords(const ojson& v) const {
    return uses_any(v, {"minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"});
  }
  bool has_string_keywords(size_t doc, const ojson& v) const {
    if (uses_any(v, {"minLength", "maxLength", "pattern"})) return true;
    return !is_modern(draft(doc)) && v.contains("format");
  }

  Node* typed(size_t doc, const ojson& value, const std::string& pointer, const std::string& type) {
    Node* n = nullptr;
    if (type == "object") n = object_node(doc, value, pointer);
    else if (type == "array") n = array_node(doc, value, pointer);
    else if (type == "string") n = string_node(value);
    else if (type == "number" || type == "integer") {
      n = number_node(doc, value, pointer);
      n->requires_integer = type == "integer";
    } else if (type == "boolean") n = graph_->make(NodeKind::Boolean);
    else if (type == "null") n = graph_->make(NodeKind::Null);
    else fail(where(doc, pointer + "/type"), "unknown type '" + type + "'");
    n->source = ojson{{"type", type}}.dump();
    return n;
  }

  void add_typed_parts(size_t doc, const ojson& value, const std::string& pointer, std::vector<Node*>& parts) {
    auto type = value.find("type");
    if (type != value.end() && type->is_string()) {
      parts.push_back(typed(doc, value, pointer, type->get<std::string>()));
      return;
    }
    if (type != value.end()) {
      Node* any = graph_->make(NodeKind::Combined);
      any->criterion = Criterion::AnyOf;
      for (const auto& t : *type) any->subschemas.push_back(typed(doc, value, pointer, t.get<std::string>()));
      any->source = ojson{{"type", *type}}.dump();
      parts.push_back(any);
      return;
    }
    if (has_number_keywords(value)) parts.push_back(number_node(doc, value, pointer));
    if (has_string_keywords(doc, value)) parts.push_back(string_node(value));
    if (has_array_keywords(doc, value)) parts.push_back(array_node(doc, value, pointer));
    if (has_object_keywords(doc, value)) parts.push_back(object_node(doc, value, pointer));
    for (Node* p : parts)
      if (p->source.empty()) p->source = value.dump();
  }

  Node* string_node(const ojson& v) {
    Node* n = graph_->make(NodeKind::String);
    if (auto it = v.find("minLength"); it != v.end()) n->min_length = it->get<int64_t>();
    if (auto it = v.find("maxLength"); it != v.end()) n->max_length = it->get<int64_t>();
    if (auto it = v.find("pattern"); it != v.end()) n->pattern = it->get<std::string>();
    return n;
  }

  Node* number_node(size_t doc, const ojson& v, const std::string&) {
    Node* n = graph_->make(NodeKind::Number);
    if (auto it = v.find("minimum"); it != v.end()) n->minimum = it->get<double>();
    if (auto it = v.find("maximum"); it != v.end()) n->maximum = it->get<double>();
    // Draft 4 states exclusiveness as a flag on minimum/maximum; only later drafts give a limit.
    if (draft(doc) != Draft::V4) {
      if (auto it = v.find("exclusiveMinimum"); it != v.end()) n->exclusive_minimum = it->get<double>();
      if (auto it = v.find("exclusiveMaximum"); it != v.end()) n->exclusive_maximum = it->get<double>();
    }
    if (auto it = v.find("multipleOf"); it != v.end()) n->multiple_of = it->dump();
    return n;
  }

  Node* object_node(size_t doc, const ojson& v, const std::string& pointer) {
    Node* n = graph_->make(NodeKind::Object);
    if (auto it = v.find("properties"); it != v.end())
      for (const auto& [name, sub] : it->items())
        n->properties.emplace_back(name, load(doc, sub, pointer + "/properties/" + escape_pointer_token(name)));
    for (const auto& [name, schema] : n->properties) n->property_index.emplace(name, schema);
    if (auto it = v.find("required"); it != v.end())
      for (const auto& r : *it) n->required.insert(r.get<std::string>());
    if (auto it = v.find("additionalProperties"); it != v.end()) {
      if (it->is_boolean()) {
        n->permits_additional_properties = it->get<bool>();
      } else {
        const Node* s = load(doc, *it, pointer + "/additionalProperties");
        if (s->kind == NodeKind::False) n->permits_additional_properties = false;
        else if (s->kind != NodeKind::True) n->additional_properties = s;
      }
    }
    if (auto it = v.find("patternProperties"); it != v.end())
      for (const auto& [re, sub] : it->items())
        n->pattern_properties.emplace_back(re, load(doc, sub, pointer + "/patternProperties/" + escape_pointer_token(re)));
    auto add_dependencies = [&](const ojson& deps, const std::string& kw) {
      for (const auto& [name, dep] : deps.items()) {
        if (dep.is_array()) {
          std::set<std::string> names;
          for (const auto& d : dep) names.insert(d.get<std::string>());
          n->property_dependencies.emplace_back(name, std::move(names));
        } else {
          n->schema_dependencies.emplace_back(name, load(doc, dep, pointer + "/" + kw + "/" + escape_pointer_token(name)));
        }
      }
    };
    if (auto it = v.find("dependencies"); it != v.end()) add_dependencies(*it, "dependencies");
    if (is_modern(draft(doc))) {
      if (auto it = v.find("dependentRequired"); it != v.end()) add_dependencies(*it, "dependentRequired");
      if (auto it = v.find("dependentSchemas"); it != v.end()) add_dependencies(*it, "dependentSchemas");
      if (auto it = v.find("unevaluatedProperties"); it != v.end())
        n->unevaluated_properties = load(doc, *it, pointer + "/unevaluatedProperties");
    }
    if (auto it = v.find("propertyNames"); it != v.end()) load(doc, *it, pointer + "/propertyNames");
    if (auto it = v.find("minProperties"); it != v.end()) n->min_properties = it->get<int64_t>();
    if (auto it = v.find("maxProperties"); it != v.end()) n->max_properties = it->get<int64_t>();
    return n;
  }

  Node* array_node(size_t doc, const ojson& v, const std::string& pointer) {
    Node* n = graph_->make(NodeKind::Array);
    bool prefix_form = draft(doc) == Draft::V2020_12;
    auto apply_trailing = [&](const ojson& value, const std::string& kw) {
      // A schema for the items after the tuple: false closes it, true/{} leaves it open.
      if (value.is_boolean()) {
        n->permits_additional_items = value.get<bool>();
        return;
      }
      const Node* s = load(doc, value, pointer + "/" + kw);
      if (s->kind == NodeKind::False) n->permits_additional_items = false;
      else if (s->kind != NodeKind::True) n->additional_items = s;
    };
    if (auto it = v.find("items"); it != v.end()) {
      if (it->is_array()) {
        for (size_t i = 0; i < it->size(); ++i)
          n->item_schemas.push_back(load(doc, (*it)[i], pointer + "/items/" + std::to_string(i)));
      } else if (prefix_form && (v.contains("prefixItems") || it->is_boolean())) {
        // 2020-12 "items" covers what follows prefixItems; as a boolean it opens or closes.
        apply_trailing(*it, "items");
      } else {
        n->all_items = load(doc, *it, pointer + "/items");
      }
    }
    if (prefix_form) {
      if (auto it = v.find("prefixItems"); it != v.end())
        for (size_t i = 0; i < it->size(); ++i)
          n->item_schemas.push_back(load(doc, (*it)[i], pointer + "/prefixItems/" + std::to_string(i)));
    }
    if (draft(doc) != Draft::V2020_12) {
      if (auto it = v.find("additionalItems"); it != v.end()) apply_trailing(*it, "additionalItems");
    }
    if (auto it = v.find("contains"); it != v.end()) load(doc, *it, pointer + "/contains");
    if (is_modern(draft(doc))) {
      if (auto it = v.find("unevaluatedItems"); it != v.end())
        n->unevaluated_items = load(doc, *it, pointer + "/unevaluatedItems");
      if (auto it = v.find("minContains"); it != v.end()) n->min_contains = it->get<int64_t>();
      if (auto it = v.find("maxContains"); it != v.end()) n->max_contains = it->get<int64_t>();
    }
    if (auto it = v.find("minItems"); it != v.end()) n->min_items = it->get<int64_t>();
    if (auto it = v.find("maxItems"); it != v.end()) n->max_items = it->get<int64_t>();
    if (auto it = v.find("uniqueItems"); it != v.end()) n->unique_items = it->get<bool>();
    return n;
  }

  void check_keyword_types(size_t doc, const ojson& v, const std::string& pointer) {
    auto at = [&](const char* kw) { return where(doc, pointer + "/" + kw); };
    auto expect = [&](const char* kw, bool ok, const char* what) {
      if (v.contains(kw) && !ok) fail(at(kw), std::string("'") + kw + "' must be " + what);
    };
    auto get = [&](const char* kw) -> const ojson& { return v.at(kw); };
    auto is_schema = [&](const ojson& s) { return s.is_object() || s.is_boolean(); };
    auto non_negative_int = [&](const char* kw) {
      if (!v.contains(kw)) return;
      const auto& x = get(kw);
      // Whole floats (2.0) count as integers; anything past int64 is refused before the cast.
      bool integral = x.is_number_integer() ||
                      (x.is_number_float() && std::fabs(x.get<double>()) < 9e18 &&
                       x.get<double>() == static_cast<double>(static_cast<int64_t>(x.get<double>())));
      if (!integral || x.get<double>() < 0) fail(at(kw), std::string("'") + kw + "' must be a non-negative integer");
    };
    auto string_array = [&](const ojson& a) {
      if (!a.is_array()) return false;
      for (const auto& e : a)
        if (!e.is_string()) return false;
      return true;
    };
    static const std::set<std::string> kTypes = {"string", "number", "integer", "boolean", "null", "array", "object"};
    if (v.contains("type")) {
      const auto& t = get("type");
      if (t.is_string()) {
        if (!kTypes.count(t.get<std::string>())) fail(at("type"), "unknown type '" + t.get<std::string>() + "'");
      } else if (t.is_array()) {
        for (const auto& e : t) {
          if (!e.is_string()) fail(at("type"), "'type' entries must be strings");
          if (!kTypes.count(e.get<std::string>())) fail(at("type"), "unknown type '" + e.get<std::string>() + "'");
        }
      } else {
        fail(at("type"), "'type' must be a string or an array of strings");
      }
    }
    expect("$ref", v.contains("$ref") && get("$ref").is_string(), "a string");
    expect("$schema", v.contains("$schema") && get("$schema").is_string(), "a string");
    expect("properties", v.contains("properties") && get("properties").is_object(), "an object");
    expect("patternProperties", v.contains("patternProperties") && get("patternProperties").is_object(), "an object");
    expect("required", v.contains("required") && string_array(get("required")), "an array of strings");
    expect("additionalProperties", v.contains("additionalProperties") && is_schema(get("additionalProperties")), "a boolean or a schema");
    expect("additionalItems", v.contains("additionalItems") && is_schema(get("additionalItems")), "a boolean or a schema");
    expect("items", v.contains("items") && (is_schema(get("items")) || get("items").is_array()), "a schema or an array of schemas");
    expect("prefixItems", v.contains("prefixItems") && get("prefixItems").is_array(), "an array of schemas");
    expect("enum", v.contains("enum") && get("enum").is_array(), "an array");
    expect("uniqueItems", v.contains("uniqueItems") && get("uniqueItems").is_boolean(), "a boolean");
    expect("pattern", v.contains("pattern") && get("pattern").is_string(), "a string");
    expect("format", v.contains("format") && get("format").is_string(), "a string");
    expect("title", v.contains("title") && get("title").is_string(), "a string");
    expect("description", v.contains("description") && get("description").is_string(), "a string");
    expect("dependencies", v.contains("dependencies") && get("dependencies").is_object(), "an object");
    expect("dependentRequired", v.contains("dependentRequired") && get("dependentRequired").is_object(), "an object");
    expect("dependentSchemas", v.contains("dependentSchemas") && get("dependentSchemas").is_object(), "an object");
    expect("definitions", v.contains("definitions") && get("definitions").is_object(), "an object");
    expect("$defs", v.contains("$defs") && get("$defs").is_object(), "an object");
    for (const char* kw : {"not", "contains", "propertyNames", "if", "then", "else", "unevaluatedProperties", "unevaluatedItems"})
      expect(kw, v.contains(kw) && is_schema(get(kw)), "a schema");
    for (const char* kw : {"allOf", "anyOf", "oneOf"})
      expect(kw, v.contains(kw) && get(kw).is_array() && !get(kw).empty(), "a non-empty array of schemas");
    for (const char* kw : {"minLength", "maxLength", "minItems", "maxItems", "minProperties", "maxProperties", "minContains", "maxContains"})
      non_negative_int(kw);
    for (const char* kw : {"minimum", "maximum"}) expect(kw, v.contains(kw) && get(kw).is_number(), "a number");
    for (const char* kw : {"exclusiveMinimum", "exclusiveMaximum"}) {
      if (draft(doc) == Draft::V4) expect(kw, v.contains(kw) && get(kw).is_boolean(), "a boolean in draft 4");
      else expect(kw, v.contains(kw) && get(kw).is_number(), "a number");
    }
    if (v.contains("multipleOf")) {
      const auto& m = get("multipleOf");
      if (!m.is_number() || m.get<double>() <= 0) fail(at("multipleOf"), "'multipleOf' must be a number greater than 0");
    }
    if (v.contains("pattern")) check_regex(get("pattern").get<std::string>(), at("pattern"));
    if (v.contains("patternProperties"))
      for (const auto& [re, _] : get("patternProperties").items()) check_regex(re, at("patternProperties"));
    for (const char* kw : {"dependencies", "dependentRequired"}) {
      if (!v.contains(kw)) continue;
      for (const auto& [name, dep] : get(kw).items()) {
        bool ok = string_array(dep) || (std::string(kw) == "dependencies" && is_schema(dep));
        if (!ok) fail(at(kw), "dependency '" + name + "' must be an array of property names or a schema");
      }
    }
    if (v.contains("dependentSchemas"))
      for (const auto& [name, dep] : get("dependentSchemas").items())
        if (!is_schema(dep)) fail(at("dependentSchemas"), "dependent schema '" + name + "' must be a schema");
    if (v.contains("properties"))
      for (const auto& [name, sub] : get("properties").items())
        if (!is_schema(sub)) fail(at("properties"), "property '" + name + "' must be a schema");
  }

  void check_regex(const std::string& pattern, const std::string& where_) {
    try {
      std::regex re(pattern, std::regex::ECMAScript);
    } catch (const std::regex_error&) {
      fail(where_, "invalid regular expression '" + pattern + "'");
    }
  }

  // The node a $ref names: a location in the same document, or in a referenced document.
  const Node* resolve(size_t doc, const std::string& at, const std::string& ref) {
    std::string uri = ref, fragment;
    if (auto hash = ref.find('#'); hash != std::string::npos) {
      uri = ref.substr(0, hash);
      fragment = ref.substr(hash + 1);
    }
    auto [base, resource] = base_at(doc, at);
    size_t target_doc = doc;
    std::string start = resource;  // a bare fragment is relative to the enclosing resource
    if (!uri.empty()) {
      std::string absolute = resolve_uri(base, uri);
      if (auto it = resources_.find(absolute); it != resources_.end()) {
        target_doc = it->second.first;
        start = it->second.second;
      } else if (auto found = find_document(uri)) {
        target_doc = *found;
        start.clear();
      } else {
        fail(where(doc, at), "cannot resolve $ref '" + ref + "': no schema reference named '" + uri + "'");
      }
    }
    fragment = start + percent_decode(fragment);
    if (!fragment.empty() && fragment.front() != '/')
      fail(where(doc, at), "cannot resolve $ref '" + ref + "': only JSON pointer fragments are supported");
    const ojson* node = documents_[target_doc].json;
    std::string pointer;
    size_t pos = 0;
    while (pos < fragment.size()) {
      size_t next = fragment.find('/', pos + 1);
      std::string token = unescape_pointer_token(fragment.substr(pos + 1, next == std::string::npos ? std::string::npos : next - pos - 1));
      const ojson* child = nullptr;
      if (node->is_object()) {
        auto it = node->find(token);
        // A "#/$defs/X" also finds X under "definitions" (Confluent bridges the two buckets).
        if (it == node->end() && pointer.empty() && token == "$defs") it = node->find("definitions");
        if (it != node->end()) child = &*it;
      } else if (node->is_array() && !token.empty() && token.find_first_not_of("0123456789") == std::string::npos) {
        size_t index = std::stoul(token);
        if (index < node->size()) child = &(*node)[index];
      }
      if (!child) fail(where(doc, at), "cannot resolve $ref '" + ref + "'");
      node = child;
      pointer += "/" + escape_pointer_token(token);
      pos = next == std::string::npos ? fragment.size() : next;
    }
    return load(target_doc, *node, pointer, target_doc != 0 && pointer.empty());
  }

  std::optional<size_t> find_document(const std::string& uri) const {
    std::string wanted = strip_dot_slash(uri);
    std::string resolved = resolve_uri(root_base_, uri);
    for (size_t i = 1; i < documents_.size(); ++i) {
      const std::string& name = documents_[i].name;
      if (strip_dot_slash(name) == wanted || name == resolved || resolve_uri(root_base_, name) == resolved) return i;
      const auto& d = *documents_[i].json;
      if (d.is_object()) {
        auto id = d.find("$id");
        if (id != d.end() && id->is_string() && (id->get<std::string>() == uri || id->get<std::string>() == resolved))
          return i;
      }
    }
    return std::nullopt;
  }

  std::shared_ptr<SchemaGraph> graph_;
  std::vector<Document> documents_;
  std::string root_base_;
  std::map<std::pair<size_t, std::string>, const Node*> cache_;
  struct PendingRef {
    Node* node;
    size_t doc;
    std::string pointer;  // where the $ref is written
  };
  std::vector<PendingRef> pending_refs_;
  std::map<std::string, std::pair<size_t, std::string>> resources_;  // URI -> (document, pointer)
};

}  // namespace

std::string_view to_string(Criterion criterion) {
  switch (criterion) {
    case Criterion::AllOf: return "allOf";
    case Criterion::AnyOf: return "anyOf";
    case Criterion::OneOf: return "oneOf";
  }
  return "allOf";
}

const Node* Node::property(const std::string& name) const {
  auto it = property_index.find(name);
  return it == property_index.end() ? nullptr : it->second;
}

Result<std::shared_ptr<const SchemaGraph>> load_schema(const nlohmann::ordered_json& document,
                                                       std::span<const ReferencedDocument> references) {
  if (!document.is_object() && !document.is_boolean())
    return errors::schema_refused("a JSON schema must be an object or a boolean at the root");
  try {
    return Loader(document, references).run();
  } catch (const SchemaError& e) {
    return errors::schema_refused(e.reason);
  } catch (const nlohmann::json::exception& e) {
    return errors::schema_refused(e.what());
  }
}

}  // namespace accord::formats::json
