#pragma once
// Turns what a client registers into a FileDescriptorProto: .proto text through
// libprotobuf's own parser, or a base64 serialized FileDescriptorProto (what Confluent's
// Python and JavaScript serializers send).
#include <google/protobuf/compiler/parser.h>
#include <google/protobuf/descriptor.pb.h>

#include <memory>
#include <string>
#include <string_view>

#include "accord/model/error.hpp"

namespace accord::formats::protobuf {

struct ProtoSource {
  google::protobuf::FileDescriptorProto file;
  // Where each element of `file` was written, to give validation errors a line and column;
  // empty when the source was a serialized descriptor. Keyed by the addresses of the
  // messages inside `file`, so ProtoSource is kept behind a pointer and never copied.
  google::protobuf::compiler::SourceLocationTable locations;
};

// `file_name` becomes the descriptor's name (the import path others use for it).
// Errors are InvalidSchema with the parser's 1-based line and column.
Result<std::unique_ptr<ProtoSource>> read_proto_source(std::string_view text, const std::string& file_name);

// The "line L:C: " prefix for an error at 0-based `line`/`column` (nothing when line < 0).
std::string location_prefix(int line, int column);

}  // namespace accord::formats::protobuf
