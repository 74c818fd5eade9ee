#include "schema_parser.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <unordered_set>

#include "accord/model/json_document.hpp"
#include "default_value.hpp"
#include "json_text.hpp"
#include "logical_type.hpp"
#include "name_rules.hpp"
#include "schema_writer.hpp"

namespace accord::formats::avro {
namespace {

using Value = rapidjson::Value;

// The member named `key`, or null (also when `container` is not an object).
const Value* member(const Value& container, std::string_view key) {
  if (!container.IsObject()) return nullptr;
  for (const auto& m : container.GetObject())
    if (string_view_of(m.name) == key) return &m.value;
  return nullptr;
}

// The text of a JSON value in messages, as Jackson prints it.
std::string text_of(const Value& value) { return json_text(to_ordered_json(value)); }

std::optional<Type> primitive_type(std::string_view name) {
  static constexpr std::pair<std::string_view, Type> primitives[] = {
      {"null", Type::Null},   {"boolean", Type::Boolean}, {"int", Type::Int},       {"long", Type::Long},
      {"float", Type::Float}, {"double", Type::Double},   {"bytes", Type::Bytes}, {"string", Type::String}};
  for (const auto& [spelling, type] : primitives)
    if (spelling == name) return type;
  return std::nullopt;
}

bool reserved_schema_key(std::string_view key, bool is_enum) {
  static constexpr std::string_view reserved[] = {"doc",  "fields",  "items",  "name", "namespace",
                                                  "size", "symbols", "values", "type", "aliases"};
  if (is_enum && key == "default") return true;
  return std::find(std::begin(reserved), std::end(reserved), key) != std::end(reserved);
}

bool reserved_field_key(std::string_view key) {
  static constexpr std::string_view reserved[] = {"default", "doc", "name", "order", "type", "aliases"};
  return std::find(std::begin(reserved), std::end(reserved), key) != std::end(reserved);
}

std::optional<std::string_view> optional_text(const Value& container, std::string_view key) {
  const Value* value = member(container, key);
  if (!value || !value->IsString()) return std::nullopt;
  return string_view_of(*value);
}

// Java's Double.valueOf for a float/double default written as a string ("NaN", "1.5").
std::optional<double> java_double_value(const std::string& text) {
  if (text == "NaN") return std::nan("");
  if (text == "Infinity" || text == "+Infinity") return HUGE_VAL;
  if (text == "-Infinity") return -HUGE_VAL;
  if (text.empty() || std::isspace(static_cast<unsigned char>(text.front()))) return std::nullopt;
  char* end = nullptr;
  double value = std::strtod(text.c_str(), &end);
  if (end == text.c_str()) return std::nullopt;
  std::string_view rest(end);
  if (!(rest.empty() || rest == "d" || rest == "D" || rest == "f" || rest == "F")) return std::nullopt;
  return value;
}

class Parser {
 public:
  explicit Parser(SchemaGraph& graph) : graph_(graph) {}

  const Node* parse(const Value& schema, const std::string& space) {
    // Bounds the recursion of the parser, writers and checker on hostile input.
    if (depth_ >= kMaxDepth) return fail("Schema nested deeper than " + std::to_string(kMaxDepth) + " levels");
    ++depth_;
    const Node* node = parse_value(schema, space);
    --depth_;
    return node;
  }

  std::string error;

 private:
  static constexpr int kMaxDepth = 512;

  const Node* parse_value(const Value& schema, const std::string& space) {
    if (schema.IsString()) {
      const std::string_view text = string_view_of(schema);
      if (auto type = primitive_type(text)) return graph_.add(*type);
      if (const Node* named = lookup(text, space)) return named;
      return fail("Undefined name: " + text_of(schema));
    }
    if (schema.IsObject()) return parse_object(schema, space);
    if (schema.IsArray()) return parse_union(schema, space);
    return fail("Schema not yet supported: " + text_of(schema));
  }

  std::nullptr_t fail(std::string message) {
    if (error.empty()) error = std::move(message);
    return nullptr;
  }

  // Java's Names.get: the name in the current namespace first, then without namespace.
  const Node* lookup(std::string_view name, const std::string& space) const {
    if (auto it = graph_.named.find(qualify(name, space).full); it != graph_.named.end()) return it->second;
    if (auto it = graph_.named.find(qualify(name, "").full); it != graph_.named.end()) return it->second;
    return nullptr;
  }

  bool define(Node* node) {
    if (graph_.named.count(node->full_name)) return fail("Can't redefine: " + node->full_name), false;
    graph_.named.emplace(node->full_name, node);
    return true;
  }

  const Node* parse_object(const Value& schema, const std::string& space) {
    const auto type = optional_text(schema, "type");
    if (!type) return fail("No type: " + text_of(schema));
    bool is_record = *type == "record" || *type == "error";
    bool named = is_record || *type == "enum" || *type == "fixed";
    QualifiedName name;
    if (named) {
      const auto own_space = optional_text(schema, "namespace");
      const auto short_name = optional_text(schema, "name");
      if (!short_name) return fail("No name in schema: " + text_of(schema));
      name = qualify(*short_name, own_space ? *own_space : std::string_view(space));
      if (auto bad = name_error(name.name)) return fail(*bad);
    }
    const std::string& inner_space = named ? name.space : space;

    Node* node = nullptr;
    if (auto primitive = primitive_type(*type)) {
      node = graph_.add(*primitive);
    } else if (named) {
      node = graph_.add(is_record ? Type::Record : *type == "enum" ? Type::Enum : Type::Fixed);
      node->name = name.name;
      node->space = name.space;
      node->full_name = name.full;
      node->is_error = *type == "error";
      if (const auto doc = optional_text(schema, "doc")) node->doc = std::string(*doc);
      if (is_record) {
        if (!define(node) || !parse_fields(*node, schema)) return nullptr;
      } else if (node->type == Type::Enum) {
        if (!parse_symbols(*node, schema) || !define(node)) return nullptr;
      } else {
        const Value* size = member(schema, "size");
        if (!size || !size->IsInt() || size->GetInt() < 0) return fail("Invalid or no size: " + text_of(schema));
        node->size = size->GetInt();
        if (!define(node)) return nullptr;
      }
    } else if (*type == "array" || *type == "map") {
      bool array = *type == "array";
      const Value* element = member(schema, array ? "items" : "values");
      if (!element)
        return fail((array ? "Array has no items type: " : "Map has no values type: ") + text_of(schema));
      node = graph_.add(array ? Type::Array : Type::Map);
      node->element = parse(*element, inner_space);
      if (!node->element) return nullptr;
    } else {
      // A named type used as {"type": "Name"}: Java resolves it in the current namespace only.
      if (auto it = graph_.named.find(qualify(*type, space).full); it != graph_.named.end()) return it->second;
      return fail("Type not supported: " + std::string(*type));
    }

    for (const auto& m : schema.GetObject())
      if (!reserved_schema_key(string_view_of(m.name), node->type == Type::Enum))
        node->props.emplace_back(std::string(string_view_of(m.name)), to_ordered_json(m.value));
    node->logical = recognise_logical_type(*node);
    if (named && !parse_schema_aliases(*node, schema)) return nullptr;
    return node;
  }

  bool parse_symbols(Node& node, const Value& schema) {
    const Value* symbols = member(schema, "symbols");
    if (!symbols || !symbols->IsArray()) return fail("Enum has no symbols: " + text_of(schema)), false;
    std::unordered_set<std::string> seen;
    for (const auto& symbol : symbols->GetArray()) {
      if (!symbol.IsString()) return fail("Null name"), false;
      const std::string text(string_view_of(symbol));
      if (auto bad = name_error(text)) return fail(*bad), false;
      if (!seen.insert(text).second) return fail("Duplicate enum symbol: " + text), false;
      node.symbols.push_back(text);
    }
    if (const auto def_view = optional_text(schema, "default")) {
      const std::string def(*def_view);
      if (!seen.count(def)) {
        std::string list;
        for (const auto& s : node.symbols) list += (list.empty() ? "" : ", ") + s;
        return fail("The Enum Default: " + def + " is not in the enum symbol set: [" + list + "]"), false;
      }
      node.enum_default = def;
    }
    return true;
  }

  bool parse_fields(Node& record, const Value& schema) {
    const Value* fields = member(schema, "fields");
    if (!fields || !fields->IsArray()) return fail("Record has no fields: " + text_of(schema)), false;
    // Reserved, so that the names field_index views do not move.
    record.fields.reserve(fields->Size());
    for (const auto& json_field : fields->GetArray()) {
      Field field;
      const auto name = optional_text(json_field, "name");
      if (!name) return fail("No field name: " + text_of(json_field)), false;
      field.name = std::string(*name);
      if (const auto doc = optional_text(json_field, "doc")) field.doc = std::string(*doc);
      const Value* type = member(json_field, "type");
      if (!type) return fail("No field type: " + text_of(json_field)), false;
      if (type->IsString() && !primitive_type(string_view_of(*type)) && !lookup(string_view_of(*type), record.space))
        return fail(text_of(*type) + " is not a defined name. The type of the \"" + field.name +
                    "\" field must be a defined name or a {\"type\": ...} expression."),
               false;
      field.type = parse(*type, record.space);
      if (!field.type) return false;
      if (!parse_order(field, json_field) || !parse_default(record, field, json_field)) return false;
      if (auto bad = name_error(field.name)) return fail(*bad), false;
      for (const auto& m : json_field.GetObject())
        if (!reserved_field_key(string_view_of(m.name))) field.props.emplace_back(std::string(string_view_of(m.name)), to_ordered_json(m.value));
      if (!parse_field_aliases(field, json_field)) return false;
      if (record.field_index.count(field.name))
        return fail("Duplicate field " + field.name + " in record " + record.full_name), false;
      record.fields.push_back(std::move(field));
      record.field_index.emplace(record.fields.back().name, record.fields.size() - 1);
    }
    return true;
  }

  bool parse_order(Field& field, const Value& json_field) {
    const Value* order = member(json_field, "order");
    if (!order) return true;
    std::string text = order->IsString() ? std::string(string_view_of(*order)) : "";
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
    if (text == "ascending") field.order = FieldOrder::Ascending;
    else if (text == "descending") field.order = FieldOrder::Descending;
    else if (text == "ignore") field.order = FieldOrder::Ignore;
    else return fail("Invalid order " + text_of(*order) + " for field " + field.name), false;
    return true;
  }

  bool parse_default(const Node& record, Field& field, const Value& json_field) {
    const Value* def = member(json_field, "default");
    if (!def) return true;
    Json value = to_ordered_json(*def);
    if ((field.type->type == Type::Float || field.type->type == Type::Double) && value.is_string()) {
      if (auto number = java_double_value(value.get<std::string>())) value = *number;
    }
    if (!is_valid_default(*field.type, &value))
      return fail("Invalid default for field " + field.name + ": " + text_of(*def) + " not a " +
                  java_schema_text(*field.type)),
             false;
    (void)record;
    field.default_value = std::move(value);
    return true;
  }

  // Each alias of a field or named type, as written, once each, in order: `as_written`
  // turns it into what is kept (empty when it is refused, with the reason in `error`).
  template <class AsWritten>
  bool parse_aliases(std::vector<std::string>& out, const Value& container, AsWritten as_written) {
    const Value* aliases = member(container, "aliases");
    if (!aliases) return true;
    if (!aliases->IsArray()) return fail("aliases not an array: " + text_of(container)), false;
    for (const auto& alias : aliases->GetArray()) {
      if (!alias.IsString()) return fail("alias not a string: " + text_of(alias)), false;
      std::optional<std::string> kept = as_written(string_view_of(alias));
      if (!kept) return false;
      if (std::find(out.begin(), out.end(), *kept) == out.end()) out.push_back(std::move(*kept));
    }
    return true;
  }

  bool parse_field_aliases(Field& field, const Value& json_field) {
    // Field aliases have no namespace.
    return parse_aliases(field.aliases, json_field, [](std::string_view alias) { return std::optional<std::string>(alias); });
  }

  bool parse_schema_aliases(Node& node, const Value& schema) {
    return parse_aliases(node.aliases, schema, [&](std::string_view alias) -> std::optional<std::string> {
      QualifiedName name = qualify(alias, node.space);
      if (auto bad = name_error(name.name)) return fail(*bad), std::nullopt;
      return std::move(name.full);
    });
  }

  const Node* parse_union(const Value& schema, const std::string& space) {
    Node* node = graph_.add(Type::Union);
    std::vector<std::string_view> seen;  // a union has a few branches
    for (const auto& branch_json : schema.GetArray()) {
      const Node* branch = parse(branch_json, space);
      if (!branch) return nullptr;
      node->branches.push_back(branch);
      if (branch->type == Type::Union) return fail("Nested union: " + java_schema_text(*node));
      const std::string_view key = is_named(branch->type) ? std::string_view(branch->full_name) : avro_type_name(branch->type);
      if (std::find(seen.begin(), seen.end(), key) != seen.end()) return fail("Duplicate in union:" + std::string(key));
      seen.push_back(key);
    }
    return node;
  }

  SchemaGraph& graph_;
  int depth_ = 0;
};

}  // namespace

ParseOutcome parse_schema_text(SchemaGraph& graph, std::string_view text) {
  rapidjson::Document json;
  if (auto error = read_json_document(text, json)) return {nullptr, "Invalid JSON: " + *error};
  Parser parser(graph);
  const Node* root = parser.parse(json, "");
  if (!root) return {nullptr, parser.error.empty() ? "Invalid schema" : parser.error};
  return {root, {}};
}

}  // namespace accord::formats::avro
