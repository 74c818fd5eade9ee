#include <gtest/gtest.h>

#include "accord/cli/config.hpp"

namespace accord::cli {
namespace {

void expect_listener(const std::string& url, const std::string& scheme, const std::string& host, uint16_t port) {
  auto l = parse_listener(url);
  ASSERT_TRUE(l.ok()) << url << ": " << l.error().message;
  EXPECT_EQ(l->scheme, scheme) << url;
  EXPECT_EQ(l->host, host) << url;
  EXPECT_EQ(l->port, port) << url;
}

TEST(Listener, ParsesIpv4HostnameAndIpv6) {
  expect_listener("http://127.0.0.1:8081", "http", "127.0.0.1", 8081);
  expect_listener("http://0.0.0.0:0", "http", "0.0.0.0", 0);
  expect_listener("https://registry.example.com:8443", "https", "registry.example.com", 8443);
  expect_listener("http://[::1]:8081", "http", "::1", 8081);
  expect_listener("HTTP://localhost:65535/", "http", "localhost", 65535);
}

TEST(Listener, MissingPortTakesTheSchemeDefault) {
  expect_listener("http://localhost", "http", "localhost", 80);
  expect_listener("https://[::]", "https", "::", 443);
}

TEST(Listener, RejectsMalformedUrls) {
  for (const char* url : {"", "127.0.0.1:8081", "ftp://h:1", "http://", "http://:8081", "http://h:port",
                          "http://h:65536", "http://h:-1", "http://[::1:8081", "http://::1:8081", "http://h:1/path",
                          "http://[::1]x"}) {
    auto l = parse_listener(url);
    EXPECT_FALSE(l.ok()) << url;
    if (!l.ok()) {
      EXPECT_NE(l.error().message.find("invalid listener"), std::string::npos);
    }
  }
}

}  // namespace
}  // namespace accord::cli
