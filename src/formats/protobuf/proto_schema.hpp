#pragma once
// The checked form of a PROTOBUF schema: its file descriptor, built in a pool of its own on
// top of a pool holding its imports, plus where each imported file came from (the
// compatibility rules skip comparing a type that both sides take from the same
// subject-version).
#include <google/protobuf/descriptor.h>

#include <map>
#include <memory>
#include <optional>
#include <string>

#include "accord/formats/format.hpp"

namespace accord::formats::protobuf {

// The registered schema an imported file was resolved from.
struct ReferenceOrigin {
  std::string subject;
  VersionNumber version{0};
  bool operator==(const ReferenceOrigin&) const = default;
};

// Where a file of the pool came from: the schema itself (a fixed origin, so two schemas'
// own types compare as "same origin"), a reference, or nothing (built-in files).
using FileOrigin = std::optional<ReferenceOrigin>;

class ProtoSchema final : public ParsedSchema {
 public:
  ProtoSchema(std::shared_ptr<const google::protobuf::DescriptorPool> imports,
              std::unique_ptr<google::protobuf::DescriptorPool> pool, const google::protobuf::FileDescriptor* file,
              std::map<std::string, FileOrigin> origins, std::string canonical, std::string normalized)
      : imports_(std::move(imports)),
        pool_(std::move(pool)),
        file_(file),
        origins_(std::move(origins)),
        canonical_(std::move(canonical)),
        normalized_(std::move(normalized)) {}

  SchemaType type() const override { return SchemaType::Protobuf; }
  const std::string& canonical() const override { return canonical_; }
  std::string normalized() const override { return normalized_; }
  // `serialized`: the base64 FileDescriptorProto, its dependencies named as the references
  // name them; `ignore_extensions`: the text without custom (extension) options.
  std::optional<std::string> formatted(std::string_view format) const override;

  const google::protobuf::FileDescriptor* file() const { return file_; }
  FileOrigin origin(const google::protobuf::FileDescriptor* file) const;

  static constexpr const char* kFileName = "default";

 private:
  // Declared before pool_: the schema's pool reads its imports' pool until destroyed.
  std::shared_ptr<const google::protobuf::DescriptorPool> imports_;
  std::unique_ptr<google::protobuf::DescriptorPool> pool_;
  const google::protobuf::FileDescriptor* file_;
  std::map<std::string, FileOrigin> origins_;
  std::string canonical_;
  std::string normalized_;
};

}  // namespace accord::formats::protobuf
