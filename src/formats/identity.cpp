#include "accord/formats/identity.hpp"

#include <openssl/evp.h>

#include "accord/model/errors.hpp"

#include <array>
#include <exception>
#include <memory>
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
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), EVP_MD_CTX_free);
  EVP_DigestInit_ex(ctx.get(), EVP_md5(), nullptr);
  auto feed = [&](std::string_view bytes) { EVP_DigestUpdate(ctx.get(), bytes.data(), bytes.size()); };
  feed(text);
  for (const auto& ref : schema.references) {
    feed(ref.name);
    feed(ref.subject);
    const auto v = static_cast<uint32_t>(ref.version);
    const std::array<char, 4> be{static_cast<char>(v >> 24), static_cast<char>(v >> 16), static_cast<char>(v >> 8),
                                 static_cast<char>(v)};
    feed(std::string_view(be.data(), be.size()));
  }
  if (schema.metadata) {
    feed("\x01");
    feed(sorted_json(*schema.metadata));
  }
  if (schema.rule_set) {
    feed("\x01");
    feed(sorted_json(*schema.rule_set));
  }
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  EVP_DigestFinal_ex(ctx.get(), digest.data(), &length);
  return std::string(reinterpret_cast<const char*>(digest.data()), length);
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
