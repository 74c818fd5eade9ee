#pragma once
// The test broker's command channel: one command per line, one answer line each
// (`ok` or `error <why>`). The commands reach what only the process owning the mock
// cluster can do (fault injection).
#include <string>

#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>

namespace accord::test_broker {

// Creates a topic with exactly `partitions` partitions; the answer on failure.
std::string create_topic(rd_kafka_mock_cluster_t* cluster, const std::string& name, int partitions);

// Runs one command line: `topic NAME PARTITIONS`, `down ID`, `up ID`, `rtt ID MS`,
// `err APIKEY ERRCODE [ERRCODE...]`. Returns the answer line.
std::string run_command(rd_kafka_mock_cluster_t* cluster, int broker_count, const std::string& line);

}  // namespace accord::test_broker
