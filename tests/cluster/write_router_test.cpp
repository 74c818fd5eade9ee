// Where a write goes: here, to the writer the log names, or nowhere (50004) after a bound.
#include <gtest/gtest.h>

#include <thread>

#include "accord/cluster/write_router.hpp"
#include "cluster_test_support.hpp"

namespace accord::cluster {
namespace {

using Kind = WriteRoute::Kind;
using std::chrono::steady_clock;

TEST(WriteRouter, TheElectedNodeWritesItself) {
  testing::FakeLease lease;
  WriterDirectory directory;
  directory.set("http://other:1");
  lease.set({true, true, 1});
  WriteRouter router(&lease, directory, "http://me:1");
  EXPECT_EQ(router.route(false, steady_clock::now()).kind, Kind::Local);
  EXPECT_EQ(router.route(true, steady_clock::now()).kind, Kind::Local);
  EXPECT_TRUE(router.is_writer());
  EXPECT_EQ(router.writer_url(), "http://me:1");
}

TEST(WriteRouter, AFollowerForwardsToTheAnnouncedWriter) {
  WriterDirectory directory;
  directory.set("http://writer:1");
  WriteRouter router(nullptr, directory, "http://me:1");
  const auto route = router.route(false, steady_clock::now());
  EXPECT_EQ(route.kind, Kind::Forward);
  EXPECT_EQ(route.url, "http://writer:1");
}

TEST(WriteRouter, AForwardedRequestIsNeverForwardedAgain) {
  WriterDirectory directory;
  directory.set("http://writer:1");
  WriteRouter router(nullptr, directory, "http://me:1");
  const auto route = router.route(true, steady_clock::now() + std::chrono::seconds(5));
  EXPECT_EQ(route.kind, Kind::Fail);
  EXPECT_EQ(route.error.error_code(), 50004);
}

TEST(WriteRouter, OwnStaleMarkerMeansNoWriterKnown) {
  testing::FakeLease lease;  // not elected
  WriterDirectory directory;
  directory.set("http://me:1");
  WriteRouter router(&lease, directory, "http://me:1");
  EXPECT_EQ(router.writer_url(), "");
  const auto route = router.route(false, steady_clock::now() + std::chrono::milliseconds(100));
  EXPECT_EQ(route.kind, Kind::Fail);
  EXPECT_EQ(route.error.error_code(), 50004);
  EXPECT_EQ(route.error.message, "Leader not known.");
}

TEST(WriteRouter, AWriteWaitsForTheNextWriterToBeAnnounced) {
  WriterDirectory directory;
  directory.set("http://dead:1");
  WriteRouter router(nullptr, directory, "http://me:1");
  std::thread announce([&] {
    // The reader thread would do this when the new writer's marker arrives.
    directory.wait_for_change("", steady_clock::now());
    directory.set("http://next:2");
  });
  const auto route = router.route(false, steady_clock::now() + std::chrono::seconds(30), "http://dead:1");
  announce.join();
  EXPECT_EQ(route.kind, Kind::Forward);
  EXPECT_EQ(route.url, "http://next:2");
}

}  // namespace
}  // namespace accord::cluster
