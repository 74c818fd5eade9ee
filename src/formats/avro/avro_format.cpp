#include "accord/formats/avro.hpp"
#include "accord/model/errors.hpp"

namespace accord::formats {
namespace {
// Placeholder until the AVRO format lands: every schema is refused with a clear 422.
class Unsupported final : public Format {
 public:
  SchemaType type() const override { return SchemaType::Avro; }
  Result<ParsedSchemaPtr> parse(std::string_view, std::span<const ResolvedReference>) const override {
    return errors::invalid_schema("AVRO", "unsupported schema type AVRO");
  }
  std::vector<Incompatibility> check(const ParsedSchema&, const ParsedSchema&) const override { return {}; }
};
}  // namespace

std::unique_ptr<Format> make_avro_format() { return std::make_unique<Unsupported>(); }
}  // namespace accord::formats
