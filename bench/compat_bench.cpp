// accord-bench-compat: times a FULL_TRANSITIVE compatibility check of a 300-field schema
// against 100 earlier versions, for Avro, JSON Schema and Protobuf. The 101 schemas are
// parsed once; only accord::compat::check is timed (median of several runs). Every check
// must come out compatible: a verdict of "incompatible" is a wrong answer (exit 1).
//
// Versions 1..100 have 200..299 fields; the candidate (version 101) has 300. Each version
// adds one optional field, which is FULL compatible in all three formats. For JSON Schema
// (where adding a property to an open content model is not FULL compatible) every version
// has the same 300 properties and differs in its description.
//
//   accord-bench-compat [--runs 7]   prints: "<FORMAT> <median ms> <min ms> <messages>"
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "accord/compat/checker.hpp"
#include "accord/formats/format.hpp"

namespace {

constexpr int kVersions = 100;
constexpr int kFields = 300;

const char* const kAvroTypes[] = {
    R"("int")", R"("long")", R"("string")", R"("double")", R"("boolean")",
    R"({"type":"array","items":"string"})", R"({"type":"map","values":"long"})",
    R"(["null","string"],"default":null)", R"("bytes")", R"("float")"};

std::string avro(int fields) {
  std::string t = R"({"type":"record","name":"Wide","namespace":"bench.accord","fields":[)";
  for (int i = 0; i < fields; ++i) {
    if (i) t += ",";
    if (i >= 200) {  // the fields added by later versions carry a default
      t += R"({"name":"added)" + std::to_string(i) + R"(","type":["null","long"],"default":null})";
      continue;
    }
    t += R"({"name":"f)" + std::to_string(i) + R"(","type":)" + kAvroTypes[i % 10] + "}";
  }
  return t + "]}";
}

const char* const kJsonTypes[] = {
    R"({"type":"string"})", R"({"type":"integer"})", R"({"type":"number"})", R"({"type":"boolean"})",
    R"({"type":"array","items":{"type":"string"}})",
    R"({"type":"object","properties":{"a":{"type":"string"},"b":{"type":"integer"}}})",
    R"({"type":"string","maxLength":64})", R"({"type":"integer","minimum":0})",
    R"({"oneOf":[{"type":"null"},{"type":"string"}]})", R"({"type":"string","enum":["A","B","C"]})"};

std::string json(int version) {
  std::string t = R"({"$schema":"http://json-schema.org/draft-07/schema#","type":"object","description":"v)" +
                  std::to_string(version) + R"(","properties":{)";
  for (int i = 0; i < kFields; ++i) {
    if (i) t += ",";
    t += R"("f)" + std::to_string(i) + R"(":)" + kJsonTypes[i % 10];
  }
  return t + "}}";
}

const char* const kProtoTypes[] = {"int32", "int64", "string", "double", "bool",
                                   "repeated string", "bytes", "float", "uint64", "sint32"};

std::string proto(int fields) {
  std::string t = "syntax = \"proto3\";\npackage bench.accord;\n\nmessage Wide {\n";
  for (int i = 0; i < fields; ++i)
    t += "  " + std::string(kProtoTypes[i % 10]) + " f" + std::to_string(i) + " = " + std::to_string(i + 1) + ";\n";
  return t + "}\n";
}

int run(accord::SchemaType type, const char* name, int runs) {
  const auto* format = accord::formats::format_for(type);
  if (!format) {
    std::printf("%s unsupported\n", name);
    return 1;
  }
  auto text_of = [&](int version) {  // version in 1..101
    switch (type) {
      case accord::SchemaType::Avro: return avro(199 + version);
      case accord::SchemaType::Json: return json(version);
      default: return proto(199 + version);
    }
  };
  std::vector<accord::compat::PreviousVersion> previous;
  for (int v = 1; v <= kVersions; ++v) {
    auto parsed = format->parse(text_of(v), {});
    if (!parsed) {
      std::fprintf(stderr, "%s version %d does not parse: %s\n", name, v, parsed.error().message.c_str());
      return 1;
    }
    previous.push_back({accord::VersionNumber{v}, *parsed});
  }
  auto candidate = format->parse(text_of(kVersions + 1), {});
  if (!candidate) {
    std::fprintf(stderr, "%s candidate does not parse: %s\n", name, candidate.error().message.c_str());
    return 1;
  }
  std::vector<double> ms;
  std::size_t messages = 0;
  for (int r = 0; r < runs; ++r) {
    const auto start = std::chrono::steady_clock::now();
    auto verdict = accord::compat::check(accord::CompatibilityLevel::FullTransitive, *format, **candidate, previous);
    ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
    if (!verdict.compatible) {
      std::fprintf(stderr, "%s: expected compatible, got %zu messages, first: %s\n", name, verdict.messages.size(),
                   verdict.messages.empty() ? "" : verdict.messages.front().c_str());
      return 1;
    }
    messages = verdict.messages.size();
  }
  std::sort(ms.begin(), ms.end());
  std::printf("%s %.3f %.3f %zu\n", name, ms[ms.size() / 2], ms.front(), messages);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  int runs = 7;
  for (int i = 1; i + 1 < argc; ++i)
    if (std::string_view(argv[i]) == "--runs") runs = std::max(1, std::atoi(argv[i + 1]));
  int failed = 0;
  failed |= run(accord::SchemaType::Avro, "AVRO", runs);
  failed |= run(accord::SchemaType::Json, "JSON", runs);
  failed |= run(accord::SchemaType::Protobuf, "PROTOBUF", runs);
  return failed;
}
