#include "accord/formats/protobuf.hpp"

#include "diff_context.hpp"
#include "schema_builder.hpp"

namespace accord::formats {
namespace {

class ProtobufFormat final : public Format {
 public:
  SchemaType type() const override { return SchemaType::Protobuf; }

  Result<ParsedSchemaPtr> parse(std::string_view text, std::span<const ResolvedReference> references) const override {
    return protobuf::build_proto_schema(text, references);
  }

  // Confluent diffs the registered schema ("original") against the new one ("update") and
  // asks whether the update reads the original's data: so the writer is the original.
  std::vector<Incompatibility> check(const ParsedSchema& reader, const ParsedSchema& writer) const override {
    const auto* update = dynamic_cast<const protobuf::ProtoSchema*>(&reader);
    const auto* original = dynamic_cast<const protobuf::ProtoSchema*>(&writer);
    if (update == nullptr || original == nullptr) {
      return {{"SCHEMA_TYPE_CHANGED", "#/", "Incompatible because of different schema type"}};
    }
    protobuf::DiffContext diff(*original, *update);
    diff.compare_files(*original->file(), *update->file());
    std::vector<Incompatibility> out;
    for (const auto& d : diff.differences()) {
      if (!protobuf::breaks_compatibility(d.change)) continue;
      out.push_back({std::string(protobuf::change_name(d.change)), d.path, protobuf::describe(d)});
    }
    return out;
  }
};

}  // namespace

std::unique_ptr<Format> make_protobuf_format() { return std::make_unique<ProtobufFormat>(); }

}  // namespace accord::formats
