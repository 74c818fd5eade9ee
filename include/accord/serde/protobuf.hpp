#pragma once
// Protobuf serde on libprotobuf: a registered .proto (with its references) becomes a
// DescriptorPool; messages are DynamicMessages of it, or the application's generated
// classes. The message-index path in front of the payload says which message type it is.
#include <google/protobuf/descriptor.h>
#include <google/protobuf/dynamic_message.h>
#include <google/protobuf/message.h>

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "accord/serde/error.hpp"
#include "accord/serde/registry_client.hpp"
#include "accord/serde/serializer_config.hpp"
#include "accord/serde/wire_format.hpp"

namespace accord::serde {

class ProtobufSchema {
 public:
  // `text` is .proto source (or, as older clients register it, a base64
  // FileDescriptorProto); `references` name each import by its path. Well-known imports
  // (google/protobuf/*.proto) need no reference.
  static SerdeResult<std::shared_ptr<const ProtobufSchema>> parse(const std::string& text,
                                                                  const std::vector<FetchedReference>& references = {});

  const google::protobuf::FileDescriptor* file() const { return file_; }
  // The message type a wire-format path names; MalformedMessageIndex when out of range.
  SerdeResult<const google::protobuf::Descriptor*> message_at(const MessagePath& path) const;
  // By full name ("com.acme.Order"); nullptr when the schema has no such message.
  const google::protobuf::Descriptor* message_named(const std::string& full_name) const;
  std::unique_ptr<google::protobuf::Message> new_message(const google::protobuf::Descriptor* type) const;

 private:
  ProtobufSchema() = default;
  google::protobuf::DescriptorPool pool_;
  const google::protobuf::FileDescriptor* file_ = nullptr;
  mutable std::mutex factory_mutex_;
  mutable google::protobuf::DynamicMessageFactory factory_;
};

using ProtobufSchemaPtr = std::shared_ptr<const ProtobufSchema>;

// Where a message type sits in its file, as the wire format writes it.
MessagePath message_path_of(const google::protobuf::Descriptor* type);
// .proto source for a file descriptor (what the serializer registers for generated classes).
std::string proto_source_of(const google::protobuf::FileDescriptor* file);

// A decoded message; it keeps its schema alive because the message's type lives there.
struct DecodedProtobuf {
  ProtobufSchemaPtr schema;
  std::unique_ptr<google::protobuf::Message> message;
};

class ProtobufSerializer {
 public:
  // Registers (or looks up) the message's own .proto file; its imports are registered
  // first under subjects named after the import path, as Confluent's serializer does.
  ProtobufSerializer(std::shared_ptr<RegistryClient> client, SerializerConfig config = {});
  SerdeResult<Bytes> serialize(const std::string& topic, const google::protobuf::Message& message);

 private:
  SerdeResult<Schema> schema_of(const google::protobuf::FileDescriptor* file);
  std::shared_ptr<RegistryClient> client_;
  SerializerConfig config_;
  std::map<std::pair<std::string, std::string>, SchemaId> ids_;  // (subject, file name)
};

class ProtobufDeserializer {
 public:
  explicit ProtobufDeserializer(std::shared_ptr<RegistryClient> client, DeserializerConfig config = {});
  // Into a DynamicMessage of the writer's registered type.
  SerdeResult<DecodedProtobuf> deserialize(ByteView message);
  // Into the application's own message (typically a generated class).
  SerdeStatus deserialize_into(ByteView message, google::protobuf::Message& out);

 private:
  SerdeResult<ProtobufSchemaPtr> schema(SchemaId id);
  std::shared_ptr<RegistryClient> client_;
  DeserializerConfig config_;
  std::map<SchemaId, ProtobufSchemaPtr> schemas_;
};

}  // namespace accord::serde
