// libFuzzer target: the Avro schema parser, canonical/normalized text, compatibility check.
#include "format_target.hpp"

namespace {

constexpr std::string_view kFixed = R"({"type":"record","name":"Order","namespace":"com.example","fields":[
  {"name":"id","type":"long"},
  {"name":"amount","type":{"type":"bytes","logicalType":"decimal","precision":9,"scale":2}},
  {"name":"status","type":{"type":"enum","name":"Status","symbols":["NEW","PAID"],"default":"NEW"}},
  {"name":"tags","type":{"type":"array","items":"string"},"default":[]},
  {"name":"attrs","type":{"type":"map","values":["null","int","string"]}},
  {"name":"hash","type":{"type":"fixed","name":"Hash","size":16}},
  {"name":"note","type":["null","string"],"default":null}]})";

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  accord::fuzz::run_format_target({accord::SchemaType::Avro, kFixed, "com.example.Ref"}, data, size);
  return 0;
}
