// libFuzzer target: the `_schemas` record codec (Confluent key and value JSON). Every
// decoder reads the input; whatever decodes must encode to bytes that decode to the same
// record, and a second encode must give the same bytes (the byte form is what Kafka
// compaction compares, so it has to be stable).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "accord/log/codec.hpp"
#include "fuzz_support.hpp"

namespace {

using namespace accord::log;

template <class Value, class Decode, class Encode>
void round_trip(std::string_view input, Decode decode, Encode encode, const char* what) {
  auto first = decode(input);
  if (!first.ok()) return;
  const std::string bytes = encode(first.value());
  auto second = decode(bytes);
  FUZZ_CHECK(second.ok(), std::string(what) + ": encoded form does not decode\ninput: " + std::string(input) +
                              "\nencoded: " + bytes + "\nerror: " + second.error().message);
  const std::string again = encode(second.value());
  FUZZ_CHECK(again == bytes, std::string(what) + ": encoding is not stable\ninput: " + std::string(input) +
                                 "\nfirst: " + bytes + "\nsecond: " + again);
  // Decoding the canonical bytes is a fixed point: a third pass gives the same value.
  auto third = decode(again);
  FUZZ_CHECK(third.ok() && third.value() == second.value(),
             std::string(what) + ": decode(encode(x)) != x for canonical bytes " + bytes);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);

  if (auto key = decode_key(input); key.ok()) {
    const std::string bytes = encode_key(key.value());
    auto again = decode_key(bytes);
    FUZZ_CHECK(again.ok(), "key: encoded form does not decode\ninput: " + std::string(input) + "\nencoded: " + bytes +
                               "\nerror: " + again.error().message);
    FUZZ_CHECK(logical_key(again.value()) == logical_key(key.value()),
               "key: logical key changed by a round trip\ninput: " + std::string(input) + "\nencoded: " + bytes);
    FUZZ_CHECK(encode_key(again.value()) == bytes, "key: encoding is not stable\ninput: " + std::string(input));
  }

  round_trip<SchemaValue>(input, decode_schema_value, encode_schema_value, "SCHEMA value");
  round_trip<ConfigValue>(input, decode_config_value, encode_config_value, "CONFIG value");
  round_trip<ModeValue>(input, decode_mode_value, encode_mode_value, "MODE value");
  round_trip<DeleteSubjectValue>(input, decode_delete_subject_value, encode_delete_subject_value,
                                 "DELETE_SUBJECT value");
  round_trip<ClearSubjectValue>(input, decode_clear_subject_value, encode_clear_subject_value, "CLEAR_SUBJECT value");
  (void)is_tombstone(std::string(input));
  return 0;
}
