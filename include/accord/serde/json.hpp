#pragma once
// JSON Schema serde: the payload is the JSON text itself; values are validated against the
// schema (valijson) before they are written, and optionally after they are read.
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

// A compiled JSON Schema. References resolve by name: a `$ref` to "money.json" uses the
// reference named "money.json".
class JsonSchemaValidator {
 public:
  static SerdeResult<std::shared_ptr<const JsonSchemaValidator>> compile(
      const std::string& text, const std::vector<FetchedReference>& references = {});
  ~JsonSchemaValidator();

  // One entry per violation: "<JSON pointer>: <reason>".
  std::vector<std::string> violations(const nlohmann::json& instance) const;
  SerdeStatus validate(const nlohmann::json& instance) const;
  const std::string& title() const { return title_; }  // the record name for subject strategies

 private:
  JsonSchemaValidator();
  struct Compiled;
  std::unique_ptr<Compiled> compiled_;
  std::string title_;
};

using JsonSchemaValidatorPtr = std::shared_ptr<const JsonSchemaValidator>;

class JsonSerializer {
 public:
  JsonSerializer(std::shared_ptr<RegistryClient> client, Schema schema, SerializerConfig config = {});
  SerdeResult<Bytes> serialize(const std::string& topic, const nlohmann::json& value);

 private:
  SerdeStatus prepare();
  std::shared_ptr<RegistryClient> client_;
  Schema schema_;
  SerializerConfig config_;
  JsonSchemaValidatorPtr validator_;
  std::map<std::string, SchemaId> ids_;  // subject → id
};

class JsonDeserializer {
 public:
  explicit JsonDeserializer(std::shared_ptr<RegistryClient> client, DeserializerConfig config = {});
  SerdeResult<nlohmann::json> deserialize(ByteView message);

 private:
  std::shared_ptr<RegistryClient> client_;
  DeserializerConfig config_;
  std::map<SchemaId, JsonSchemaValidatorPtr> validators_;
};

}  // namespace accord::serde
