// Plays every case of the shared Protobuf compatibility corpus offline: registers the
// referenced schemas, parses the versions and the candidate, and asks accord::compat::check
// with the case's mode. Cases still known to fail are listed with a reason; any other
// mismatch fails, and so does a listed case that starts passing, so the list only shrinks.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "accord/compat/checker.hpp"
#include "accord/formats/protobuf.hpp"

namespace accord::formats {
namespace {

using nlohmann::json;

// id -> why it still fails.
const std::map<std::string, std::string> kKnownFailures = {};

struct Outcome {
  bool compatible = false;
  std::string error;  // a schema that did not parse
  std::vector<std::string> messages;
};

std::vector<ResolvedReference> resolve(const json& refs, const std::map<std::string, std::vector<std::string>>& registry) {
  std::vector<ResolvedReference> out;
  for (const auto& ref : refs) {
    const std::string subject = ref.at("subject");
    const int version = ref.at("version");
    out.push_back({ref.at("name"), subject, VersionNumber{version}, registry.at(subject).at(static_cast<size_t>(version - 1))});
  }
  return out;
}

Outcome evaluate(const Format& format, const json& c) {
  std::map<std::string, std::vector<std::string>> registry;
  for (const auto& ref : c.value("references", json::array())) {
    registry[ref.at("subject")].push_back(ref.at("schema"));
  }
  const json previous_refs = c.value("previousReferences", json::array());
  std::vector<compat::PreviousVersion> previous;
  for (size_t i = 0; i < c.at("previous").size(); ++i) {
    const auto refs = resolve(i < previous_refs.size() ? previous_refs[i] : json::array(), registry);
    auto parsed = format.parse(c.at("previous")[i].get<std::string>(), refs);
    if (!parsed) return {false, "previous " + std::to_string(i + 1) + ": " + parsed.error().message, {}};
    previous.push_back({static_cast<VersionNumber>(i + 1), *parsed});
  }
  const auto refs = resolve(c.value("candidateReferences", json::array()), registry);
  auto candidate = format.parse(c.at("candidate").get<std::string>(), refs);
  if (!candidate) return {false, "candidate: " + candidate.error().message, {}};
  const auto level = parse_compatibility_level(c.at("mode").get<std::string>());
  if (!level) return {false, "unknown mode", {}};
  auto verdict = compat::check(*level, format, **candidate, previous);
  return {verdict.compatible, "", verdict.messages};
}

TEST(ProtobufConformance, EveryCorpusCase) {
  const std::filesystem::path corpus = std::filesystem::path(ACCORD_SHARED_DIR) / "conformance" / "protobuf.jsonl";
  if (!std::filesystem::exists(corpus)) GTEST_SKIP() << "no corpus at " << corpus;
  const auto format = make_protobuf_format();

  std::ifstream in(corpus);
  std::string line;
  int total = 0;
  int passed = 0;
  std::set<std::string> seen_known;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    const json c = json::parse(line);
    const std::string id = c.at("id");
    ++total;
    const Outcome got = evaluate(*format, c);
    const bool expected = c.at("compatible");
    const bool pass = got.error.empty() && got.compatible == expected;
    if (pass) ++passed;
    auto known = kKnownFailures.find(id);
    if (known != kKnownFailures.end()) {
      seen_known.insert(id);
      EXPECT_FALSE(pass) << id << " passes now: remove it from kKnownFailures";
      continue;
    }
    if (!pass) {
      std::string why = got.error.empty() ? "" : " error: " + got.error;
      for (const auto& m : got.messages) why += "\n    " + m;
      ADD_FAILURE() << id << " " << c.at("mode").get<std::string>() << " expected "
                    << (expected ? "compatible" : "incompatible") << ", got "
                    << (got.compatible ? "compatible" : "incompatible") << " (" << c.value("note", "") << ")" << why;
    }
  }
  for (const auto& [id, reason] : kKnownFailures) {
    EXPECT_TRUE(seen_known.count(id)) << id << " is listed but not in the corpus";
  }
  std::cout << "protobuf conformance: " << passed << "/" << total << " passed, " << kKnownFailures.size()
            << " known failures\n";
  EXPECT_GT(total, 0);
}

}  // namespace
}  // namespace accord::formats
