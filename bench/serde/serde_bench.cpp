// accord-serde-bench: messages per second on one thread, registry answers cached (an
// in-memory registry behind the transport seam, warmed before timing), beside the same
// encoding done by avro-c / libprotobuf / nlohmann alone. Not a test: prints a table.
#include <google/protobuf/util/json_util.h>

#include <chrono>
#include <cstdio>
#include <functional>
#include <string>

#include "test_client.hpp"
#include "accord/serde/avro.hpp"
#include "accord/serde/json.hpp"
#include "accord/serde/protobuf.hpp"

using namespace accord::serde;

namespace {

double per_second(const std::function<void()>& work, int iterations) {
  for (int i = 0; i < iterations / 10; ++i) work();  // warm caches and allocators
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < iterations; ++i) work();
  const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
  return iterations / took.count();
}

// Keeps the optimizer from dropping work whose result is unused.
template <class T>
void keep(const T& result) {
  asm volatile("" : : "g"(&result) : "memory");
}

void row(const char* what, double accord, double alone) {
  std::printf("%-34s %14.0f %14.0f %8.2f\n", what, accord, alone, accord / alone);
}

void must(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "bench setup failed: %s\n", what);
    std::exit(1);
  }
}

const char* kAvro = R"({"type":"record","name":"Event","namespace":"bench","fields":[
 {"name":"id","type":"long"},{"name":"user","type":"string"},{"name":"email","type":["null","string"]},
 {"name":"age","type":"int"},{"name":"score","type":"double"},{"name":"active","type":"boolean"},
 {"name":"country","type":"string"},{"name":"tags","type":{"type":"array","items":"string"}},
 {"name":"created","type":"long"},{"name":"ratio","type":"float"}]})";

const char* kEventJson = R"({"id":12345,"user":"ada","email":{"string":"ada@example.com"},"age":36,
 "score":98.5,"active":true,"country":"NL","tags":["a","b","c"],"created":1700000000000,"ratio":0.5})";

const char* kJsonSchema = R"({"type":"object","properties":{"id":{"type":"integer"},"user":{"type":"string"},
 "email":{"type":"string"},"age":{"type":"integer","minimum":0},"score":{"type":"number"},
 "active":{"type":"boolean"},"country":{"type":"string"},"tags":{"type":"array","items":{"type":"string"}},
 "created":{"type":"integer"},"ratio":{"type":"number"}},"required":["id","user"]})";

const char* kProto = R"(syntax = "proto3"; package bench;
message Event { int64 id = 1; string user = 2; string email = 3; int32 age = 4; double score = 5;
  bool active = 6; string country = 7; repeated string tags = 8; int64 created = 9; float ratio = 10; })";

}  // namespace

int main(int argc, char** argv) {
  const int n = argc > 1 ? std::atoi(argv[1]) : 200000;
  auto client = testing::fake_client();
  std::printf("%-34s %14s %14s %8s\n", "messages/s (one thread)", "accord serde", "library alone", "ratio");

  // Avro
  auto avro_schema = AvroSchema::parse(kAvro);
  must(avro_schema.ok(), "avro schema");
  auto value = AvroValue::from_json(*avro_schema, nlohmann::json::parse(kEventJson));
  must(value.ok(), "avro value");
  AvroSerializer avro_serializer(client);
  AvroDeserializer avro_deserializer(client);
  auto avro_bytes = avro_serializer.serialize("bench", *value);
  must(avro_bytes.ok(), "avro serialize");
  auto avro_body = avro_encode(*value);
  const double avro_ser = per_second([&] { keep(avro_serializer.serialize("bench", *value)); }, n);
  const double avro_ser_raw = per_second([&] { keep(avro_encode(*value)); }, n);
  const double avro_de = per_second([&] { keep(avro_deserializer.deserialize(*avro_bytes)); }, n);
  const double avro_de_raw = per_second([&] { keep(avro_decode(*avro_schema, *avro_body)); }, n);
  row("Avro 10-field record serialize", avro_ser, avro_ser_raw);
  row("Avro 10-field record deserialize", avro_de, avro_de_raw);

  // JSON Schema
  auto event = nlohmann::json::parse(kEventJson);
  event["email"] = "ada@example.com";
  JsonSerializer json_serializer(client, {accord::SchemaType::Json, kJsonSchema, {}, std::nullopt, std::nullopt});
  JsonDeserializer json_deserializer(client);
  JsonDeserializer json_validating(client, {.validate = true, .subject = ""});
  auto json_bytes = json_serializer.serialize("bench-json", event);
  must(json_bytes.ok(), "json serialize");
  const std::string json_text = event.dump();
  const double json_ser = per_second([&] { keep(json_serializer.serialize("bench-json", event)); }, n);
  const double json_ser_raw = per_second([&] { keep(event.dump()); }, n);
  const double json_de = per_second([&] { keep(json_deserializer.deserialize(*json_bytes)); }, n);
  const double json_de_valid = per_second([&] { keep(json_validating.deserialize(*json_bytes)); }, n);
  const double json_de_raw = per_second([&] { keep(nlohmann::json::parse(json_text)); }, n);
  row("JSON event serialize (validated)", json_ser, json_ser_raw);
  row("JSON event deserialize", json_de, json_de_raw);
  row("JSON event deserialize (validated)", json_de_valid, json_de_raw);

  // Protobuf
  auto proto = ProtobufSchema::parse(kProto);
  must(proto.ok(), "proto schema");
  auto message = (*proto)->new_message((*proto)->message_named("bench.Event"));
  event["id"] = "12345";
  must(google::protobuf::util::JsonStringToMessage(event.dump(), message.get()).ok(), "proto message");
  ProtobufSerializer proto_serializer(client);
  ProtobufDeserializer proto_deserializer(client);
  auto proto_bytes = proto_serializer.serialize("bench-proto", *message);
  must(proto_bytes.ok(), "proto serialize");
  const std::string proto_body = message->SerializeAsString();
  auto scratch = (*proto)->new_message((*proto)->message_named("bench.Event"));
  const double proto_ser = per_second([&] { keep(proto_serializer.serialize("bench-proto", *message)); }, n);
  const double proto_ser_raw = per_second([&] { keep(message->SerializeAsString()); }, n);
  const double proto_de = per_second([&] { keep(proto_deserializer.deserialize(*proto_bytes)); }, n);
  const double proto_de_raw = per_second([&] { scratch->ParseFromString(proto_body); }, n);
  row("Protobuf message serialize", proto_ser, proto_ser_raw);
  row("Protobuf message deserialize", proto_de, proto_de_raw);
  return 0;
}
