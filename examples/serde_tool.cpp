// accord-serde-tool: serialize a JSON value to hex wire-format bytes, or decode hex back to
// JSON — the helper the Python interop test drives.
//   accord-serde-tool serialize   URL TOPIC avro|json SCHEMA_FILE  < value.json  > hex
//   accord-serde-tool serialize   URL TOPIC protobuf SCHEMA_FILE MESSAGE < value.json > hex
//   accord-serde-tool deserialize URL avro|json|protobuf < hex > value.json
#include <google/protobuf/util/json_util.h>

#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "accord/serde/avro.hpp"
#include "accord/serde/json.hpp"
#include "accord/serde/protobuf.hpp"

using namespace accord::serde;

namespace {

std::string slurp(std::istream& in) {
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string to_hex(const Bytes& bytes) {
  static const char* digits = "0123456789abcdef";
  std::string out;
  for (auto b : bytes) {
    out.push_back(digits[b >> 4]);
    out.push_back(digits[b & 15]);
  }
  return out;
}

Bytes from_hex(const std::string& text) {
  Bytes out;
  std::string clean;
  for (char c : text)
    if (std::isxdigit(static_cast<unsigned char>(c))) clean.push_back(c);
  for (size_t i = 0; i + 1 < clean.size(); i += 2) out.push_back(static_cast<uint8_t>(std::stoi(clean.substr(i, 2), nullptr, 16)));
  return out;
}

int fail(const SerdeError& error) {
  std::cerr << to_string(error.kind) << ": " << error.message << "\n";
  return 1;
}

int serialize(std::shared_ptr<RegistryClient> client, SerializerConfig config, int argc, char** argv) {
  const std::string topic = argv[3], type = argv[4];
  std::ifstream schema_file(argv[5]);
  const std::string schema_text = slurp(schema_file);
  const std::string input = slurp(std::cin);
  SerdeResult<Bytes> bytes = serde_error(ErrorKind::InvalidSchema, "unknown type " + type);
  if (type == "avro") {
    auto schema = AvroSchema::parse(schema_text);
    if (!schema) return fail(schema.error());
    auto value = AvroValue::from_json(*schema, nlohmann::json::parse(input));
    if (!value) return fail(value.error());
    bytes = AvroSerializer(client, config).serialize(topic, *value);
  } else if (type == "json") {
    JsonSerializer serializer(client, {accord::SchemaType::Json, schema_text, {}, std::nullopt, std::nullopt}, config);
    bytes = serializer.serialize(topic, nlohmann::json::parse(input));
  } else if (type == "protobuf" && argc > 6) {
    auto schema = ProtobufSchema::parse(schema_text);
    if (!schema) return fail(schema.error());
    const auto* descriptor = (*schema)->message_named(argv[6]);
    if (!descriptor) return fail(serde_error(ErrorKind::InvalidSchema, std::string("no message ") + argv[6]));
    auto message = (*schema)->new_message(descriptor);
    if (!google::protobuf::util::JsonStringToMessage(input, message.get()).ok())
      return fail(serde_error(ErrorKind::ValidationFailed, "value does not map to the message"));
    bytes = ProtobufSerializer(client, config).serialize(topic, *message);
  }
  if (!bytes) return fail(bytes.error());
  std::cout << to_hex(*bytes) << "\n";
  return 0;
}

int deserialize(std::shared_ptr<RegistryClient> client, const std::string& type) {
  const Bytes bytes = from_hex(slurp(std::cin));
  if (type == "avro") {
    auto value = AvroDeserializer(client).deserialize(bytes);
    if (!value) return fail(value.error());
    std::cout << value->to_json().dump() << "\n";
  } else if (type == "json") {
    auto value = JsonDeserializer(client, {.validate = true, .subject = ""}).deserialize(bytes);
    if (!value) return fail(value.error());
    std::cout << value->dump() << "\n";
  } else if (type == "protobuf") {
    auto decoded = ProtobufDeserializer(client).deserialize(bytes);
    if (!decoded) return fail(decoded.error());
    std::string json;
    google::protobuf::util::JsonPrintOptions options;
    options.preserve_proto_field_names = true;
    (void)google::protobuf::util::MessageToJsonString(*decoded->message, &json, options);
    std::cout << json << "\n";
  } else {
    return fail(serde_error(ErrorKind::InvalidSchema, "unknown type " + type));
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 4) {
    std::cerr << "usage: accord-serde-tool serialize URL TOPIC avro|json|protobuf SCHEMA_FILE [MESSAGE] < json\n"
                 "       accord-serde-tool serialize-guid ...  (as serialize, framed with the schema GUID)\n"
                 "       accord-serde-tool deserialize URL avro|json|protobuf < hex\n";
    return 2;
  }
  RegistryClientConfig config;
  config.urls = {argv[2]};
  auto client = std::make_shared<RegistryClient>(config);
  const std::string command = argv[1];
  SerializerConfig serializer;
  serializer.use_schema_guid = command == "serialize-guid";
  if ((command == "serialize" || command == "serialize-guid") && argc >= 6)
    return serialize(client, serializer, argc, argv);
  if (command == "deserialize") return deserialize(client, argv[3]);
  std::cerr << "unknown command " << command << "\n";
  return 2;
}
