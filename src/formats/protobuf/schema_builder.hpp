#pragma once
// Parse + resolve + validate: the schema's imports are built into a pool first (from its
// references, from libprotobuf's compiled-in well-known types, or from the bundled
// google/type files), then the schema itself on top of them.
#include <span>
#include <string_view>

#include "accord/formats/format.hpp"

namespace accord::formats::protobuf {

Result<ParsedSchemaPtr> build_proto_schema(std::string_view text, std::span<const ResolvedReference> references);

}  // namespace accord::formats::protobuf
