// Plays every case of the shared Avro conformance corpus offline: parse the previous versions
// and the candidate, run accord::compat::check with the case's mode, compare the verdict.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "accord/compat/checker.hpp"
#include "avro_test_support.hpp"

namespace accord::formats::avro_test {
namespace {

// Cases we dispute or do not handle yet, each with its reason. The list may only shrink:
// a listed case that starts passing fails the test too.
const std::map<std::string, std::string> kKnownMismatches = {};

TEST(AvroConformance, EveryCorpusCaseGivesTheExpectedVerdict) {
  const std::filesystem::path path = std::filesystem::path(ACCORD_SHARED_DIR) / "conformance" / "avro.jsonl";
  std::ifstream in(path);
  if (!in) GTEST_SKIP() << "no corpus at " << path;

  int total = 0, passed = 0;
  std::vector<std::string> failures, now_passing;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    auto c = nlohmann::json::parse(line);
    ++total;
    const std::string id = c["id"];
    std::string why;
    std::vector<compat::PreviousVersion> previous;
    VersionNumber version{0};
    for (const auto& text : c["previous"]) {
      auto parsed = avro().parse(text.get<std::string>(), {});
      if (!parsed.ok()) {
        why = "previous v" + std::to_string(version + 1) + " rejected: " + parsed.error().message;
        break;
      }
      previous.push_back({VersionNumber{++version}, parsed.value()});
    }
    bool got = false;
    if (why.empty()) {
      auto candidate = avro().parse(c["candidate"].get<std::string>(), {});
      if (!candidate.ok()) {
        why = "candidate rejected: " + candidate.error().message;
      } else {
        auto level = parse_compatibility_level(c["mode"].get<std::string>());
        if (!level) {
          why = "unknown mode";
        } else {
          auto verdict = compat::check(*level, avro(), *candidate.value(), previous);
          got = verdict.compatible;
          for (const auto& m : verdict.messages) why += "\n      " + m;
        }
      }
    }
    bool expected = c["compatible"];
    bool ok = why.rfind("previous", 0) != 0 && why.rfind("candidate", 0) != 0 && why != "unknown mode" && got == expected;
    // A rejected candidate means "incompatible" to a registry only when the corpus expects that.
    bool listed = kKnownMismatches.count(id) != 0;
    if (ok) {
      ++passed;
      if (listed) now_passing.push_back(id);
    } else if (!listed) {
      failures.push_back(id + " " + c["mode"].get<std::string>() + " expected " + (expected ? "compatible" : "incompatible") +
                         " (" + c["note"].get<std::string>() + ")" + (why.empty() ? "" : ": " + why));
    }
  }
  std::cout << "[avro conformance] " << passed << "/" << total << " cases pass, " << kKnownMismatches.size()
            << " listed as known mismatches\n";
  for (const auto& f : failures) ADD_FAILURE() << "unexpected mismatch: " << f;
  for (const auto& id : now_passing)
    ADD_FAILURE() << id << " now passes: remove it from kKnownMismatches (" << kKnownMismatches.at(id) << ")";
  EXPECT_EQ(total, 829);
}

}  // namespace
}  // namespace accord::formats::avro_test
