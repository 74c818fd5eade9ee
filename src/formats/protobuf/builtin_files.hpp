#pragma once
// Files a schema may import without a reference. google/protobuf/* come from the
// descriptors compiled into libprotobuf; the ones here are those Confluent also bundles
// (google/type/* common types, confluent/meta.proto, confluent/type/decimal.proto),
// which libprotobuf does not carry.
#include <string_view>

namespace accord::formats::protobuf {

// The .proto text of a bundled file, or an empty view when `import_path` is not one.
std::string_view bundled_proto_text(std::string_view import_path);

}  // namespace accord::formats::protobuf
