#include <vector>

#include "accord/formats/json.hpp"
#include "accord/model/errors.hpp"
#include "canonical.hpp"
#include "difference.hpp"
#include "parsed_json_schema.hpp"
#include "schema_diff.hpp"
#include "schema_loader.hpp"

namespace accord::formats {
namespace json {

ParsedJsonSchema::ParsedJsonSchema(nlohmann::ordered_json document, Draft draft,
                                   std::shared_ptr<const SchemaGraph> graph,
                                   std::shared_ptr<const InstanceValidator> validator)
    : document_(std::move(document)),
      draft_(draft),
      canonical_(canonical_text(document_)),
      graph_(std::move(graph)),
      validator_(std::move(validator)) {}

std::string ParsedJsonSchema::normalized() const { return normalized_text(document_); }

namespace {

Error invalid(std::string_view reason) { return errors::invalid_schema("JSON", reason); }

class JsonSchemaFormat final : public Format {
 public:
  SchemaType type() const override { return SchemaType::Json; }

  Result<ParsedSchemaPtr> parse(std::string_view text, std::span<const ResolvedReference> references) const override {
    auto document = nlohmann::ordered_json::parse(text, nullptr, false);
    if (document.is_discarded()) return invalid("Invalid JSON: the schema text is not JSON");
    std::vector<ReferencedDocument> referenced;
    for (const auto& r : references) {
      auto doc = nlohmann::ordered_json::parse(r.text, nullptr, false);
      if (doc.is_discarded()) return invalid("Invalid JSON: referenced schema '" + r.name + "' is not JSON");
      referenced.push_back({r.name, std::move(doc)});
    }
    auto graph = load_schema(document, referenced);
    if (!graph) return invalid(graph.error().message);
    Draft draft = draft_of(document);
    auto validator = InstanceValidator::compile(document, draft, referenced);
    if (!validator) return invalid(validator.error().message);
    return ParsedSchemaPtr(std::make_shared<ParsedJsonSchema>(std::move(document), draft, std::move(*graph),
                                                              std::move(*validator)));
  }

  std::vector<Incompatibility> check(const ParsedSchema& reader, const ParsedSchema& writer) const override {
    const auto* r = dynamic_cast<const ParsedJsonSchema*>(&reader);
    const auto* w = dynamic_cast<const ParsedJsonSchema*>(&writer);
    if (!r || !w) return {{"TYPE_CHANGED", "#/", "Incompatible because of different schema type"}};
    // Confluent's SchemaDiff.compare(original = writer, update = reader).
    std::vector<Incompatibility> breaks;
    for (const auto& d : compare_schemas(w->root(), r->root())) {
      if (is_compatible_change(d.kind)) continue;
      breaks.push_back({d.kind, d.path, describe(d)});
    }
    return breaks;
  }
};

}  // namespace
}  // namespace json

std::unique_ptr<Format> make_json_format() { return std::make_unique<json::JsonSchemaFormat>(); }

Status validate_instance(const ParsedSchema& schema, std::string_view json_document) {
  const auto* parsed = dynamic_cast<const json::ParsedJsonSchema*>(&schema);
  if (!parsed) return errors::invalid_schema("JSON", "not a JSON schema");
  return parsed->validator().validate(json_document);
}

}  // namespace accord::formats
