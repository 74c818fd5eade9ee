#include "schema_writer.hpp"

#include <algorithm>
#include <unordered_set>

#include "json_text.hpp"

namespace accord::formats::avro {
namespace {

enum class Style { Java, Normalized };

class Writer {
 public:
  Writer(std::string& out, Style style) : out_(out), style_(style) {}

  void know(const Node* node) { written_.insert(node); }

  void write(const Node& node) {
    switch (node.type) {
      case Type::Record:
      case Type::Enum:
      case Type::Fixed: write_named(node); break;
      case Type::Array:
      case Type::Map:
        out_ += node.type == Type::Array ? R"({"type":"array","items":)" : R"({"type":"map","values":)";
        write(*node.element);
        write_props(node.props);
        out_ += '}';
        break;
      case Type::Union: {
        out_ += '[';
        bool first = true;
        for (const Node* branch : node.branches) {
          if (!first) out_ += ',';
          first = false;
          write(*branch);
        }
        out_ += ']';
        break;
      }
      default:
        if (node.props.empty()) {
          append_json_string(out_, avro_type_name(node.type));
        } else {
          out_ += R"({"type":)";
          append_json_string(out_, avro_type_name(node.type));
          write_props(node.props);
          out_ += '}';
        }
    }
  }

 private:
  bool normalized() const { return style_ == Style::Normalized; }

  void key(std::string_view name) {
    out_ += ',';
    append_json_string(out_, name);
    out_ += ':';
  }

  // Java's getQualified: the short name when the namespace is the enclosing one.
  void write_reference(const Node& node) {
    if (normalized() || !(node.space.empty() || node.space == space_)) {
      append_json_string(out_, node.full_name);
    } else {
      append_json_string(out_, node.name);
    }
  }

  void write_named(const Node& node) {
    if (written_.count(&node)) return write_reference(node);
    written_.insert(&node);
    std::string saved_space = space_;
    out_ += R"({"type":)";
    append_json_string(out_, node.type == Type::Record ? (node.is_error ? "error" : "record") : avro_type_name(node.type));
    key("name");
    if (normalized()) {
      append_json_string(out_, node.full_name);
    } else {
      append_json_string(out_, node.name);
      if (node.space != space_) {
        key("namespace");
        append_json_string(out_, node.space);
      }
    }
    if (node.type == Type::Record) space_ = node.space;
    if (node.doc) {
      key("doc");
      append_json_string(out_, *node.doc);
    }
    if (node.type == Type::Record) {
      key("fields");
      write_fields(node);
    } else if (node.type == Type::Enum) {
      key("symbols");
      write_strings(node.symbols);
      if (node.enum_default) {
        key("default");
        append_json_string(out_, *node.enum_default);
      }
    } else {
      key("size");
      out_ += std::to_string(node.size);
    }
    if (normalized()) {
      write_aliases(node);
      write_props(node.props);
    } else {
      write_props(node.props);
      write_aliases(node);
    }
    out_ += '}';
    space_ = saved_space;
  }

  void write_aliases(const Node& node) {
    if (node.aliases.empty()) return;
    key("aliases");
    out_ += '[';
    bool first = true;
    for (const auto& alias : node.aliases) {
      if (!first) out_ += ',';
      first = false;
      // Relative to the schema's own namespace, as Java's aliasesToJson writes them.
      std::string_view text = alias;
      if (!normalized() && !node.space.empty() && alias.size() > node.space.size() &&
          alias.compare(0, node.space.size(), node.space) == 0 && alias[node.space.size()] == '.' &&
          alias.find('.', node.space.size() + 1) == std::string::npos)
        text = std::string_view(alias).substr(node.space.size() + 1);
      append_json_string(out_, text);
    }
    out_ += ']';
  }

  void write_fields(const Node& record) {
    out_ += '[';
    bool first = true;
    for (const Field& field : record.fields) {
      if (!first) out_ += ',';
      first = false;
      out_ += R"({"name":)";
      append_json_string(out_, field.name);
      key("type");
      write(*field.type);
      if (field.doc) {
        key("doc");
        append_json_string(out_, *field.doc);
      }
      if (field.default_value) {
        key("default");
        append_json_value(out_, *field.default_value, normalized() ? KeyOrder::Sorted : KeyOrder::AsParsed);
      }
      if (field.order != FieldOrder::Ascending) {
        key("order");
        append_json_string(out_, field.order == FieldOrder::Descending ? "descending" : "ignore");
      }
      if (!field.aliases.empty()) {
        key("aliases");
        write_strings(field.aliases);
      }
      write_props(field.props);
      out_ += '}';
    }
    out_ += ']';
  }

  void write_strings(const std::vector<std::string>& strings) {
    out_ += '[';
    bool first = true;
    for (const auto& s : strings) {
      if (!first) out_ += ',';
      first = false;
      append_json_string(out_, s);
    }
    out_ += ']';
  }

  void write_props(const Props& props) {
    if (!normalized()) {
      for (const auto& [name, value] : props) {
        key(name);
        append_json_value(out_, value);
      }
      return;
    }
    std::vector<const std::pair<std::string, Json>*> sorted;
    for (const auto& p : props) sorted.push_back(&p);
    std::sort(sorted.begin(), sorted.end(), [](auto* a, auto* b) { return a->first < b->first; });
    for (const auto* p : sorted) {
      key(p->first);
      append_json_value(out_, p->second, KeyOrder::Sorted);
    }
  }

  std::string& out_;
  Style style_;
  std::unordered_set<const Node*> written_;
  std::string space_;  // Java's Names.space: the enclosing namespace
};

void known_reference_types(const SchemaGraph& graph, Writer& writer) {
  for (const auto& [name, node] : graph.named)
    if (node != nullptr && graph.defined_by_reference(node)) writer.know(node);
}

void write_pcf(std::string& out, const Node& node, std::unordered_set<const Node*>& seen) {
  auto strings = [&](const std::vector<std::string>& list) {
    out += '[';
    for (std::size_t i = 0; i < list.size(); ++i) {
      if (i) out += ',';
      append_json_string(out, list[i]);
    }
    out += ']';
  };
  switch (node.type) {
    case Type::Record:
    case Type::Enum:
    case Type::Fixed:
      if (!seen.insert(&node).second) {
        append_json_string(out, node.full_name);
        return;
      }
      out += R"({"name":)";
      append_json_string(out, node.full_name);
      out += R"(,"type":)";
      if (node.type == Type::Record) {
        out += R"("record","fields":[)";
        for (std::size_t i = 0; i < node.fields.size(); ++i) {
          if (i) out += ',';
          out += R"({"name":)";
          append_json_string(out, node.fields[i].name);
          out += R"(,"type":)";
          write_pcf(out, *node.fields[i].type, seen);
          out += '}';
        }
        out += "]}";
      } else if (node.type == Type::Enum) {
        out += R"("enum","symbols":)";
        strings(node.symbols);
        out += '}';
      } else {
        out += R"("fixed","size":)" + std::to_string(node.size) + "}";
      }
      return;
    case Type::Array:
    case Type::Map:
      out += node.type == Type::Array ? R"({"type":"array","items":)" : R"({"type":"map","values":)";
      write_pcf(out, *node.element, seen);
      out += '}';
      return;
    case Type::Union:
      out += '[';
      for (std::size_t i = 0; i < node.branches.size(); ++i) {
        if (i) out += ',';
        write_pcf(out, *node.branches[i], seen);
      }
      out += ']';
      return;
    default: append_json_string(out, avro_type_name(node.type));
  }
}

}  // namespace

std::string java_schema_text(const Node& node) {
  std::string out;
  Writer(out, Style::Java).write(node);
  return out;
}

std::string canonical_text(const SchemaGraph& graph) {
  std::string out;
  Writer writer(out, Style::Java);
  known_reference_types(graph, writer);
  writer.write(*graph.root);
  return out;
}

std::string normalized_text(const SchemaGraph& graph) {
  std::string out;
  Writer writer(out, Style::Normalized);
  known_reference_types(graph, writer);
  writer.write(*graph.root);
  return out;
}

std::string parsing_canonical_form(const Node& root) {
  std::string out;
  std::unordered_set<const Node*> seen;
  write_pcf(out, root, seen);
  return out;
}

}  // namespace accord::formats::avro
