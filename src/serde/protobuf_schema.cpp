#include <google/protobuf/compiler/parser.h>
#include <google/protobuf/descriptor.pb.h>
#include <google/protobuf/io/tokenizer.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>
#include <openssl/evp.h>

#include <set>

#include "accord/serde/protobuf.hpp"

namespace accord::serde {
namespace {

namespace pb = google::protobuf;

class FirstError final : public pb::io::ErrorCollector {
 public:
  void AddError(int line, pb::io::ColumnNumber column, const std::string& message) override {
    if (text.empty()) text = std::to_string(line + 1) + ":" + std::to_string(column + 1) + ": " + message;
  }
  std::string text;
};

class PoolErrors final : public pb::DescriptorPool::ErrorCollector {
 public:
  void AddError(const std::string& filename, const std::string& element, const pb::Message*, ErrorLocation,
                const std::string& message) override {
    if (text.empty()) text = filename + ": " + (element.empty() ? "" : element + ": ") + message;
  }
  std::string text;
};

// Confluent's older clients register a base64 FileDescriptorProto instead of source.
bool parse_base64_descriptor(const std::string& text, pb::FileDescriptorProto& out) {
  if (text.empty() || text.size() % 4 != 0) return false;
  std::string decoded(text.size() / 4 * 3, '\0');
  const int n = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(decoded.data()),
                                reinterpret_cast<const unsigned char*>(text.data()), static_cast<int>(text.size()));
  if (n < 0) return false;
  size_t size = static_cast<size_t>(n);
  if (text.size() >= 1 && text.back() == '=') --size;  // EVP_DecodeBlock counts padding as data
  if (text.size() >= 2 && text[text.size() - 2] == '=') --size;
  decoded.resize(size);
  return out.ParseFromString(decoded);
}

SerdeResult<pb::FileDescriptorProto> parse_file(const std::string& text, const std::string& name) {
  pb::FileDescriptorProto proto;
  pb::io::ArrayInputStream input(text.data(), static_cast<int>(text.size()));
  FirstError errors;
  pb::io::Tokenizer tokenizer(&input, &errors);
  pb::compiler::Parser parser;
  parser.RecordErrorsTo(&errors);
  if (!parser.Parse(&tokenizer, &proto) || !errors.text.empty()) {
    pb::FileDescriptorProto fallback;
    if (!parse_base64_descriptor(text, fallback))
      return serde_error(ErrorKind::InvalidSchema, name + ":" + errors.text);
    proto = std::move(fallback);
  }
  proto.set_name(name);
  return proto;
}

// Builds `proto` after its imports; imports not among the references may be well-known
// files compiled into libprotobuf.
SerdeStatus build(pb::DescriptorPool& pool, const pb::FileDescriptorProto& proto) {
  for (const auto& dependency : proto.dependency()) {
    if (pool.FindFileByName(dependency)) continue;
    const pb::FileDescriptor* known = pb::DescriptorPool::generated_pool()->FindFileByName(dependency);
    if (!known) return serde_error(ErrorKind::InvalidSchema, proto.name() + ": import \"" + dependency +
                                                                 "\" is neither a reference nor a well-known file");
    pb::FileDescriptorProto copy;
    known->CopyTo(&copy);
    if (auto status = build(pool, copy); !status) return status;
  }
  PoolErrors errors;
  if (!pool.BuildFileCollectingErrors(proto, &errors))
    return serde_error(ErrorKind::InvalidSchema, errors.text);
  return Done{};
}

}  // namespace

SerdeResult<ProtobufSchemaPtr> ProtobufSchema::parse(const std::string& text,
                                                     const std::vector<FetchedReference>& references) {
  std::shared_ptr<ProtobufSchema> schema(new ProtobufSchema());
  for (const auto& ref : references) {
    if (schema->pool_.FindFileByName(ref.name)) continue;
    auto proto = parse_file(ref.text, ref.name);
    if (!proto) return proto.error();
    if (auto built = build(schema->pool_, *proto); !built) return built.error();
  }
  auto proto = parse_file(text, "accord-registered-schema.proto");
  if (!proto) return proto.error();
  if (auto built = build(schema->pool_, *proto); !built) return built.error();
  schema->file_ = schema->pool_.FindFileByName(proto->name());
  return ProtobufSchemaPtr(schema);
}

SerdeResult<const pb::Descriptor*> ProtobufSchema::message_at(const MessagePath& path) const {
  auto out_of_range = [&](size_t depth) {
    std::string text;
    for (auto index : path) text += (text.empty() ? "" : ",") + std::to_string(index);
    return serde_error(ErrorKind::MalformedMessageIndex,
                       "message index path [" + text + "] has no message type at depth " + std::to_string(depth));
  };
  if (path.empty() || path[0] < 0 || path[0] >= file_->message_type_count()) return out_of_range(0);
  const pb::Descriptor* type = file_->message_type(path[0]);
  for (size_t i = 1; i < path.size(); ++i) {
    if (path[i] < 0 || path[i] >= type->nested_type_count()) return out_of_range(i);
    type = type->nested_type(path[i]);
  }
  return type;
}

const pb::Descriptor* ProtobufSchema::message_named(const std::string& full_name) const {
  return pool_.FindMessageTypeByName(full_name);
}

std::unique_ptr<pb::Message> ProtobufSchema::new_message(const pb::Descriptor* type) const {
  std::lock_guard lock(factory_mutex_);
  return std::unique_ptr<pb::Message>(factory_.GetPrototype(type)->New());
}

MessagePath message_path_of(const pb::Descriptor* type) {
  MessagePath path;
  for (; type; type = type->containing_type()) path.insert(path.begin(), type->index());
  return path;
}

std::string proto_source_of(const pb::FileDescriptor* file) { return file->DebugString(); }

}  // namespace accord::serde
