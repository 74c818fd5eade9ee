#include "api_fixture.hpp"

#include <random>
#include "request_for.hpp"

namespace accord::api::testing {

void ApiTest::SetUp() {
  std::mt19937_64 rng(std::random_device{}());
  dir_ = std::filesystem::temp_directory_path() / ("accord-api-test-" + std::to_string(rng()));
  std::filesystem::create_directories(dir_);
  open();
}

void ApiTest::TearDown() {
  close();
  std::filesystem::remove_all(dir_);
}

void ApiTest::open() {
  node_.open(dir_);
  if (HasFatalFailure()) return;
  api_ = std::make_unique<Api>(*node_.store, *node_.writer, ApiOptions{});
}

void ApiTest::close() {
  api_.reset();
  node_.close();
}

void ApiTest::restart() {
  close();
  open();
}

Reply ApiTest::call(const std::string& method, const std::string& target, const std::string& body) {
  auto request = request_for(method, target);
  request.body = body;
  auto response = api_->handle(request);
  Reply reply;
  reply.status = response.status;
  reply.text = response.body;
  const bool no_content = response.status == 204 && response.body.empty();
  if (!response.raw_text && !no_content) {
    try {
      reply.body = nlohmann::json::parse(response.body);
    } catch (...) {
      ADD_FAILURE() << "response is not JSON: " << response.body;
    }
  }
  return reply;
}

Reply ApiTest::call(const std::string& method, const std::string& target, const nlohmann::json& body) {
  return call(method, target, body.dump());
}

Reply ApiTest::register_avro(const std::string& subject, const std::string& schema) {
  return call("POST", "/subjects/" + subject + "/versions", nlohmann::json{{"schema", schema}});
}

std::string ApiTest::record(const std::string& name, const std::vector<std::string>& fields_json) {
  std::string out = R"({"type":"record","name":")" + name + R"(","fields":[)";
  for (std::size_t i = 0; i < fields_json.size(); ++i) out += (i ? "," : "") + fields_json[i];
  return out + "]}";
}

}  // namespace accord::api::testing
