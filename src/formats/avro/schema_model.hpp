#pragma once
// Our own model of a parsed Avro schema. avro-c's parser drops defaults, aliases, doc and
// custom properties, all of which the registry must keep (canonical text, compatibility),
// so the schema graph is built here from nlohmann::json. Nodes are owned by a SchemaGraph
// and point at each other, which is how recursive types are represented.
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace accord::formats::avro {

// Keeps the input order of object keys, as Java's Jackson tree does (props print in order).
using Json = nlohmann::ordered_json;

enum class Type { Null, Boolean, Int, Long, Float, Double, Bytes, String, Record, Enum, Array, Map, Union, Fixed };

// Java's Schema.Type names, used in compatibility messages ("reader type: STRING ...").
std::string_view java_type_name(Type type);
// The Avro spelling ("string", "record").
std::string_view avro_type_name(Type type);
bool is_primitive(Type type);
bool is_named(Type type);

enum class FieldOrder { Ascending, Descending, Ignore };

// The logical type Java Avro recognises (after validation); an invalid or unknown one is
// None and only survives as the "logicalType" property.
enum class LogicalType {
  None, Decimal, Uuid, Date, TimeMillis, TimeMicros, TimestampMillis, TimestampMicros,
  LocalTimestampMillis, LocalTimestampMicros, Duration
};

// Custom properties, in input order.
using Props = std::vector<std::pair<std::string, Json>>;

struct Node;

struct Field {
  std::string name;
  const Node* type = nullptr;
  std::optional<std::string> doc;
  std::optional<Json> default_value;
  FieldOrder order = FieldOrder::Ascending;
  std::vector<std::string> aliases;  // as written (field aliases have no namespace)
  Props props;
};

struct Node {
  Type type = Type::Null;
  // Named types (record, enum, fixed).
  std::string name;       // short name
  std::string space;      // namespace, empty = none
  std::string full_name;  // space.name or name
  std::optional<std::string> doc;
  std::vector<std::string> aliases;  // full names, deduplicated, input order
  bool is_error = false;             // record declared as "error"
  // Record.
  std::vector<Field> fields;
  std::unordered_map<std::string_view, std::size_t> field_index;  // name -> position
  // Enum.
  std::vector<std::string> symbols;
  std::optional<std::string> enum_default;
  // Fixed.
  int64_t size = 0;
  // Array items / map values.
  const Node* element = nullptr;
  // Union.
  std::vector<const Node*> branches;

  LogicalType logical = LogicalType::None;
  Props props;

  const Field* field(std::string_view field_name) const {
    auto it = field_index.find(field_name);
    return it == field_index.end() ? nullptr : &fields[it->second];
  }
};

// Owns every node of one schema together with the nodes of its references.
struct SchemaGraph {
  std::vector<std::unique_ptr<Node>> nodes;
  std::unordered_map<std::string, const Node*> named;  // full name -> definition
  std::unordered_set<const Node*> from_references;    // named types the references define
  const Node* root = nullptr;

  bool defined_by_reference(const Node* node) const { return from_references.count(node) != 0; }

  Node* add(Type type) {
    nodes.push_back(std::make_unique<Node>());
    nodes.back()->type = type;
    return nodes.back().get();
  }
};

}  // namespace accord::formats::avro
