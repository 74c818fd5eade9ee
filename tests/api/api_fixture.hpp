#pragma once
// A registry without sockets: embedded log + store + reader + writer + Api in a temp dir.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "accord/api/api.hpp"
#include "support/embedded_node.hpp"

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
  accord::testing::EmbeddedNode node_;
  std::unique_ptr<log::SchemaLog>& log_ = node_.log;
  std::unique_ptr<store::StateStore>& store_ = node_.store;
  std::unique_ptr<cluster::LogWriter>& writer_ = node_.writer;
  std::unique_ptr<Api> api_;

 private:
  void open();
  void close();
};

}  // namespace accord::api::testing
