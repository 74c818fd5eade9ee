#include "schema_parser.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <unordered_set>

#include "accord/model/json_parse.hpp"
#include "default_value.hpp"
#include "json_text.hpp"
#include "logical_type.hpp"
#include "name_rules.hpp"
#include "schema_writer.hpp"

namespace accord::formats::avro {
namespace {

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

const std::string* optional_text(const Json& container, const char* key) {
  if (!container.is_object()) return nullptr;
  auto it = container.find(key);
  if (it == container.end() || !it->is_string()) return nullptr;
  return &it->get_ref<const std::string&>();
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

  const Node* parse(const Json& schema, const std::string& space) {
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

  const Node* parse_value(const Json& schema, const std::string& space) {
    if (schema.is_string()) {
      const auto& text = schema.get_ref<const std::string&>();
      if (auto type = primitive_type(text)) return graph_.add(*type);
      if (const Node* named = lookup(text, space)) return named;
      return fail("Undefined name: " + json_text(schema));
    }
    if (schema.is_object()) return parse_object(schema, space);
    if (schema.is_array()) return parse_union(schema, space);
    return fail("Schema not yet supported: " + json_text(schema));
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

  const Node* parse_object(const Json& schema, const std::string& space) {
    const std::string* type = optional_text(schema, "type");
    if (!type) return fail("No type: " + json_text(schema));
    bool is_record = *type == "record" || *type == "error";
    bool named = is_record || *type == "enum" || *type == "fixed";
    QualifiedName name;
    if (named) {
      const std::string* own_space = optional_text(schema, "namespace");
      const std::string* short_name = optional_text(schema, "name");
      if (!short_name) return fail("No name in schema: " + json_text(schema));
      name = qualify(*short_name, own_space ? *own_space : space);
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
      if (const std::string* doc = optional_text(schema, "doc")) node->doc = *doc;
      if (is_record) {
        if (!define(node) || !parse_fields(*node, schema)) return nullptr;
      } else if (node->type == Type::Enum) {
        if (!parse_symbols(*node, schema) || !define(node)) return nullptr;
      } else {
        auto size = schema.find("size");
        if (size == schema.end() || !size->is_number_integer() || !fits_int(*size) || size->get<int64_t>() < 0)
          return fail("Invalid or no size: " + json_text(schema));
        node->size = size->get<int64_t>();
        if (!define(node)) return nullptr;
      }
    } else if (*type == "array" || *type == "map") {
      bool array = *type == "array";
      auto element = schema.find(array ? "items" : "values");
      if (element == schema.end())
        return fail((array ? "Array has no items type: " : "Map has no values type: ") + json_text(schema));
      node = graph_.add(array ? Type::Array : Type::Map);
      node->element = parse(*element, inner_space);
      if (!node->element) return nullptr;
    } else {
      // A named type used as {"type": "Name"}: Java resolves it in the current namespace only.
      if (auto it = graph_.named.find(qualify(*type, space).full); it != graph_.named.end()) return it->second;
      return fail("Type not supported: " + *type);
    }

    for (auto it = schema.begin(); it != schema.end(); ++it)
      if (!reserved_schema_key(it.key(), node->type == Type::Enum)) node->props.emplace_back(it.key(), it.value());
    node->logical = recognise_logical_type(*node);
    if (named && !parse_schema_aliases(*node, schema)) return nullptr;
    return node;
  }

  static bool fits_int(const Json& v) {
    if (v.is_number_unsigned()) return v.get<uint64_t>() <= 0x7fffffffULL;
    auto i = v.get<int64_t>();
    return i >= -0x80000000LL && i <= 0x7fffffffLL;
  }

  bool parse_symbols(Node& node, const Json& schema) {
    auto symbols = schema.find("symbols");
    if (symbols == schema.end() || !symbols->is_array()) return fail("Enum has no symbols: " + json_text(schema)), false;
    std::unordered_set<std::string> seen;
    for (const auto& symbol : *symbols) {
      if (!symbol.is_string()) return fail("Null name"), false;
      const auto& text = symbol.get_ref<const std::string&>();
      if (auto bad = name_error(text)) return fail(*bad), false;
      if (!seen.insert(text).second) return fail("Duplicate enum symbol: " + text), false;
      node.symbols.push_back(text);
    }
    if (const std::string* def = optional_text(schema, "default")) {
      if (!seen.count(*def)) {
        std::string list;
        for (const auto& s : node.symbols) list += (list.empty() ? "" : ", ") + s;
        return fail("The Enum Default: " + *def + " is not in the enum symbol set: [" + list + "]"), false;
      }
      node.enum_default = *def;
    }
    return true;
  }

  bool parse_fields(Node& record, const Json& schema) {
    auto fields = schema.find("fields");
    if (fields == schema.end() || !fields->is_array()) return fail("Record has no fields: " + json_text(schema)), false;
    std::unordered_set<std::string> names;
    for (const auto& json_field : *fields) {
      Field field;
      const std::string* name = optional_text(json_field, "name");
      if (!name) return fail("No field name: " + json_text(json_field)), false;
      field.name = *name;
      if (const std::string* doc = optional_text(json_field, "doc")) field.doc = *doc;
      auto type = json_field.find("type");
      if (type == json_field.end()) return fail("No field type: " + json_text(json_field)), false;
      if (type->is_string() && !primitive_type(type->get_ref<const std::string&>()) &&
          !lookup(type->get_ref<const std::string&>(), record.space))
        return fail(json_text(*type) + " is not a defined name. The type of the \"" + field.name +
                    "\" field must be a defined name or a {\"type\": ...} expression."),
               false;
      field.type = parse(*type, record.space);
      if (!field.type) return false;
      if (!parse_order(field, json_field) || !parse_default(record, field, json_field)) return false;
      if (auto bad = name_error(field.name)) return fail(*bad), false;
      for (auto it = json_field.begin(); it != json_field.end(); ++it)
        if (!reserved_field_key(it.key())) field.props.emplace_back(it.key(), it.value());
      if (!parse_field_aliases(field, json_field)) return false;
      if (!names.insert(field.name).second)
        return fail("Duplicate field " + field.name + " in record " + record.full_name), false;
      record.fields.push_back(std::move(field));
    }
    // Built once the vector no longer moves: the keys view the stored names.
    for (std::size_t i = 0; i < record.fields.size(); ++i) record.field_index.emplace(record.fields[i].name, i);
    return true;
  }

  bool parse_order(Field& field, const Json& json_field) {
    auto order = json_field.find("order");
    if (order == json_field.end()) return true;
    std::string text = order->is_string() ? order->get<std::string>() : "";
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
    if (text == "ascending") field.order = FieldOrder::Ascending;
    else if (text == "descending") field.order = FieldOrder::Descending;
    else if (text == "ignore") field.order = FieldOrder::Ignore;
    else return fail("Invalid order " + json_text(*order) + " for field " + field.name), false;
    return true;
  }

  bool parse_default(const Node& record, Field& field, const Json& json_field) {
    auto def = json_field.find("default");
    if (def == json_field.end()) return true;
    Json value = *def;
    if ((field.type->type == Type::Float || field.type->type == Type::Double) && value.is_string()) {
      if (auto number = java_double_value(value.get<std::string>())) value = *number;
    }
    if (!is_valid_default(*field.type, &value))
      return fail("Invalid default for field " + field.name + ": " + json_text(*def) + " not a " +
                  java_schema_text(*field.type)),
             false;
    (void)record;
    field.default_value = std::move(value);
    return true;
  }

  bool parse_field_aliases(Field& field, const Json& json_field) {
    auto aliases = json_field.find("aliases");
    if (aliases == json_field.end()) return true;
    if (!aliases->is_array()) return fail("aliases not an array: " + json_text(json_field)), false;
    for (const auto& alias : *aliases) {
      if (!alias.is_string()) return fail("alias not a string: " + json_text(alias)), false;
      const auto& text = alias.get_ref<const std::string&>();
      if (std::find(field.aliases.begin(), field.aliases.end(), text) == field.aliases.end())
        field.aliases.push_back(text);
    }
    return true;
  }

  bool parse_schema_aliases(Node& node, const Json& schema) {
    auto aliases = schema.find("aliases");
    if (aliases == schema.end()) return true;
    if (!aliases->is_array()) return fail("aliases not an array: " + json_text(schema)), false;
    for (const auto& alias : *aliases) {
      if (!alias.is_string()) return fail("alias not a string: " + json_text(alias)), false;
      QualifiedName name = qualify(alias.get_ref<const std::string&>(), node.space);
      if (auto bad = name_error(name.name)) return fail(*bad), false;
      if (std::find(node.aliases.begin(), node.aliases.end(), name.full) == node.aliases.end())
        node.aliases.push_back(name.full);
    }
    return true;
  }

  const Node* parse_union(const Json& schema, const std::string& space) {
    Node* node = graph_.add(Type::Union);
    std::unordered_set<std::string> seen;
    for (const auto& branch_json : schema) {
      const Node* branch = parse(branch_json, space);
      if (!branch) return nullptr;
      node->branches.push_back(branch);
      if (branch->type == Type::Union) return fail("Nested union: " + java_schema_text(*node));
      std::string key = is_named(branch->type) ? branch->full_name : std::string(avro_type_name(branch->type));
      if (!seen.insert(key).second) return fail("Duplicate in union:" + key);
    }
    return node;
  }

  SchemaGraph& graph_;
  int depth_ = 0;
};

}  // namespace

ParseOutcome parse_schema_text(SchemaGraph& graph, std::string_view text) {
  Json json;
  try {
    json = parse_json<Json>(text);
  } catch (const Json::exception& e) {  // parse errors, and numbers beyond a double (1e400)
    return {nullptr, std::string("Invalid JSON: ") + e.what()};
  }
  Parser parser(graph);
  const Node* root = parser.parse(json, "");
  if (!root) return {nullptr, parser.error.empty() ? "Invalid schema" : parser.error};
  return {root, {}};
}

}  // namespace accord::formats::avro
