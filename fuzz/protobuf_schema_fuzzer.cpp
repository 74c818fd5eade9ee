// libFuzzer target: the Protobuf (.proto text) parser, canonical/normalized text,
// compatibility check, and the message-index helpers of the wire format.
#include <google/protobuf/stubs/logging.h>

#include "accord/formats/protobuf.hpp"
#include "format_target.hpp"

namespace {

constexpr std::string_view kFixed = R"(syntax = "proto3";
package com.example;

import "google/protobuf/timestamp.proto";

message Order {
  int64 id = 1;
  string note = 2;
  repeated string tags = 3;
  map<string, int32> counts = 4;
  Status status = 5;
  google.protobuf.Timestamp created = 6;
  oneof payment {
    string card = 7;
    Money cash = 8;
  }
  enum Status {
    NEW = 0;
    PAID = 1;
  }
  message Line { int32 qty = 1; }
}

message Money {
  int64 units = 1;
  int32 nanos = 2;
}
)";

// libprotobuf logs parse problems to stderr; a fuzzing run would print thousands of them.
void quiet(google::protobuf::LogLevel level, const char* file, int line, const std::string& message) {
  if (level == google::protobuf::LOGLEVEL_FATAL) std::fprintf(stderr, "[libprotobuf FATAL %s:%d] %s\n", file, line, message.c_str());
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  google::protobuf::SetLogHandler(&quiet);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  accord::fuzz::run_format_target({accord::SchemaType::Protobuf, kFixed, "ref.proto"}, data, size);

  // The message-index helpers walk the parsed descriptor; drive them with the input's bytes.
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto [reference_text, schema_text] = accord::fuzz::split_first(input, '\0');
  if (!reference_text.empty()) return 0;
  auto parsed = accord::formats::format_for(accord::SchemaType::Protobuf)->parse(schema_text, {});
  if (!parsed.ok()) return 0;
  // A short path taken from the input's last bytes (small numbers, so it often names a message).
  std::vector<int> path;
  for (size_t i = 0; i < std::min<size_t>(size, 2); ++i) path.push_back(data[size - 1 - i] % 4);
  auto name = accord::formats::protobuf_message_name(*parsed.value(), path);
  if (name.ok()) {
    auto back = accord::formats::protobuf_message_indexes(*parsed.value(), name.value());
    FUZZ_CHECK(back.ok(), "message " + name.value() + " named by a path is not found back: " + back.error().message);
    auto again = accord::formats::protobuf_message_name(*parsed.value(), back.value());
    FUZZ_CHECK(again.ok() && again.value() == name.value(), "message indexes do not round-trip for " + name.value());
  }
  (void)accord::formats::protobuf_serialized(*parsed.value());
  return 0;
}
