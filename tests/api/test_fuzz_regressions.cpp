// Inputs found by the fuzz targets (fuzz/, docs/fuzzing.md) that once broke the api layer.
#include "api_fixture.hpp"

namespace accord::api::testing {
namespace {

// fuzz_api: a schema text whose number overflows a double made the Avro parser's JSON
// library throw out of Api::handle (a 500 over HTTP). It is an invalid schema: 42201.
TEST_F(ApiTest, SchemaWithAnOverflowingNumberIsInvalidNot500) {
  for (const char* text : {"1e400", R"({"type":"record","name":"R","fields":[{"name":"a","type":"double","default":1e400}]})"}) {
    const auto reply = call("POST", "/subjects/overflow/versions", nlohmann::json{{"schema", text}});
    EXPECT_EQ(reply.status, 422) << text << ": " << reply.text;
    EXPECT_EQ(reply.body.value("error_code", 0), 42201) << reply.text;
    const auto compat = call("POST", "/compatibility/subjects/overflow/versions", nlohmann::json{{"schema", text}});
    EXPECT_NE(compat.status, 500) << compat.text;
  }
}

// fuzz_api: a body or path that is not UTF-8 is echoed in the error message; dumping that
// message threw json type_error 316 out of Api::handle.
TEST_F(ApiTest, ErrorMessagesEchoingInvalidUtf8AreStillJson) {
  const std::string bad_body = std::string(R"({"schema": "{\"type\":\"record\",)") + "\xff\xfe\"}";
  const auto reply = call("POST", "/subjects/s/versions", bad_body);
  EXPECT_EQ(reply.status, 400) << reply.text;
  EXPECT_EQ(reply.body.value("error_code", 0), 400) << reply.text;
  const auto subject = call("GET", "/subjects/%FF%FE/versions");
  EXPECT_GE(subject.status, 400) << subject.text;
  EXPECT_LT(subject.status, 500) << subject.text;
}

}  // namespace
}  // namespace accord::api::testing
