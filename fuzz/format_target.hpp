#pragma once
// The body shared by the three schema-format targets: parse the input (optionally with one
// reference), produce canonical and normalized text, and run the compatibility check of the
// result against itself and against a fixed schema, both directions.
//
// Input: the schema text; when it contains a NUL byte, the part before it is the text of a
// reference named `reference_name` and the part after it is the schema that uses it.
#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "accord/formats/format.hpp"
#include "fuzz_support.hpp"

namespace accord::fuzz {

struct FormatTarget {
  SchemaType type;
  std::string_view fixed_schema;    // a valid schema of this type
  std::string_view reference_name;  // the name under which the NUL-prefixed part is referenced
};

inline std::string describe(std::string_view schema, const std::string& canonical) {
  return "input: " + std::string(schema) + "\ncanonical: " + canonical;
}

inline void run_format_target(const FormatTarget& target, const uint8_t* data, size_t size) {
  if (size > 64 * 1024) return;  // the REST layer bounds schema size; keep runs fast
  const formats::Format* format = formats::format_for(target.type);
  FUZZ_CHECK(format != nullptr, "format not registered");

  static const formats::ParsedSchemaPtr fixed = [&] {
    auto parsed = format->parse(target.fixed_schema, {});
    FUZZ_CHECK(parsed.ok(), "the fixed schema does not parse: " + parsed.error().message);
    return parsed.value();
  }();

  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const auto [reference_text, schema_text] = split_first(input, '\0');

  std::array<formats::ResolvedReference, 1> reference_storage;
  std::span<const formats::ResolvedReference> references;
  if (!reference_text.empty()) {
    reference_storage[0] = formats::ResolvedReference{std::string(target.reference_name), "ref",
                                                      VersionNumber{1}, std::string(reference_text)};
    auto referenced = format->parse(reference_text, {});
    if (referenced.ok()) references = reference_storage;  // a broken reference is the registry's 42201 earlier
  }

  auto parsed = format->parse(schema_text, references);
  if (!parsed.ok()) {
    FUZZ_CHECK(!parsed.error().message.empty(), "parse error without a message");
    return;
  }
  const formats::ParsedSchema& schema = *parsed.value();
  FUZZ_CHECK(schema.type() == target.type, "parsed schema reports another type");
  const std::string canonical = schema.canonical();
  const std::string normalized = schema.normalized();

  // What the registry stores must load again, and to the same text (replay, restarts).
  auto reparsed = format->parse(canonical, references);
  FUZZ_CHECK(reparsed.ok(), describe(schema_text, canonical) + "\nerror: " + reparsed.error().message);
  FUZZ_CHECK(reparsed.value()->canonical() == canonical,
             describe(schema_text, canonical) + "\nreparsed canonical: " + reparsed.value()->canonical());
  auto renormalized = format->parse(normalized, references);
  FUZZ_CHECK(renormalized.ok(), describe(schema_text, canonical) + "\nnormalized: " + normalized +
                                    "\nerror: " + renormalized.error().message);

  // A schema can always read its own data.
  const auto self = format->check(schema, schema);
  FUZZ_CHECK(self.empty(), describe(schema_text, canonical) + "\nfirst break: " + self.front().kind + " at " +
                               self.front().path + ": " + self.front().message);
  (void)format->check(schema, *reparsed.value());
  (void)format->check(schema, *fixed);
  (void)format->check(*fixed, schema);
}

}  // namespace accord::fuzz
