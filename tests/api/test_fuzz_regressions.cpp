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

}  // namespace
}  // namespace accord::api::testing
