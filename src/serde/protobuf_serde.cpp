#include "accord/serde/protobuf.hpp"

namespace accord::serde {
namespace {

namespace pb = google::protobuf;

bool is_well_known(const std::string& file_name) { return file_name.rfind("google/protobuf/", 0) == 0; }

}  // namespace

ProtobufSerializer::ProtobufSerializer(std::shared_ptr<RegistryClient> client, SerializerConfig config)
    : client_(std::move(client)), config_(config) {}

SerdeResult<Schema> ProtobufSerializer::schema_of(const pb::FileDescriptor* file) {
  Schema schema{SchemaType::Protobuf, proto_source_of(file), {}, std::nullopt, std::nullopt};
  for (int i = 0; i < file->dependency_count(); ++i) {
    const pb::FileDescriptor* dependency = file->dependency(i);
    if (is_well_known(dependency->name())) continue;
    auto dependency_schema = schema_of(dependency);
    if (!dependency_schema) return dependency_schema.error();
    auto registered = config_.auto_register ? client_->register_schema(dependency->name(), *dependency_schema)
                                            : client_->lookup(dependency->name(), *dependency_schema);
    if (!registered) return registered.error();
    schema.references.push_back({dependency->name(), dependency->name(), registered->version});
  }
  return schema;
}

SerdeResult<Bytes> ProtobufSerializer::serialize(const std::string& topic, const pb::Message& message) {
  const pb::Descriptor* type = message.GetDescriptor();
  auto subject = subject_name(config_.strategy, topic, config_.part, type->full_name());
  if (!subject) return subject.error();
  *subject = in_context(config_.context, *subject);
  const auto key = std::pair{*subject, type->file()->name()};
  auto it = ids_.find(key);
  if (it == ids_.end() || config_.use_latest_version) {
    SerdeResult<RegisteredSchema> registered = serde_error(ErrorKind::Registry, "");
    if (config_.use_version) {
      registered = client_->version(*subject, *config_.use_version);
    } else if (config_.use_latest_version) {
      registered = client_->latest(*subject);
    } else {
      auto schema = schema_of(type->file());
      if (!schema) return schema.error();
      registered = config_.auto_register ? client_->register_schema(*subject, *schema, config_.normalize)
                                         : client_->lookup(*subject, *schema, config_.normalize);
    }
    if (!registered) return registered.error();
    it = ids_.insert_or_assign(key, registered->id).first;
  }
  auto header = client_->header_for(it->second, config_.use_schema_guid);
  if (!header) return header.error();
  Bytes out;
  const size_t size = message.ByteSizeLong();
  out.reserve(kGuidHeaderSize + 8 + size);
  append_header(out, *header);
  append_message_path(out, message_path_of(type));
  const size_t start = out.size();
  out.resize(start + size);
  if (!message.SerializeToArray(out.data() + start, static_cast<int>(size)))
    return serde_error(ErrorKind::ValidationFailed, "message " + type->full_name() + " cannot be serialized");
  return out;
}

ProtobufDeserializer::ProtobufDeserializer(std::shared_ptr<RegistryClient> client, DeserializerConfig config)
    : client_(std::move(client)), config_(std::move(config)) {}

SerdeResult<ProtobufSchemaPtr> ProtobufDeserializer::schema(SchemaId id) {
  if (auto it = schemas_.find(id); it != schemas_.end()) return it->second;
  auto registered = client_->schema_by_id(id, config_.subject);
  if (!registered) return registered.error();
  if (registered->type != SchemaType::Protobuf)
    return serde_error(ErrorKind::SchemaTypeMismatch, "schema id " + std::to_string(id) + " is " +
                                                          std::string(to_string(registered->type)) + ", not PROTOBUF");
  auto refs = client_->resolve_references(registered->references, config_.subject);
  if (!refs) return refs.error();
  auto parsed = ProtobufSchema::parse(registered->text, *refs);
  if (!parsed) return parsed.error();
  schemas_.emplace(id, *parsed);
  return parsed;
}

SerdeResult<DecodedProtobuf> ProtobufDeserializer::deserialize(ByteView message) {
  auto framed = read_header(message);
  if (!framed) return framed.error();
  auto path = read_message_path(framed->rest);
  if (!path) return path.error();
  auto id = client_->writer_id(*framed);
  if (!id) return id.error();
  auto writer = schema(*id);
  if (!writer) return writer.error();
  auto type = (*writer)->message_at(path->path);
  if (!type) return type.error();
  DecodedProtobuf out{*writer, (*writer)->new_message(*type)};
  if (!out.message->ParseFromArray(path->payload.data(), static_cast<int>(path->payload.size())))
    return serde_error(ErrorKind::InvalidPayload, "payload is not a valid " + (*type)->full_name() + " message");
  return out;
}

SerdeStatus ProtobufDeserializer::deserialize_into(ByteView message, pb::Message& out) {
  auto framed = read_header(message);
  if (!framed) return framed.error();
  auto path = read_message_path(framed->rest);
  if (!path) return path.error();
  if (!out.ParseFromArray(path->payload.data(), static_cast<int>(path->payload.size())))
    return serde_error(ErrorKind::InvalidPayload, "payload is not a valid " + out.GetTypeName() + " message");
  return Done{};
}

}  // namespace accord::serde
