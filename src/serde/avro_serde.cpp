#include "accord/serde/avro.hpp"

namespace accord::serde {
namespace {

SerdeError avro_failure(ErrorKind kind, const std::string& what) {
  return serde_error(kind, what + ": " + avro_strerror());
}

// Writes `value` (optionally seen through `adapter`, a resolved reader into the target
// schema) after the header.
SerdeResult<Bytes> write_framed(const SchemaRef& header, const avro_value_t* value, avro_value_iface_t* adapter) {
  avro_value_t source = *value;
  avro_value_t adapted{};
  if (adapter) {
    if (avro_resolved_reader_new_value(adapter, &adapted) != 0)
      return avro_failure(ErrorKind::ValidationFailed, "cannot adapt the value to the registered schema");
    avro_resolved_reader_set_source(&adapted, &source);
    source = adapted;
  }
  size_t size = 0;
  Bytes out;
  SerdeResult<Bytes> result = serde_error(ErrorKind::ValidationFailed, "");
  if (avro_value_sizeof(&source, &size) != 0) {
    result = avro_failure(ErrorKind::ValidationFailed, "value cannot be encoded");
  } else {
    append_header(out, header);
    const size_t header_size = out.size();
    out.resize(header_size + size);
    avro_writer_t writer = avro_writer_memory(reinterpret_cast<const char*>(out.data() + header_size),
                                              static_cast<int64_t>(size));
    const int rc = avro_value_write(writer, &source);
    avro_writer_free(writer);
    if (rc != 0) result = avro_failure(ErrorKind::ValidationFailed, "value cannot be encoded");
    else result = std::move(out);
  }
  if (adapter) avro_value_decref(&adapted);
  return result;
}

}  // namespace

SerdeResult<Bytes> avro_encode(const AvroValue& value) {
  auto framed = write_framed(SchemaRef{}, value.raw(), nullptr);
  if (!framed) return framed.error();
  framed->erase(framed->begin(), framed->begin() + kHeaderSize);
  return framed;
}

SerdeResult<AvroValue> avro_decode(const AvroSchemaPtr& schema, ByteView body) {
  AvroValue value(schema);
  avro_reader_t reader = avro_reader_memory(reinterpret_cast<const char*>(body.data()), static_cast<int64_t>(body.size()));
  const int rc = avro_value_read(reader, value.raw());
  avro_reader_free(reader);
  if (rc != 0) return avro_failure(ErrorKind::InvalidPayload, "Avro payload does not decode");
  return value;
}

AvroSerializer::AvroSerializer(std::shared_ptr<RegistryClient> client, SerializerConfig config)
    : client_(std::move(client)), config_(config) {}

AvroSerializer::~AvroSerializer() {
  for (auto& [key, target] : targets_)
    if (target.adapter) avro_value_iface_decref(target.adapter);
}

SerdeResult<AvroSerializer::Target*> AvroSerializer::target_for(const std::string& topic, const AvroValue& value) {
  auto subject = subject_name(config_.strategy, topic, config_.part, value.schema()->full_name());
  if (!subject) return subject.error();
  *subject = in_context(config_.context, *subject);
  const Schema own{SchemaType::Avro, value.schema()->text(), {}, std::nullopt, std::nullopt};

  if (config_.use_version || config_.use_latest_version) {
    auto registered = config_.use_version ? client_->version(*subject, *config_.use_version) : client_->latest(*subject);
    if (!registered) return registered.error();
    if (registered->schema.type != SchemaType::Avro)
      return serde_error(ErrorKind::SchemaTypeMismatch, "subject " + *subject + " holds a non-Avro schema");
    auto key = std::pair{*subject, value.schema()->text() + '\0' + std::to_string(registered->id)};
    if (auto it = targets_.find(key); it != targets_.end()) return &it->second;
    Target target{registered->id, nullptr, nullptr};
    if (registered->schema.text != value.schema()->text()) {
      auto refs = client_->resolve_references(registered->schema.references, *subject);
      if (!refs) return refs.error();
      auto schema = AvroSchema::parse(registered->schema.text, *refs);
      if (!schema) return schema.error();
      target.schema = *schema;
      target.adapter = avro_resolved_reader_new(value.schema()->raw(), target.schema->raw());
      if (!target.adapter)
        return avro_failure(ErrorKind::ValidationFailed,
                            "the value's schema cannot be written as version " +
                                std::to_string(registered->version) + " of " + *subject);
    }
    return &targets_.emplace(std::move(key), std::move(target)).first->second;
  }

  auto key = std::pair{*subject, value.schema()->text()};
  if (auto it = targets_.find(key); it != targets_.end()) return &it->second;
  auto registered = config_.auto_register ? client_->register_schema(*subject, own, config_.normalize)
                                          : client_->lookup(*subject, own, config_.normalize);
  if (!registered) return registered.error();
  return &targets_.emplace(std::move(key), Target{registered->id, nullptr, nullptr}).first->second;
}

SerdeResult<Bytes> AvroSerializer::serialize(const std::string& topic, const AvroValue& value) {
  auto target = target_for(topic, value);
  if (!target) return target.error();
  auto header = client_->header_for((*target)->id, config_.use_schema_guid);
  if (!header) return header.error();
  return write_framed(*header, value.raw(), (*target)->adapter);
}

AvroDeserializer::AvroDeserializer(std::shared_ptr<RegistryClient> client, AvroSchemaPtr reader,
                                   DeserializerConfig config)
    : client_(std::move(client)), reader_(std::move(reader)), config_(std::move(config)) {}

AvroDeserializer::~AvroDeserializer() {
  for (auto& [id, resolver] : resolvers_) avro_value_iface_decref(resolver);
}

SerdeResult<AvroSchemaPtr> AvroDeserializer::writer_schema(SchemaId id) {
  if (auto it = writers_.find(id); it != writers_.end()) return it->second;
  auto schema = client_->schema_by_id(id, config_.subject);
  if (!schema) return schema.error();
  if (schema->type != SchemaType::Avro)
    return serde_error(ErrorKind::SchemaTypeMismatch,
                       "schema id " + std::to_string(id) + " is " + std::string(to_string(schema->type)) + ", not AVRO");
  auto refs = client_->resolve_references(schema->references, config_.subject);
  if (!refs) return refs.error();
  auto parsed = AvroSchema::parse(schema->text, *refs);
  if (!parsed) return parsed.error();
  writers_.emplace(id, *parsed);
  return parsed;
}

SerdeResult<AvroValue> AvroDeserializer::deserialize(ByteView message) {
  auto framed = read_header(message);
  if (!framed) return framed.error();
  auto id = client_->writer_id(*framed);
  if (!id) return id.error();
  framed->schema_id = *id;
  auto writer = writer_schema(framed->schema_id);
  if (!writer) return writer.error();
  if (!reader_) return avro_decode(*writer, framed->rest);

  auto it = resolvers_.find(framed->schema_id);
  if (it == resolvers_.end()) {
    avro_value_iface_t* resolver = avro_resolved_writer_new((*writer)->raw(), reader_->raw());
    if (!resolver)
      return avro_failure(ErrorKind::SchemaTypeMismatch,
                          "reader schema cannot read data of schema id " + std::to_string(framed->schema_id));
    it = resolvers_.emplace(framed->schema_id, resolver).first;
  }
  avro_value_t resolved;
  if (avro_resolved_writer_new_value(it->second, &resolved) != 0)
    return avro_failure(ErrorKind::InvalidPayload, "cannot create a resolved value");
  AvroValue out(reader_);
  avro_resolved_writer_set_dest(&resolved, out.raw());
  avro_reader_t reader = avro_reader_memory(reinterpret_cast<const char*>(framed->rest.data()),
                                            static_cast<int64_t>(framed->rest.size()));
  const int rc = avro_value_read(reader, &resolved);
  avro_reader_free(reader);
  avro_value_decref(&resolved);
  if (rc != 0) return avro_failure(ErrorKind::InvalidPayload, "Avro payload does not decode");
  return out;
}

}  // namespace accord::serde
