#pragma once
// A registry without sockets: embedded log + store + reader + writer + Api in a temp dir.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "accord/api/api.hpp"
#include "accord/cluster/log_reader.hpp"
#include "accord/cluster/writer.hpp"
#include "accord/log/local_log.hpp"

namespace accord::api::testing {

struct Reply {
  int status = 0;
  nlohmann::json body;
  std::string text;
};

class ApiTest : public ::testing::Test {
 public:
  static std::string record(const std::string& name, const std::vector<std::string>& fields_json);

 protected:
  void SetUp() override;
  void TearDown() override;
  // Restarts the whole node on the same data directory.
  void restart();

  Reply call(const std::string& method, const std::string& target, const std::string& body = "");
  Reply call(const std::string& method, const std::string& target, const nlohmann::json& body);
  // POST /subjects/{subject}/versions with an Avro schema text.
  Reply register_avro(const std::string& subject, const std::string& schema);

  std::filesystem::path dir_;
  std::unique_ptr<log::SchemaLog> log_;
  std::unique_ptr<store::StateStore> store_;
  std::unique_ptr<cluster::LogReader> reader_;
  std::unique_ptr<cluster::LogWriter> writer_;
  std::unique_ptr<Api> api_;

 private:
  void open();
  void close();
};

}  // namespace accord::api::testing
