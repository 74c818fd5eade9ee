// libFuzzer target: the JSON Schema parser, canonical/normalized text, compatibility check.
#include "format_target.hpp"

namespace {

constexpr std::string_view kFixed = R"({"$schema":"http://json-schema.org/draft-07/schema#","title":"Order",
  "type":"object","additionalProperties":false,"required":["id"],
  "properties":{"id":{"type":"integer","minimum":0},"note":{"type":["string","null"],"maxLength":200},
    "status":{"enum":["NEW","PAID"]},"tags":{"type":"array","items":{"type":"string"},"uniqueItems":true},
    "total":{"oneOf":[{"type":"number"},{"$ref":"#/definitions/money"}]}},
  "definitions":{"money":{"type":"object","properties":{"units":{"type":"integer"}}}}})";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  accord::fuzz::run_format_target({accord::SchemaType::Json, kFixed, "ref.json"}, data, size);
  return 0;
}
