// The CaseEscalated event schema from shared/seeds/kafka-schema-discipline-lesson.txt.
#include <gtest/gtest.h>

#include <vector>

#include "accord/compat/checker.hpp"
#include "json_test_support.hpp"

namespace accord::formats::testing {
namespace {

const std::string kCaseEscalated = R"({
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "title": "CaseEscalated",
  "type": "object",
  "required": ["eventId", "caseId", "occurredAt", "escalationLevel"],
  "properties": {
    "eventId": { "type": "string" },
    "caseId": { "type": "string" },
    "occurredAt": { "type": "string", "format": "date-time" },
    "escalationLevel": {
      "type": "string",
      "enum": ["SUPERVISOR", "ENFORCEMENT", "LEGAL"]
    },
    "reason": { "type": ["string", "null"] }
  },
  "additionalProperties": false
})";

// The same event without the optional `reason` (the version before it was added).
const std::string kWithoutReason = R"({
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "title": "CaseEscalated",
  "type": "object",
  "required": ["eventId", "caseId", "occurredAt", "escalationLevel"],
  "properties": {
    "eventId": { "type": "string" },
    "caseId": { "type": "string" },
    "occurredAt": { "type": "string", "format": "date-time" },
    "escalationLevel": { "type": "string", "enum": ["SUPERVISOR", "ENFORCEMENT", "LEGAL"] }
  },
  "additionalProperties": false
})";

const std::string kWithRequiredAssignee = R"({
  "$schema": "https://json-schema.org/draft/2020-12/schema",
  "title": "CaseEscalated",
  "type": "object",
  "required": ["eventId", "caseId", "occurredAt", "escalationLevel", "assignee"],
  "properties": {
    "eventId": { "type": "string" },
    "caseId": { "type": "string" },
    "occurredAt": { "type": "string", "format": "date-time" },
    "escalationLevel": { "type": "string", "enum": ["SUPERVISOR", "ENFORCEMENT", "LEGAL"] },
    "reason": { "type": ["string", "null"] },
    "assignee": { "type": "string" }
  },
  "additionalProperties": false
})";

compat::Verdict judge(CompatibilityLevel level, const std::string& candidate, const std::string& previous) {
  std::vector<compat::PreviousVersion> versions = {{VersionNumber{1}, parse_ok(previous)}};
  auto parsed = parse_ok(candidate);
  if (!parsed || !versions[0].schema) return {false, {"parse failed"}};
  return compat::check(level, json_format(), *parsed, versions);
}

TEST(JsonSeed, CaseEscalatedParses) {
  auto parsed = parse_ok(kCaseEscalated);
  ASSERT_TRUE(parsed);
  EXPECT_TRUE(validate_instance(*parsed, R"({"eventId":"e","caseId":"c","occurredAt":"2026-06-28T10:15:30Z","escalationLevel":"LEGAL","reason":null})").ok());
  EXPECT_FALSE(validate_instance(*parsed, R"({"eventId":"e","caseId":"c","occurredAt":"t","escalationLevel":"CEO"})").ok());
}

TEST(JsonSeed, AddingOptionalReasonIsBackwardCompatible) {
  auto verdict = judge(CompatibilityLevel::Backward, kCaseEscalated, kWithoutReason);
  EXPECT_TRUE(verdict.compatible) << (verdict.messages.empty() ? "" : verdict.messages.front());
}

TEST(JsonSeed, AddingRequiredFieldIsRefusedUnderBackwardNamingTheField) {
  auto verdict = judge(CompatibilityLevel::Backward, kWithRequiredAssignee, kCaseEscalated);
  ASSERT_FALSE(verdict.compatible);
  ASSERT_FALSE(verdict.messages.empty());
  EXPECT_NE(verdict.messages.front().find("assignee"), std::string::npos) << verdict.messages.front();
  EXPECT_NE(verdict.messages.front().find("REQUIRED_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL"), std::string::npos);
}

TEST(JsonSeed, PropertyMissingFromTheClosedReaderIsRefusedUnderForward) {
  // FORWARD: the registered schema (closed, without `reason`) must read data written with the
  // candidate, which may carry `reason`: Confluent's PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL.
  auto verdict = judge(CompatibilityLevel::Forward, kCaseEscalated, kWithoutReason);
  ASSERT_FALSE(verdict.compatible);
  EXPECT_NE(verdict.messages.front().find("PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL"), std::string::npos)
      << verdict.messages.front();
  EXPECT_NE(verdict.messages.front().find("#/properties/reason"), std::string::npos) << verdict.messages.front();
}

TEST(JsonSeed, RemovingAPropertyFromTheClosedModelIsRefusedUnderBackward) {
  // The candidate drops `reason` but stays closed, so it cannot read old events that carry it.
  auto verdict = judge(CompatibilityLevel::Backward, kWithoutReason, kCaseEscalated);
  ASSERT_FALSE(verdict.compatible);
  EXPECT_NE(verdict.messages.front().find("PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL"), std::string::npos)
      << verdict.messages.front();
  // Under FORWARD the same removal is fine: the old closed reader declares `reason` optional.
  EXPECT_TRUE(judge(CompatibilityLevel::Forward, kWithoutReason, kCaseEscalated).compatible);
}

}  // namespace
}  // namespace accord::formats::testing
