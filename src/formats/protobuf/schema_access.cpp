// The helpers of protobuf.hpp that hand a parsed schema's descriptor to other modules.
#include <google/protobuf/descriptor.pb.h>

#include "accord/formats/protobuf.hpp"
#include "accord/model/errors.hpp"
#include "base64.hpp"
#include "proto_schema.hpp"

namespace accord::formats {

const google::protobuf::FileDescriptor* protobuf_file_descriptor(const ParsedSchema& schema) {
  const auto* proto = dynamic_cast<const protobuf::ProtoSchema*>(&schema);
  return proto == nullptr ? nullptr : proto->file();
}

std::shared_ptr<const google::protobuf::FileDescriptor> protobuf_file_descriptor(ParsedSchemaPtr schema) {
  const auto* file = schema ? protobuf_file_descriptor(*schema) : nullptr;
  if (file == nullptr) return nullptr;
  return std::shared_ptr<const google::protobuf::FileDescriptor>(std::move(schema), file);
}

Result<std::string> protobuf_serialized(const ParsedSchema& schema) {
  auto serialized = schema.type() == SchemaType::Protobuf ? schema.formatted("serialized") : std::nullopt;
  if (!serialized) return errors::invalid_schema(to_string(schema.type()), "not a PROTOBUF schema");
  return std::move(*serialized);
}

}  // namespace accord::formats
