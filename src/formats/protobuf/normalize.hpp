#pragma once
// normalize=true: a canonical ordering so that equivalent schemas print identically.
// Imports sorted and deduplicated, fields by number, oneofs by their first field, enum
// values by number, reserved and extension ranges sorted. Messages and enums keep their
// order: serialized data names a message by its index in the file. Options need no
// sorting: a descriptor holds them as a message, printed in field-number order.
#include <google/protobuf/descriptor.h>
#include <google/protobuf/descriptor.pb.h>

namespace accord::formats::protobuf {

google::protobuf::FileDescriptorProto normalized_file(const google::protobuf::FileDescriptor& file);

}  // namespace accord::formats::protobuf
