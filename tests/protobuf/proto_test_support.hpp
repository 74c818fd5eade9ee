#pragma once
// Shared helpers of the Protobuf unit tests: parse with the real format and get the
// compatibility breaks of a reader against a writer.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "accord/formats/protobuf.hpp"

namespace accord::formats::testing {

inline const Format& protobuf() {
  static const auto format = make_protobuf_format();
  return *format;
}

inline ParsedSchemaPtr parse_ok(const std::string& text, std::vector<ResolvedReference> refs = {}) {
  auto parsed = protobuf().parse(text, refs);
  EXPECT_TRUE(parsed.ok()) << (parsed.ok() ? "" : parsed.error().message) << "\n" << text;
  return parsed.ok() ? *parsed : nullptr;
}

inline std::vector<Incompatibility> breaks(const std::string& reader, const std::string& writer) {
  auto r = parse_ok(reader);
  auto w = parse_ok(writer);
  if (!r || !w) return {{"PARSE_FAILED", "", ""}};
  return protobuf().check(*r, *w);
}

inline std::vector<std::string> kinds(const std::vector<Incompatibility>& found) {
  std::vector<std::string> out;
  for (const auto& i : found) out.push_back(i.kind);
  return out;
}

}  // namespace accord::formats::testing
