// Example consumer: reads partition 0 of a topic from the start with librdkafka and
// decodes each value with Accord's Avro deserializer, one JSON line per event.
//   accord-example-consumer BOOTSTRAP REGISTRY_URL TOPIC COUNT [TIMEOUT_SECONDS]
#include <librdkafka/rdkafka.h>

#include <chrono>
#include <iostream>
#include <string>

#include "accord/serde/avro.hpp"
#include "example_schema.hpp"

using namespace accord::serde;

int main(int argc, char** argv) {
  if (argc < 5) {
    std::cerr << "usage: accord-example-consumer BOOTSTRAP REGISTRY_URL TOPIC COUNT [TIMEOUT_SECONDS]\n";
    return 2;
  }
  const std::string topic = argv[3];
  const int count = std::stoi(argv[4]);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(argc > 5 ? std::stoi(argv[5]) : 60);
  RegistryClientConfig registry;
  registry.urls = {argv[2]};
  auto client = std::make_shared<RegistryClient>(registry);
  // Read as the application's own schema version, whatever version wrote the data.
  auto reader = AvroSchema::parse(kUserUpdatedSchema);
  if (!reader) return 1;
  AvroDeserializer deserializer(client, *reader);

  char error[512];
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  rd_kafka_conf_set(conf, "bootstrap.servers", argv[1], error, sizeof error);
  rd_kafka_conf_set(conf, "group.id", "accord-example-consumer", error, sizeof error);
  rd_kafka_conf_set(conf, "fetch.wait.max.ms", "50", error, sizeof error);
  rd_kafka_t* consumer = rd_kafka_new(RD_KAFKA_CONSUMER, conf, error, sizeof error);
  if (!consumer) {
    std::cerr << error << "\n";
    return 1;
  }
  rd_kafka_topic_partition_list_t* partitions = rd_kafka_topic_partition_list_new(1);
  rd_kafka_topic_partition_list_add(partitions, topic.c_str(), 0)->offset = RD_KAFKA_OFFSET_BEGINNING;
  rd_kafka_assign(consumer, partitions);
  rd_kafka_topic_partition_list_destroy(partitions);

  int received = 0, status = 0;
  while (received < count && std::chrono::steady_clock::now() < deadline) {
    rd_kafka_message_t* message = rd_kafka_consumer_poll(consumer, 200);
    if (!message) continue;
    if (message->err == RD_KAFKA_RESP_ERR_NO_ERROR) {
      auto value = deserializer.deserialize(ByteView(static_cast<const uint8_t*>(message->payload), message->len));
      if (value) {
        std::cout << value->to_json().dump() << "\n";
        ++received;
      } else {
        std::cerr << to_string(value.error().kind) << ": " << value.error().message << "\n";
        status = 1;
      }
    }
    rd_kafka_message_destroy(message);
    if (status) break;
  }
  rd_kafka_consumer_close(consumer);
  rd_kafka_destroy(consumer);
  if (received < count) {
    std::cerr << "received " << received << " of " << count << " before the deadline\n";
    return 1;
  }
  return status;
}
