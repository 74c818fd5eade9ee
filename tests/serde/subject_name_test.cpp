#include "accord/serde/subject_name.hpp"

#include <gtest/gtest.h>

namespace accord::serde {
namespace {

TEST(SubjectName, Strategies) {
  EXPECT_EQ(*subject_name(SubjectNameStrategy::TopicName, "orders", Part::Value, ""), "orders-value");
  EXPECT_EQ(*subject_name(SubjectNameStrategy::TopicName, "orders", Part::Key, "x.Y"), "orders-key");
  EXPECT_EQ(*subject_name(SubjectNameStrategy::RecordName, "orders", Part::Value, "com.acme.Order"), "com.acme.Order");
  EXPECT_EQ(*subject_name(SubjectNameStrategy::TopicRecordName, "orders", Part::Key, "com.acme.Order"),
            "orders-com.acme.Order");
  auto missing = subject_name(SubjectNameStrategy::RecordName, "orders", Part::Value, "");
  ASSERT_FALSE(missing);
  EXPECT_EQ(missing.error().kind, ErrorKind::NoRecordName);
}

TEST(SubjectName, InContext) {
  // The strategies never add a context; a configured one qualifies what they give.
  EXPECT_EQ(in_context("", "orders-value"), "orders-value");
  EXPECT_EQ(in_context(".", "orders-value"), "orders-value");
  EXPECT_EQ(in_context(".team-a", "orders-value"), ":.team-a:orders-value");
  EXPECT_EQ(in_context("team-a", "orders-value"), ":.team-a:orders-value");
  EXPECT_EQ(in_context(":.team-a:", "orders-value"), ":.team-a:orders-value");
  EXPECT_EQ(in_context(".team-a", ":.team-b:orders-value"), ":.team-b:orders-value") << "already qualified";
  EXPECT_EQ(in_context(".team-a", ":.:orders-value"), ":.team-a:orders-value");
}

}  // namespace
}  // namespace accord::serde
