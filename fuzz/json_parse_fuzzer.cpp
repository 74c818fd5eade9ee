// libFuzzer target: parse_json (RapidJSON's lexer building nlohmann documents) against
// nlohmann's own parse, for both document kinds. Either both refuse the input with the same
// exception text, or both give the same document, down to its dump (key order, number kinds).
// read_json_document (the RapidJSON document the Avro parser walks, converted by
// to_ordered_json) is held to the same: nlohmann's refusal as its message, or
// the same document and dump.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "accord/model/json_document.hpp"
#include "accord/model/json_parse.hpp"
#include "fuzz_support.hpp"

namespace {

template <class J>
void same_as_nlohmann(std::string_view input) {
  std::string expected_error, error;
  J expected, parsed;
  try {
    expected = J::parse(input);
  } catch (const typename J::exception& e) {
    expected_error = e.what();
  }
  try {
    parsed = accord::parse_json<J>(input);
  } catch (const typename J::exception& e) {
    error = e.what();
  }
  FUZZ_CHECK(error == expected_error,
             "refusals differ\ninput: " + std::string(input) + "\nnlohmann: " + expected_error + "\nparse_json: " + error);
  if (!expected_error.empty()) {
    FUZZ_CHECK(accord::parse_json_or_discarded<J>(input).is_discarded(), "a refused text is not discarded");
    return;
  }
  FUZZ_CHECK(parsed == expected && parsed.dump() == expected.dump(),
             "documents differ\ninput: " + std::string(input) + "\nnlohmann: " + expected.dump() +
                 "\nparse_json: " + parsed.dump());
}

void document_same_as_nlohmann(std::string_view input) {
  using Json = nlohmann::ordered_json;
  std::string expected_error;
  Json expected;
  try {
    expected = Json::parse(input);
  } catch (const Json::exception& e) {
    expected_error = e.what();
  }
  rapidjson::Document document;
  const auto error = accord::read_json_document(input, document);
  FUZZ_CHECK(error.value_or("") == expected_error,
             "document refusals differ\ninput: " + std::string(input) + "\nnlohmann: " + expected_error +
                 "\nread_json_document: " + error.value_or(""));
  if (error) return;
  const Json read = accord::to_ordered_json(document);
  FUZZ_CHECK(read == expected && read.dump() == expected.dump(),
             "RapidJSON documents differ\ninput: " + std::string(input) + "\nnlohmann: " + expected.dump() +
                 "\nread_json_document: " + read.dump());
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  same_as_nlohmann<nlohmann::json>(input);
  same_as_nlohmann<nlohmann::ordered_json>(input);
  document_same_as_nlohmann(input);
  return 0;
}
