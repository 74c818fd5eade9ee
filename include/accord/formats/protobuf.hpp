#pragma once
// The PROTOBUF format: .proto text (proto2/proto3) parsed by libprotobuf, imports resolved
// through the schema's references, Confluent's compatibility rules. Besides the Format
// plug-in, the helpers below serve the REST layer (`?format=serialized`) and the serde
// library (message indexes of the wire format, descriptors for DynamicMessage).
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "accord/formats/format.hpp"
#include "accord/model/error.hpp"

namespace google::protobuf {
class FileDescriptor;
}  // namespace google::protobuf

namespace accord::formats {

std::unique_ptr<Format> make_protobuf_format();

// The parsed file's descriptor, living in a pool that also holds its imports; nullptr when
// `schema` is not a PROTOBUF schema. Valid as long as `schema` lives.
const google::protobuf::FileDescriptor* protobuf_file_descriptor(const ParsedSchema& schema);

// The same descriptor, keeping the schema (and its pool) alive for as long as it is held.
std::shared_ptr<const google::protobuf::FileDescriptor> protobuf_file_descriptor(ParsedSchemaPtr schema);

// The schema as a base64-encoded serialized FileDescriptorProto (`?format=serialized`),
// the form Confluent's Python and JavaScript serializers register.
Result<std::string> protobuf_serialized(const ParsedSchema& schema);

// Message indexes of the serialized wire format: the path of a message inside the file
// (index among the top-level messages, then among the nested messages of that one, ...).
// Synthetic map-entry messages are not counted, as in Confluent's text schemas.
// `full_name` is the fully-qualified message name, with or without a leading dot.
Result<std::vector<int>> protobuf_message_indexes(const ParsedSchema& schema, std::string_view full_name);

// The fully-qualified name of the message at `indexes`; an empty path means [0].
Result<std::string> protobuf_message_name(const ParsedSchema& schema, std::span<const int> indexes);

}  // namespace accord::formats
