#include "compatibility.hpp"

#include <algorithm>
#include <set>
#include <string>
#include <unordered_map>

namespace accord::formats::avro {
namespace {

struct PairHash {
  std::size_t operator()(const std::pair<const Node*, const Node*>& p) const {
    return std::hash<const void*>()(p.first) * 31 + std::hash<const void*>()(p.second);
  }
};

// Java's SchemaCompatibility.schemaNameEquals: equal short names, or a reader alias naming
// the writer's full name.
bool names_match(const Node& reader, const Node& writer) {
  if (reader.name == writer.name) return true;
  return std::find(reader.aliases.begin(), reader.aliases.end(), writer.full_name) != reader.aliases.end();
}

class Checker {
 public:
  std::vector<Incompatibility> run(const Node& reader, const Node& writer) {
    std::vector<Incompatibility> out;
    compatibility(nullptr, reader, writer, out);
    return out;
  }

 private:
  struct Memo {
    bool in_progress = true;
    std::vector<Incompatibility> result;
  };

  // One step into the reader schema, as a JSON-pointer token (Java's location stack).
  class Step {
   public:
    Step(std::string& path, std::string_view token) : path_(path), size_(path.size()) {
      path_ += '/';
      path_ += token;
    }
    ~Step() { path_.resize(size_); }
    Step(const Step&) = delete;
    Step& operator=(const Step&) = delete;

   private:
    std::string& path_;
    std::size_t size_;
  };

  // Java starts a fresh location (and reports paths from there) when it checks union
  // branches; the enclosing path is kept in the buffer and hidden from reports.
  class FreshLocation {
   public:
    explicit FreshLocation(Checker& c) : c_(c), saved_(c.base_) { c_.base_ = c_.path_.size(); }
    ~FreshLocation() { c_.base_ = saved_; }
    FreshLocation(const FreshLocation&) = delete;
    FreshLocation& operator=(const FreshLocation&) = delete;

   private:
    Checker& c_;
    std::size_t saved_;
  };

  std::string location() const {
    return path_.size() == base_ ? std::string("/") : path_.substr(base_);
  }

  void add(std::vector<Incompatibility>& out, const char* kind, std::string message) {
    out.push_back(Incompatibility{kind, location(), std::move(message)});
  }

  // Java's getCompatibility(token, reader, writer, location), memoized for record pairs
  // (every cycle of a recursive schema passes through one), so recursion terminates:
  // a pair met again while in progress counts as compatible until proven otherwise.
  bool compatibility(const char* token, const Node& reader, const Node& writer, std::vector<Incompatibility>& out) {
    std::optional<Step> step;
    if (token) step.emplace(path_, token);
    if (reader.type != Type::Record || writer.type != Type::Record) {
      std::size_t before = out.size();
      calculate(reader, writer, out);
      return out.size() == before;
    }
    auto key = std::make_pair(&reader, &writer);
    if (auto it = memo_.find(key); it != memo_.end()) {
      if (it->second.in_progress) return true;
      out.insert(out.end(), it->second.result.begin(), it->second.result.end());
      return it->second.result.empty();
    }
    memo_.emplace(key, Memo{});
    std::size_t before = out.size();
    calculate(reader, writer, out);
    Memo& memo = memo_[key];
    memo.in_progress = false;
    memo.result.assign(out.begin() + static_cast<std::ptrdiff_t>(before), out.end());
    return out.size() == before;
  }

  // A check whose breaks only decide a verdict (Java's two-argument getCompatibility).
  bool fresh_compatibility(const Node& reader, const Node& writer, std::vector<Incompatibility>& out) {
    FreshLocation fresh(*this);
    return compatibility(nullptr, reader, writer, out);
  }

  void calculate(const Node& reader, const Node& writer, std::vector<Incompatibility>& out) {
    if (reader.type == writer.type) {
      switch (reader.type) {
        case Type::Array: compatibility("items", *reader.element, *writer.element, out); return;
        case Type::Map: compatibility("values", *reader.element, *writer.element, out); return;
        case Type::Fixed:
          check_names(reader, writer, out);
          check_fixed_size(reader, writer, out);
          return;
        case Type::Enum:
          check_names(reader, writer, out);
          check_enum_symbols(reader, writer, out);
          return;
        case Type::Record:
          check_names(reader, writer, out);
          check_fields(reader, writer, out);
          return;
        case Type::Union: {
          // Every writer branch must be readable by the reader union.
          for (std::size_t i = 0; i < writer.branches.size(); ++i) {
            Step step(path_, std::to_string(i));
            std::vector<Incompatibility> ignored;
            if (!fresh_compatibility(reader, *writer.branches[i], ignored))
              add(out, "MISSING_UNION_BRANCH",
                  "The new schema is missing a type inside a union field at path '" + location() +
                      "' in the old schema (reader union lacking writer type: " +
                      std::string(java_type_name(writer.branches[i]->type)) + ")");
          }
          return;
        }
        default: return;  // same primitive type
      }
    }
    if (writer.type == Type::Union) {
      // A reader that is not a union must read every branch the writer may have written.
      for (const Node* branch : writer.branches) fresh_compatibility(reader, *branch, out);
      return;
    }
    switch (reader.type) {
      case Type::Long:
        if (writer.type == Type::Int) return;
        break;
      case Type::Float:
        if (writer.type == Type::Int || writer.type == Type::Long) return;
        break;
      case Type::Double:
        if (writer.type == Type::Int || writer.type == Type::Long || writer.type == Type::Float) return;
        break;
      case Type::Bytes:
        if (writer.type == Type::String) return;
        break;
      case Type::String:
        if (writer.type == Type::Bytes) return;
        break;
      case Type::Union: {
        for (const Node* branch : reader.branches) {
          std::vector<Incompatibility> ignored;
          if (fresh_compatibility(*branch, writer, ignored)) return;
        }
        add(out, "MISSING_UNION_BRANCH",
            "The new schema is missing a type inside a union field at path '" + location() +
                "' in the old schema (reader union lacking writer type: " + std::string(java_type_name(writer.type)) +
                ")");
        return;
      }
      default: break;
    }
    add(out, "TYPE_MISMATCH",
        "The type (path '" + location() + "') of a field in the new schema does not match with the old schema (reader type: " +
            std::string(java_type_name(reader.type)) + " not compatible with writer type: " +
            std::string(java_type_name(writer.type)) + ")");
  }

  void check_names(const Node& reader, const Node& writer, std::vector<Incompatibility>& out) {
    if (names_match(reader, writer)) return;
    Step step(path_, "name");
    add(out, "NAME_MISMATCH",
        "The name of the schema has changed (path '" + location() + "') (expected: " + writer.full_name +
            ", found: " + reader.full_name + ")");
  }

  void check_fixed_size(const Node& reader, const Node& writer, std::vector<Incompatibility>& out) {
    if (reader.size == writer.size) return;
    Step step(path_, "size");
    add(out, "FIXED_SIZE_MISMATCH",
        "The size of FIXED type field at path '" + location() +
            "' in the new schema does not match with the old schema (expected: " + std::to_string(writer.size) +
            ", found: " + std::to_string(reader.size) + ")");
  }

  void check_enum_symbols(const Node& reader, const Node& writer, std::vector<Incompatibility>& out) {
    // Java lists the missing symbols sorted (a TreeSet).
    std::set<std::string_view> missing;
    for (const auto& symbol : writer.symbols)
      if (std::find(reader.symbols.begin(), reader.symbols.end(), symbol) == reader.symbols.end())
        missing.insert(symbol);
    if (missing.empty() || reader.enum_default) return;
    std::string list = "[";
    for (auto symbol : missing) {
      if (list.size() > 1) list += ", ";
      list += symbol;
    }
    list += "]";
    Step step(path_, "symbols");
    add(out, "MISSING_ENUM_SYMBOLS",
        "The new schema is missing enum symbols '" + list + "' at path '" + location() + "' in the old schema");
  }

  // Java's lookupWriterField: the field of the same name, or of a reader field alias.
  // Several matches make Java throw; the first is used here and the break reported.
  const Field* writer_field(const Node& writer, const Field& reader_field, bool& ambiguous) const {
    const Field* found = writer.field(reader_field.name);
    ambiguous = false;
    for (const auto& alias : reader_field.aliases) {
      if (const Field* f = writer.field(alias)) {
        if (found) ambiguous = true;
        else found = f;
      }
    }
    return found;
  }

  void check_fields(const Node& reader, const Node& writer, std::vector<Incompatibility>& out) {
    Step fields(path_, "fields");
    for (std::size_t pos = 0; pos < reader.fields.size(); ++pos) {
      const Field& field = reader.fields[pos];
      Step index(path_, std::to_string(pos));
      bool ambiguous = false;
      const Field* source = writer_field(writer, field, ambiguous);
      if (ambiguous) {
        add(out, "TYPE_MISMATCH",
            "The field '" + field.name + "' at path '" + location() + "' in the new schema matches several fields of " +
                writer.full_name + " in the old schema");
      } else if (source) {
        compatibility("type", *field.type, *source->type, out);
      } else if (!field.default_value) {
        if (field.type->type == Type::Enum && field.type->enum_default) {
          // Java 1.11 then compares the enum with the whole writer record (a type mismatch).
          compatibility("type", *field.type, writer, out);
        } else {
          add(out, "READER_FIELD_MISSING_DEFAULT_VALUE",
              "The field '" + field.name + "' at path '" + location() +
                  "' in the new schema has no default value and is missing in the old schema");
        }
      }
    }
  }

  std::string path_;
  std::size_t base_ = 0;
  std::unordered_map<std::pair<const Node*, const Node*>, Memo, PairHash> memo_;
};

}  // namespace

std::vector<Incompatibility> check_compatibility(const Node& reader, const Node& writer) {
  return Checker().run(reader, writer);
}

}  // namespace accord::formats::avro
