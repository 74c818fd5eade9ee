#include "proto_schema.hpp"

namespace accord::formats::protobuf {

FileOrigin ProtoSchema::origin(const google::protobuf::FileDescriptor* file) const {
  if (file == file_) return ReferenceOrigin{"", -1};
  auto it = origins_.find(file->name());
  return it == origins_.end() ? std::nullopt : it->second;
}

}  // namespace accord::formats::protobuf
