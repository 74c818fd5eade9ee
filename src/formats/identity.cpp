#include "accord/formats/identity.hpp"

#include "accord/model/errors.hpp"
#include "md5.hpp"

#include <exception>
#include <nlohmann/json.hpp>
#include <set>

namespace accord::formats {
namespace {

// Metadata and ruleSet are JSON objects; a foreign writer may order their keys differently.
std::string sorted_json(const std::string& text) {
  try {
    return nlohmann::json::parse(text).dump();  // nlohmann::json keeps keys sorted
  } catch (const std::exception&) {
    return text;
  }
}

}  // namespace

std::string identity_digest(std::string_view text, const Schema& schema) {
  detail::Md5 md;
  md.feed(text);
  md.feed_references(schema.references);
  if (schema.metadata) {
    md.feed("\x01");
    md.feed(sorted_json(*schema.metadata));
  }
  if (schema.rule_set) {
    md.feed("\x01");
    md.feed(sorted_json(*schema.rule_set));
  }
  return md.digest();
}

std::string schema_identity(const ParsedSchema& parsed, const Schema& schema) {
  return identity_digest(parsed.normalized(), schema);
}

std::string stored_schema_identity(const Schema& schema, std::span<const ResolvedReference> references) {
  if (const auto* format = format_for(schema.type)) {
    try {
      if (auto parsed = format->parse(schema.text, references)) return schema_identity(**parsed, schema);
    } catch (const std::exception&) {
      // a parser that throws is treated like one that refuses the text
    }
  }
  return identity_digest(schema.text, schema);
}

Result<std::vector<ResolvedReference>> resolve_references(const std::vector<SchemaReference>& references,
                                                          const ReferenceLookup& lookup, std::size_t max_references,
                                                          std::string_view type_name) {
  std::vector<ResolvedReference> out;
  std::set<std::string> seen;
  std::set<std::pair<std::string, VersionNumber>> path;  // guards against reference cycles
  std::function<Status(const std::vector<SchemaReference>&)> visit = [&](const auto& refs) -> Status {
    for (const auto& ref : refs) {
      if (seen.count(ref.name)) continue;
      if (out.size() >= max_references)
        return errors::invalid_schema(type_name, "too many references (limit " + std::to_string(max_references) + ")");
      auto target = lookup(ref);
      if (!target)
        return errors::invalid_schema(type_name, "reference '" + ref.name + "' to subject '" + ref.subject +
                                                     "' version " + std::to_string(ref.version) + " not found");
      if (!path.insert({target->subject, target->version}).second)
        return errors::invalid_schema(type_name, "circular reference through '" + ref.name + "'");
      if (auto s = visit(target->references); !s) return s;
      path.erase({target->subject, target->version});
      if (seen.insert(ref.name).second)
        out.push_back({ref.name, target->subject, target->version, std::move(target->text)});
    }
    return Ok{};
  };
  if (auto s = visit(references); !s) return s.error();
  return out;
}

}  // namespace accord::formats
