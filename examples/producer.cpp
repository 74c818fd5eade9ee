// Example producer: Avro events through Accord's serializer into Kafka with librdkafka.
//   accord-example-producer BOOTSTRAP REGISTRY_URL TOPIC COUNT
#include <librdkafka/rdkafka.h>

#include <iostream>
#include <string>

#include "accord/serde/avro.hpp"
#include "example_schema.hpp"

using namespace accord::serde;

int main(int argc, char** argv) {
  if (argc != 5) {
    std::cerr << "usage: accord-example-producer BOOTSTRAP REGISTRY_URL TOPIC COUNT\n";
    return 2;
  }
  const std::string topic = argv[3];
  const int count = std::stoi(argv[4]);
  RegistryClientConfig registry;
  registry.urls = {argv[2]};
  auto client = std::make_shared<RegistryClient>(registry);
  auto schema = AvroSchema::parse(kUserUpdatedSchema);
  if (!schema) {
    std::cerr << schema.error().message << "\n";
    return 1;
  }
  AvroSerializer serializer(client);

  char error[512];
  rd_kafka_conf_t* conf = rd_kafka_conf_new();
  if (rd_kafka_conf_set(conf, "bootstrap.servers", argv[1], error, sizeof error) != RD_KAFKA_CONF_OK) {
    std::cerr << error << "\n";
    return 1;
  }
  rd_kafka_t* producer = rd_kafka_new(RD_KAFKA_PRODUCER, conf, error, sizeof error);
  if (!producer) {
    std::cerr << error << "\n";
    return 1;
  }
  int status = 0;
  for (int i = 0; i < count && status == 0; ++i) {
    nlohmann::json event = {{"user_id", i}, {"user_name", "user-" + std::to_string(i)}, {"email", nullptr}};
    auto value = AvroValue::from_json(*schema, event);
    auto bytes = value ? serializer.serialize(topic, *value) : SerdeResult<Bytes>(value.error());
    if (!bytes) {
      std::cerr << to_string(bytes.error().kind) << ": " << bytes.error().message << "\n";
      status = 1;
      break;
    }
    const std::string key = std::to_string(i);
    const rd_kafka_resp_err_t err =
        rd_kafka_producev(producer, RD_KAFKA_V_TOPIC(topic.c_str()), RD_KAFKA_V_PARTITION(0),
                          RD_KAFKA_V_KEY(key.data(), key.size()), RD_KAFKA_V_VALUE(bytes->data(), bytes->size()),
                          RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY), RD_KAFKA_V_END);
    if (err) {
      std::cerr << "produce: " << rd_kafka_err2str(err) << "\n";
      status = 1;
    }
  }
  if (rd_kafka_flush(producer, 30000) != RD_KAFKA_RESP_ERR_NO_ERROR) status = 1;
  rd_kafka_destroy(producer);
  if (status == 0) std::cout << "produced " << count << "\n";
  return status;
}
