#include "accord/formats/avro.hpp"

#include "accord/model/errors.hpp"
#include "avro_schema.hpp"
#include "compatibility.hpp"
#include "schema_parser.hpp"
#include "schema_writer.hpp"

namespace accord::formats {
namespace {

class AvroFormat final : public Format {
 public:
  SchemaType type() const override { return SchemaType::Avro; }

  Result<ParsedSchemaPtr> parse(std::string_view text, std::span<const ResolvedReference> references) const override {
    auto graph = std::make_unique<avro::SchemaGraph>();
    // References first, into the same name table, so the schema uses their types by name.
    for (const auto& reference : references) {
      auto before = graph->named;
      auto outcome = avro::parse_schema_text(*graph, reference.text);
      if (!outcome.root)
        return errors::invalid_schema("AVRO", "reference '" + reference.name + "': " + outcome.error);
      for (const auto& [name, node] : graph->named)
        if (!before.count(name)) graph->from_references.insert(node);
    }
    auto outcome = avro::parse_schema_text(*graph, text);
    if (!outcome.root) return errors::invalid_schema("AVRO", outcome.error);
    graph->root = outcome.root;
    return ParsedSchemaPtr(std::make_shared<avro::AvroSchema>(std::move(graph)));
  }

  std::vector<Incompatibility> check(const ParsedSchema& reader, const ParsedSchema& writer) const override {
    const auto* r = dynamic_cast<const avro::AvroSchema*>(&reader);
    const auto* w = dynamic_cast<const avro::AvroSchema*>(&writer);
    if (!r || !w) return {Incompatibility{"TYPE_MISMATCH", "/", "Incompatible because of different schema type"}};
    return avro::check_compatibility(r->root(), w->root());
  }
};

}  // namespace

std::unique_ptr<Format> make_avro_format() { return std::make_unique<AvroFormat>(); }

std::string avro_parsing_canonical_form(const ParsedSchema& schema) {
  const auto* avro = dynamic_cast<const avro::AvroSchema*>(&schema);
  return avro ? avro::parsing_canonical_form(avro->root()) : std::string();
}

uint64_t avro_fingerprint64(const ParsedSchema& schema) {
  const auto* avro = dynamic_cast<const avro::AvroSchema*>(&schema);
  return avro ? avro_rabin_fingerprint(avro::parsing_canonical_form(avro->root())) : 0;
}

}  // namespace accord::formats
