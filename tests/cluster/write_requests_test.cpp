// Which requests are writes (routed to the elected writer) and which are answered locally.
#include <gtest/gtest.h>

#include "accord/cluster/write_requests.hpp"

namespace accord::cluster {
namespace {

TEST(WriteRequests, RegisterDeleteConfigAndModeAreWrites) {
  EXPECT_TRUE(is_write_request("POST", {"subjects", "s", "versions"}));
  EXPECT_TRUE(is_write_request("DELETE", {"subjects", "s"}));
  EXPECT_TRUE(is_write_request("DELETE", {"subjects", "s", "versions", "1"}));
  EXPECT_TRUE(is_write_request("DELETE", {"contexts", ".team-a"}));  // forwarded to the writer
  EXPECT_FALSE(is_write_request("GET", {"contexts"}));
  EXPECT_TRUE(is_write_request("PUT", {"config"}));
  EXPECT_TRUE(is_write_request("PUT", {"config", "s"}));
  EXPECT_TRUE(is_write_request("DELETE", {"config", "s"}));
  EXPECT_TRUE(is_write_request("PUT", {"mode", "s"}));
  EXPECT_TRUE(is_write_request("DELETE", {"mode"}));
}

TEST(WriteRequests, LookupsChecksAndReadsAreNot) {
  EXPECT_FALSE(is_write_request("POST", {"subjects", "s"}));  // lookup
  EXPECT_FALSE(is_write_request("POST", {"compatibility", "subjects", "s", "versions", "latest"}));
  EXPECT_FALSE(is_write_request("POST", {"compatibility", "subjects", "s", "versions"}));
  EXPECT_FALSE(is_write_request("POST", {}));  // POST / answers like GET /
  EXPECT_FALSE(is_write_request("GET", {"subjects"}));
  EXPECT_FALSE(is_write_request("HEAD", {"schemas", "ids", "1"}));
}

}  // namespace
}  // namespace accord::cluster
