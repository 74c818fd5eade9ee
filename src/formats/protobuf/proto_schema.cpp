#include "proto_schema.hpp"

#include <google/protobuf/descriptor.pb.h>

#include <vector>

#include "base64.hpp"
#include "pool_errors.hpp"

namespace accord::formats::protobuf {
namespace {

namespace pb = google::protobuf;

// Clears every custom option (an extension of a *Options message, interpreted or kept as
// unknown fields) anywhere in a descriptor proto.
void strip_custom_options(pb::Message& message) {
  const auto* reflection = message.GetReflection();
  const auto* descriptor = message.GetDescriptor();
  const bool is_options = descriptor->file()->name() == "google/protobuf/descriptor.proto" &&
                          descriptor->name().size() > 7 &&
                          descriptor->name().compare(descriptor->name().size() - 7, 7, "Options") == 0;
  std::vector<const pb::FieldDescriptor*> fields;
  reflection->ListFields(message, &fields);
  for (const auto* field : fields) {
    if (is_options && field->is_extension()) {
      reflection->ClearField(&message, field);
      continue;
    }
    if (field->cpp_type() != pb::FieldDescriptor::CPPTYPE_MESSAGE) continue;
    if (field->is_repeated()) {
      for (int i = 0; i < reflection->FieldSize(message, field); ++i)
        strip_custom_options(*reflection->MutableRepeatedMessage(&message, field, i));
    } else {
      strip_custom_options(*reflection->MutableMessage(&message, field));
    }
  }
  if (is_options) reflection->MutableUnknownFields(&message)->Clear();
}

}  // namespace

std::optional<std::string> ProtoSchema::formatted(std::string_view format) const {
  if (format == "serialized") {
    pb::FileDescriptorProto proto;
    file_->CopyTo(&proto);
    return base64_encode(proto.SerializeAsString());
  }
  if (format == "ignore_extensions") {
    pb::FileDescriptorProto proto;
    file_->CopyTo(&proto);
    strip_custom_options(proto);
    pb::DescriptorPool pool(imports_.get());
    PoolErrors errors;
    const auto* stripped = pool.BuildFileCollectingErrors(proto, &errors);
    return stripped ? stripped->DebugString() : canonical_;
  }
  return std::nullopt;
}

FileOrigin ProtoSchema::origin(const google::protobuf::FileDescriptor* file) const {
  if (file == file_) return ReferenceOrigin{"", VersionNumber{-1}};
  auto it = origins_.find(file->name());
  return it == origins_.end() ? std::nullopt : it->second;
}

}  // namespace accord::formats::protobuf
