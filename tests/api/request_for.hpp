#pragma once
// A request as the HTTP server hands it to the API: the method and the parsed target.
#include <gtest/gtest.h>

#include <string>

#include "accord/api/request.hpp"

namespace accord::api {

inline Request request_for(const std::string& method, const std::string& target) {
  Request request;
  request.method = method;
  EXPECT_TRUE(parse_target(target, request)) << target;
  return request;
}

}  // namespace accord::api
