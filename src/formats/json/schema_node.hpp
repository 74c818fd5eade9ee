#pragma once
// The checked form of a JSON Schema that compatibility is judged on. It mirrors the typed
// schema tree Confluent's provider builds (one node per string/number/object/array/enum/...
// constraint group, synthetic allOf where one schema object holds several groups), because
// Confluent's verdicts depend on that shape: e.g. `{"type":"string","enum":[..]}` is an
// allOf of a string node and an enum node.
#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace accord::formats::json {

enum class NodeKind {
  Empty,  // {} or no constraining keyword
  True,   // the boolean schema true
  False,  // the boolean schema false
  Object,
  Array,
  String,
  Number,
  Boolean,
  Null,
  Enum,
  Const,
  Combined,
  Not,
  Conditional,  // if/then/else: Confluent compares only its annotations
  Reference,
};

enum class Criterion { AllOf, AnyOf, OneOf };

std::string_view to_string(Criterion criterion);  // "allOf", "anyOf", "oneOf"

struct Node {
  NodeKind kind = NodeKind::Empty;
  // The JSON text this node was loaded from; equal texts are the same subschema.
  std::string source;

  // Annotations.
  std::optional<nlohmann::ordered_json> id, title, description, default_value;

  // String.
  std::optional<int64_t> min_length, max_length;
  std::optional<std::string> pattern;

  // Number. Bounds as doubles (Confluent compares doubleValue()); multipleOf kept as text
  // so divisibility is decided exactly.
  std::optional<double> minimum, maximum, exclusive_minimum, exclusive_maximum;
  std::optional<std::string> multiple_of;
  bool requires_integer = false;

  // Object.
  std::vector<std::pair<std::string, const Node*>> properties;
  // The same properties by name: the diff looks each one up, so a linear scan made
  // comparing two wide objects quadratic.
  std::unordered_map<std::string, const Node*> property_index;
  std::set<std::string> required;
  bool permits_additional_properties = true;
  const Node* additional_properties = nullptr;  // schema form only
  std::vector<std::pair<std::string, const Node*>> pattern_properties;
  std::vector<std::pair<std::string, std::set<std::string>>> property_dependencies;
  std::vector<std::pair<std::string, const Node*>> schema_dependencies;
  std::optional<int64_t> min_properties, max_properties;
  const Node* unevaluated_properties = nullptr;  // 2019-09+ only

  // Array.
  const Node* all_items = nullptr;       // items: <schema>
  std::vector<const Node*> item_schemas;  // tuple form: items: [...] / prefixItems
  bool permits_additional_items = true;
  const Node* additional_items = nullptr;  // schema form only
  std::optional<int64_t> min_items, max_items, min_contains, max_contains;
  bool unique_items = false;
  const Node* unevaluated_items = nullptr;  // 2019-09+ only

  // Enum / const.
  std::vector<nlohmann::ordered_json> enum_values;
  nlohmann::ordered_json const_value;

  // Combined.
  Criterion criterion = Criterion::AllOf;
  std::vector<const Node*> subschemas;

  // Not.
  const Node* must_not = nullptr;

  // Reference: the node the $ref resolves to (set once every document is loaded).
  std::string ref;
  const Node* target = nullptr;

  const Node* property(const std::string& name) const;
  bool has_default() const { return default_value.has_value(); }
  bool is_empty_schema() const { return kind == NodeKind::Empty || kind == NodeKind::True; }
};

// Owns every node of one schema (and of the schemas it references); nodes point at each other
// freely, which is how recursive $refs are represented.
struct SchemaGraph {
  std::vector<std::unique_ptr<Node>> nodes;
  const Node* root = nullptr;

  Node* make(NodeKind kind) {
    nodes.push_back(std::make_unique<Node>());
    nodes.back()->kind = kind;
    return nodes.back().get();
  }
};

}  // namespace accord::formats::json
