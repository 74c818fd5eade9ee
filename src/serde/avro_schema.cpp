#include <set>

#include "accord/serde/avro.hpp"

namespace accord::serde {
namespace {

const std::set<std::string> kPrimitives = {"null", "boolean", "int", "long", "float", "double", "bytes", "string"};

std::string namespace_of(const nlohmann::json& named, const std::string& enclosing) {
  const auto name = named.value("name", std::string());
  if (auto dot = name.rfind('.'); dot != std::string::npos) return name.substr(0, dot);
  if (named.contains("namespace") && named["namespace"].is_string()) return named["namespace"];
  return enclosing;
}

std::string full_name_of(const nlohmann::json& named, const std::string& enclosing) {
  const auto name = named.value("name", std::string());
  if (name.find('.') != std::string::npos) return name;
  const auto ns = namespace_of(named, enclosing);
  return ns.empty() ? name : ns + "." + name;
}

// Replaces the first use of each referenced named type by its definition, in document
// order, which is the order avro-c needs definitions in.
class ReferenceInliner {
 public:
  explicit ReferenceInliner(std::map<std::string, nlohmann::json> definitions)
      : definitions_(std::move(definitions)) {}

  void visit(nlohmann::json& node, const std::string& ns) {
    if (node.is_string()) {
      const std::string name = node;
      if (kPrimitives.count(name)) return;
      for (const auto& candidate : {name, ns.empty() ? name : ns + "." + name}) {
        auto it = definitions_.find(candidate);
        if (it == definitions_.end() || !inlined_.insert(candidate).second) continue;
        node = it->second;
        visit(node, "");
        return;
      }
    } else if (node.is_array()) {
      for (auto& branch : node) visit(branch, ns);
    } else if (node.is_object() && node.contains("type")) {
      const auto& type = node["type"];
      if (type == "record" || type == "error") {
        const auto inner = namespace_of(node, ns);
        if (node.contains("fields") && node["fields"].is_array())
          for (auto& field : node["fields"])
            if (field.is_object() && field.contains("type")) visit(field["type"], inner);
      } else if (type == "array" && node.contains("items")) {
        visit(node["items"], ns);
      } else if (type == "map" && node.contains("values")) {
        visit(node["values"], ns);
      } else if (type != "enum" && type != "fixed") {
        visit(node["type"], ns);
      }
    }
  }

 private:
  std::map<std::string, nlohmann::json> definitions_;
  std::set<std::string> inlined_;
};

SerdeResult<std::string> inline_references(const std::string& text, const std::vector<FetchedReference>& references) {
  std::map<std::string, nlohmann::json> definitions;
  for (const auto& ref : references) {
    auto json = nlohmann::json::parse(ref.text, nullptr, false);
    if (json.is_discarded())
      return serde_error(ErrorKind::InvalidSchema, "referenced schema " + ref.name + " is not JSON");
    if (json.is_object() && json.contains("name")) definitions[full_name_of(json, "")] = json;
  }
  auto root = nlohmann::json::parse(text, nullptr, false);
  if (root.is_discarded()) return serde_error(ErrorKind::InvalidSchema, "Avro schema is not JSON");
  ReferenceInliner(std::move(definitions)).visit(root, "");
  return root.dump();
}

}  // namespace

AvroSchema::AvroSchema(avro_schema_t schema, std::string text)
    : schema_(schema), class_(avro_generic_class_from_schema(schema)), text_(std::move(text)) {}

AvroSchema::~AvroSchema() {
  if (class_) avro_value_iface_decref(class_);
  avro_schema_decref(schema_);
}

SerdeResult<AvroSchemaPtr> AvroSchema::parse(const std::string& text, const std::vector<FetchedReference>& references) {
  std::string effective = text;
  if (!references.empty()) {
    auto inlined = inline_references(text, references);
    if (!inlined) return inlined.error();
    effective = std::move(*inlined);
  }
  avro_schema_t schema = nullptr;
  if (avro_schema_from_json_length(effective.data(), effective.size(), &schema) != 0)
    return serde_error(ErrorKind::InvalidSchema, std::string("Avro schema does not parse: ") + avro_strerror());
  std::shared_ptr<const AvroSchema> parsed(new AvroSchema(schema, text));
  if (!parsed->class_)
    return serde_error(ErrorKind::InvalidSchema, std::string("Avro schema has no value class: ") + avro_strerror());
  return parsed;
}

std::string AvroSchema::full_name() const {
  if (!is_avro_named_type(schema_)) return {};
  const char* name = avro_schema_name(schema_);
  const char* ns = avro_schema_namespace(schema_);
  if (!name) return {};
  return (ns && *ns) ? std::string(ns) + "." + name : std::string(name);
}

}  // namespace accord::serde
