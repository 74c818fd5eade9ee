#include "accord/serde/json.hpp"

namespace accord::serde {

JsonSerializer::JsonSerializer(std::shared_ptr<RegistryClient> client, Schema schema, SerializerConfig config)
    : client_(std::move(client)), schema_(std::move(schema)), config_(config) {
  schema_.type = SchemaType::Json;
}

SerdeStatus JsonSerializer::prepare() {
  if (validator_) return Done{};
  auto refs = client_->resolve_references(schema_.references);
  if (!refs) return refs.error();
  auto compiled = JsonSchemaValidator::compile(schema_.text, *refs);
  if (!compiled) return compiled.error();
  validator_ = *compiled;
  return Done{};
}

SerdeResult<Bytes> JsonSerializer::serialize(const std::string& topic, const nlohmann::json& value) {
  if (auto ready = prepare(); !ready) return ready.error();
  if (auto valid = validator_->validate(value); !valid) return valid.error();
  auto subject = subject_name(config_.strategy, topic, config_.part, validator_->title());
  if (!subject) return subject.error();
  *subject = in_context(config_.context, *subject);
  auto it = ids_.find(*subject);
  if (it == ids_.end() || config_.use_latest_version) {
    SerdeResult<RegisteredSchema> registered =
        config_.use_version          ? client_->version(*subject, *config_.use_version)
        : config_.use_latest_version ? client_->latest(*subject)
        : config_.auto_register      ? client_->register_schema(*subject, schema_, config_.normalize)
                                     : client_->lookup(*subject, schema_, config_.normalize);
    if (!registered) return registered.error();
    it = ids_.insert_or_assign(*subject, registered->id).first;
  }
  auto header = client_->header_for(it->second, config_.use_schema_guid);
  if (!header) return header.error();
  const std::string text = value.dump();
  Bytes out;
  out.reserve(kGuidHeaderSize + text.size());
  append_header(out, *header);
  out.insert(out.end(), text.begin(), text.end());
  return out;
}

JsonDeserializer::JsonDeserializer(std::shared_ptr<RegistryClient> client, DeserializerConfig config)
    : client_(std::move(client)), config_(config) {}

SerdeResult<nlohmann::json> JsonDeserializer::deserialize(ByteView message) {
  auto framed = read_header(message);
  if (!framed) return framed.error();
  auto value = nlohmann::json::parse(framed->rest.begin(), framed->rest.end(), nullptr, false);
  if (value.is_discarded()) return serde_error(ErrorKind::InvalidPayload, "payload is not JSON text");
  if (!config_.validate) return value;
  auto writer = client_->writer_id(*framed);
  if (!writer) return writer.error();
  framed->schema_id = *writer;

  auto it = validators_.find(framed->schema_id);
  if (it == validators_.end()) {
    auto schema = client_->schema_by_id(framed->schema_id, config_.subject);
    if (!schema) return schema.error();
    if (schema->type != SchemaType::Json)
      return serde_error(ErrorKind::SchemaTypeMismatch, "schema id " + std::to_string(framed->schema_id) + " is " +
                                                            std::string(to_string(schema->type)) + ", not JSON");
    auto refs = client_->resolve_references(schema->references, config_.subject);
    if (!refs) return refs.error();
    auto compiled = JsonSchemaValidator::compile(schema->text, *refs);
    if (!compiled) return compiled.error();
    it = validators_.emplace(framed->schema_id, *compiled).first;
  }
  if (auto valid = it->second->validate(value); !valid) return valid.error();
  return value;
}

}  // namespace accord::serde
