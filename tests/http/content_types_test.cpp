#include <gtest/gtest.h>

#include "accord/http/content_types.hpp"

namespace accord::http {
namespace {

struct NegotiationCase {
  const char* accept;
  const char* expected;  // nullptr = 406
};

class Negotiation : public testing::TestWithParam<NegotiationCase> {};

TEST_P(Negotiation, ChoosesTheResponseType) {
  auto result = negotiate_response_type(GetParam().accept);
  if (GetParam().expected == nullptr) {
    EXPECT_EQ(result, std::nullopt) << GetParam().accept;
  } else {
    ASSERT_TRUE(result.has_value()) << GetParam().accept;
    EXPECT_EQ(*result, GetParam().expected) << GetParam().accept;
  }
}

constexpr const char* kV1 = "application/vnd.schemaregistry.v1+json";
constexpr const char* kSr = "application/vnd.schemaregistry+json";
constexpr const char* kJ = "application/json";

INSTANTIATE_TEST_SUITE_P(
    Table, Negotiation,
    testing::Values(NegotiationCase{"", kV1}, NegotiationCase{"   ", kV1}, NegotiationCase{"*/*", kV1},
                    NegotiationCase{"text/html, image/gif, image/jpeg, *; q=.2, */*; q=.2", kV1},
                    NegotiationCase{"application/*", kV1}, NegotiationCase{kV1, kV1}, NegotiationCase{kSr, kSr},
                    NegotiationCase{kJ, kJ}, NegotiationCase{"APPLICATION/JSON", kJ},
                    NegotiationCase{"application/json; charset=utf-8", kJ},
                    NegotiationCase{"application/vnd.schemaregistry.v1+json, application/vnd.schemaregistry+json, "
                                    "application/json",
                                    kV1},
                    NegotiationCase{"application/json, application/vnd.schemaregistry+json", kSr},
                    NegotiationCase{"application/json;q=0.9, application/vnd.schemaregistry+json;q=0.8", kJ},
                    NegotiationCase{"application/vnd.schemaregistry.v1+json;q=0, */*", kSr},
                    NegotiationCase{"application/json;q=0.1, */*;q=0.05", kJ},
                    NegotiationCase{"*/*;q=0.1, application/json", kJ},
                    NegotiationCase{"text/plain", nullptr}, NegotiationCase{"text/*, image/png", nullptr},
                    NegotiationCase{"application/xml", nullptr}, NegotiationCase{"application/json;q=0", nullptr},
                    NegotiationCase{"garbage", nullptr}));

TEST(RequestType, AcceptsTheFourTypesWithParameters) {
  for (const char* type : {"application/vnd.schemaregistry.v1+json", "application/vnd.schemaregistry+json",
                           "application/json", "application/octet-stream", "application/json; charset=UTF-8",
                           "Application/JSON", "", "  "}) {
    EXPECT_TRUE(is_accepted_request_type(type)) << type;
  }
}

TEST(RequestType, RejectsOthers) {
  for (const char* type : {"text/plain", "application/xml", "application/x-www-form-urlencoded",
                           "multipart/form-data; boundary=x", "application/jsonx", "*/*"}) {
    EXPECT_FALSE(is_accepted_request_type(type)) << type;
  }
}

}  // namespace
}  // namespace accord::http
