#pragma once
// Avro serde on avro-c generic values. AvroSchema owns a parsed avro-c schema; AvroValue
// owns a generic value of one schema. Values are built from (and shown as) the Avro JSON
// encoding, so applications and fixtures can write events as JSON.
#include <avro.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "accord/serde/error.hpp"
#include "accord/serde/registry_client.hpp"
#include "accord/serde/serializer_config.hpp"
#include "accord/serde/wire_format.hpp"

namespace accord::serde {

class AvroSchema {
 public:
  // `references` are the referenced schemas' texts, dependencies first; their named types
  // are inlined where the schema first uses them, since avro-c has no cross-schema names.
  static SerdeResult<std::shared_ptr<const AvroSchema>> parse(const std::string& text,
                                                              const std::vector<FetchedReference>& references = {});
  ~AvroSchema();
  AvroSchema(const AvroSchema&) = delete;
  AvroSchema& operator=(const AvroSchema&) = delete;

  avro_schema_t raw() const { return schema_; }
  avro_value_iface_t* value_class() const { return class_; }
  const std::string& text() const { return text_; }  // as registered (references not inlined)
  // Full name of a named top-level schema ("com.acme.Order"), else empty.
  std::string full_name() const;

 private:
  AvroSchema(avro_schema_t schema, std::string text);
  avro_schema_t schema_;
  avro_value_iface_t* class_;
  std::string text_;
};

using AvroSchemaPtr = std::shared_ptr<const AvroSchema>;

class AvroValue {
 public:
  explicit AvroValue(AvroSchemaPtr schema);  // a fresh value (zero/empty fields)
  ~AvroValue();
  AvroValue(AvroValue&& other) noexcept;
  AvroValue& operator=(AvroValue&& other) noexcept;
  AvroValue(const AvroValue&) = delete;
  AvroValue& operator=(const AvroValue&) = delete;

  // Builds a value from the Avro JSON encoding; errors name the JSON pointer of the problem.
  static SerdeResult<AvroValue> from_json(AvroSchemaPtr schema, const nlohmann::json& json);
  nlohmann::json to_json() const;

  avro_value_t* raw() { return &value_; }
  const avro_value_t* raw() const { return &value_; }
  const AvroSchemaPtr& schema() const { return schema_; }
  bool operator==(const AvroValue& other) const;

 private:
  AvroSchemaPtr schema_;
  avro_value_t value_{};
};

// Avro binary body alone (no header), and back.
SerdeResult<Bytes> avro_encode(const AvroValue& value);
SerdeResult<AvroValue> avro_decode(const AvroSchemaPtr& schema, ByteView body);

class AvroSerializer {
 public:
  AvroSerializer(std::shared_ptr<RegistryClient> client, SerializerConfig config = {});
  ~AvroSerializer();
  // Writes `value` under its own schema, or, with use_latest_version / use_version, under
  // the registry's schema (the value is resolved into it, so a mismatch is an error).
  SerdeResult<Bytes> serialize(const std::string& topic, const AvroValue& value);

 private:
  struct Target {
    SchemaId id{0};
    AvroSchemaPtr schema;  // null when the value's own schema is written
    avro_value_iface_t* adapter = nullptr;  // value schema → registered schema
  };
  SerdeResult<Target*> target_for(const std::string& topic, const AvroValue& value);

  std::shared_ptr<RegistryClient> client_;
  SerializerConfig config_;
  std::map<std::pair<std::string, std::string>, Target> targets_;  // (subject, value schema text)
};

class AvroDeserializer {
 public:
  // Without a reader schema values come back in the writer's schema; with one, avro-c's
  // resolver turns writer data into reader values (schema evolution).
  explicit AvroDeserializer(std::shared_ptr<RegistryClient> client, AvroSchemaPtr reader = nullptr,
                            DeserializerConfig config = {});
  ~AvroDeserializer();
  SerdeResult<AvroValue> deserialize(ByteView message);

 private:
  SerdeResult<AvroSchemaPtr> writer_schema(SchemaId id);

  std::shared_ptr<RegistryClient> client_;
  AvroSchemaPtr reader_;
  DeserializerConfig config_;
  std::map<SchemaId, AvroSchemaPtr> writers_;
  std::map<SchemaId, avro_value_iface_t*> resolvers_;  // writer id → resolved writer into reader_
};

}  // namespace accord::serde
