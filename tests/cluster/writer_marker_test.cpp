// The writer's URL travels through the log in its NOOP marker.
#include <gtest/gtest.h>

#include "accord/cluster/writer_marker.hpp"
#include "accord/log/codec.hpp"
#include "accord/log/local_log.hpp"
#include "cluster_test_support.hpp"

namespace accord::cluster {
namespace {

TEST(WriterMarker, IsAConfluentNoopWithAHeader) {
  const auto marker = writer_marker("http://node-1:8081");
  EXPECT_EQ(marker.key, log::encode_key(log::noop_key()));
  EXPECT_FALSE(marker.value.has_value()) << "Confluent readers see a plain NOOP";
  EXPECT_EQ(marker_url(marker), "http://node-1:8081");
}

TEST(WriterMarker, OtherRecordsNameNoWriter) {
  EXPECT_FALSE(marker_url(log::Record{log::encode_key(log::noop_key()), std::nullopt, {}}));
  EXPECT_FALSE(marker_url(log::Record{"k", "v", {{"other", "x"}}}));
}

TEST(WriterDirectory, TheLatestMarkerWins) {
  WriterDirectory directory;
  EXPECT_EQ(directory.url(), "");
  directory.observe({Offset{1}, writer_marker("http://a:1"), 0});
  directory.observe({Offset{2}, log::Record{"k", "v", {}}, 0});
  EXPECT_EQ(directory.url(), "http://a:1");
  directory.observe({Offset{3}, writer_marker("http://b:2"), 0});
  EXPECT_EQ(directory.url(), "http://b:2");
  EXPECT_EQ(directory.wait_for_change("http://a:1", std::chrono::steady_clock::now()), "http://b:2");
}

TEST(WriterDirectory, ARestartedNodeFindsTheLastMarkerBelowItsPosition) {
  testing::TempDir dir;
  auto opened = log::open_local_log(dir.path());
  ASSERT_TRUE(opened.ok()) << opened.error().message;
  auto& log = **opened;
  std::vector<log::Record> records{writer_marker("http://old:1")};
  for (int i = 0; i < 1500; ++i) records.push_back(log::Record{"k" + std::to_string(i), "v", {}});
  records.push_back(writer_marker("http://new:2"));
  for (int i = 0; i < 1200; ++i) records.push_back(log::Record{"x" + std::to_string(i), "v", {}});
  ASSERT_TRUE(log.append(records).ok());
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  // The marker at 1501 lies more than one scan window below the end.
  EXPECT_EQ(find_latest_writer_url(log, Offset{2702}, deadline), "http://new:2");
  EXPECT_EQ(find_latest_writer_url(log, Offset{1501}, deadline), "http://old:1");
  EXPECT_EQ(find_latest_writer_url(log, Offset{0}, deadline), "");
}

}  // namespace
}  // namespace accord::cluster
