// A transitive check of a wide record against many versions: parse once, check 100 pairs.
// Functional assertions only (no timing assertions); the elapsed time is printed.
#include <chrono>
#include <iostream>

#include "accord/compat/checker.hpp"
#include "avro_test_support.hpp"

namespace accord::formats::avro_test {
namespace {

std::string wide_record(int fields, int version) {
  std::string text = R"({"type":"record","name":"Wide","namespace":"bench","fields":[)";
  for (int i = 0; i < fields; ++i) {
    if (i) text += ',';
    const char* type = i % 3 == 0 ? R"("long")" : i % 3 == 1 ? R"(["null","string"])" : R"({"type":"map","values":"double"})";
    text += R"({"name":"f)" + std::to_string(i) + R"(","type":)" + type;
    if (i % 3 == 1) text += R"(,"default":null)";
    text += '}';
  }
  // Each version adds an optional field, so every pair really differs.
  text += R"(,{"name":"v)" + std::to_string(version) + R"(","type":["null","int"],"default":null}]})";
  return text;
}

TEST(AvroSpeed, TransitiveCheckOf300FieldsAgainst100Versions) {
  std::vector<compat::PreviousVersion> previous;
  for (int v = 1; v <= 100; ++v) previous.push_back({VersionNumber{v}, schema(wide_record(300, v))});
  auto candidate = schema(wide_record(300, 101));
  ASSERT_TRUE(candidate);
  auto start = std::chrono::steady_clock::now();
  auto verdict = compat::check(CompatibilityLevel::FullTransitive, avro(), *candidate, previous);
  auto elapsed = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - start);
  EXPECT_TRUE(verdict.compatible);
  EXPECT_TRUE(verdict.messages.empty());
  std::cout << "[avro speed] FULL_TRANSITIVE, 300 fields x 100 versions (200 checks): " << elapsed.count() << " us\n";
}

}  // namespace
}  // namespace accord::formats::avro_test
