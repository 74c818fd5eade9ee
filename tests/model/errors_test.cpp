// Errors by cause: one table gives each cause its body code and HTTP status, one function
// renders the body, and the causes other layers branch on are told apart by their code,
// never by their wording.
#include <gtest/gtest.h>

#include "accord/api/error_response.hpp"
#include "accord/log/schema_log.hpp"
#include "accord/model/errors.hpp"

namespace accord {
namespace {

TEST(ErrorTable, EveryCauseHasItsCodeAndStatus) {
  struct Row {
    Error error;
    int status, code;
  };
  const std::vector<Row> rows = {
      {errors::subject_not_found("s"), 404, 40401},
      {errors::incompatible_schema("s", "[]"), 409, 40901},
      {errors::invalid_schema("AVRO", "x"), 422, 42201},
      {errors::store_error("x"), 500, 50001},
      {errors::unknown_leader(), 500, 50004},
      {errors::not_caught_up(), 503, 50002},
      {errors::header_fields_too_large(), 431, 431},
      {errors::unavailable("x"), 503, 503},
      {errors::unauthorized("x"), 401, 401},
      {errors::forbidden("x"), 403, 40301},
      {errors::offset_out_of_range(9, 0, 3), 500, 50001},
      {errors::body_too_deep(64), 400, 400},
      {errors::schema_over_size_limit(10), 422, 42209},
      {errors::schema_too_deep(10), 422, 42201},
  };
  for (const auto& row : rows) {
    EXPECT_EQ(row.error.status(), row.status) << row.error.message;
    EXPECT_EQ(row.error.error_code(), row.code) << row.error.message;
  }
}

TEST(ErrorBody, RenderedOnceWithTheTablesStatus) {
  const auto response = api::error_response(errors::not_caught_up());
  EXPECT_EQ(response.status, 503);
  EXPECT_EQ(response.body, R"({"error_code":50002,"message":"The node is catching up with the log; retry shortly"})");
}

TEST(ErrorBody, SafeForAnyBytes) {
  const auto response = api::error_response(errors::subject_not_found(std::string("a\xff\xfe" "b\0c", 6)));
  EXPECT_EQ(response.status, 404);
  EXPECT_EQ(response.body, "{\"error_code\":40401,\"message\":\"Subject 'a\xEF\xBF\xBD\xEF\xBF\xBD" "b\\u0000c' not found.\"}");
}

TEST(ErrorCauses, AreToldApartByCodeNotByWording) {
  EXPECT_TRUE(log::is_offset_out_of_range(errors::offset_out_of_range(9, 0, 3)));
  EXPECT_FALSE(log::is_offset_out_of_range(errors::store_error("Offset out of range: offset 9")));
}

}  // namespace
}  // namespace accord
