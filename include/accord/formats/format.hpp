#pragma once
// The format plug-in interface: one implementation per schema type (Avro, JSON Schema,
// Protobuf). A format parses schema text (with its resolved references) into a checked
// form, produces the canonical text to store and the normalized text for normalize=true,
// and decides whether a reader schema can read data written with a writer schema.
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "accord/model/error.hpp"
#include "accord/model/types.hpp"

namespace accord::formats {

// A reference resolved to the text of the schema it names. The caller flattens the
// reference graph: dependencies come before the schemas that use them, each name once.
struct ResolvedReference {
  std::string name;     // the reference name (Avro full name, JSON $ref URL, .proto import path)
  std::string subject;  // where it was registered
  VersionNumber version{0};
  std::string text;     // the referenced schema's stored text
};

// One break found by a compatibility check. `path` locates it in the schema being
// checked (e.g. "/fields/2/type"); `message` is the human text, naming the rule broken.
struct Incompatibility {
  std::string kind;  // a stable identifier of the rule, e.g. "READER_FIELD_MISSING_DEFAULT_VALUE"
  std::string path;
  std::string message;
};

class ParsedSchema {
 public:
  virtual ~ParsedSchema() = default;
  virtual SchemaType type() const = 0;
  // The text the registry stores and serves for this schema (Confluent's canonical string).
  virtual const std::string& canonical() const = 0;
  // The text stored for normalize=true: equivalent schemas give the same text.
  virtual std::string normalized() const = 0;
  // The schema in an output `format` of Confluent's `?format=` parameter (Avro `resolved`,
  // Protobuf `serialized` and `ignore_extensions`); nullopt when this type has no such
  // format, and the stored text is served.
  virtual std::optional<std::string> formatted(std::string_view format) const {
    (void)format;
    return std::nullopt;
  }
};

using ParsedSchemaPtr = std::shared_ptr<const ParsedSchema>;

class Format {
 public:
  virtual ~Format() = default;
  virtual SchemaType type() const = 0;
  // Parse and validate. Errors are InvalidSchema (42201) with the parser's reason.
  virtual Result<ParsedSchemaPtr> parse(std::string_view text,
                                        std::span<const ResolvedReference> references) const = 0;
  // Every reason why `reader` cannot read data written with `writer`; empty = compatible.
  // Both were produced by this format's parse().
  virtual std::vector<Incompatibility> check(const ParsedSchema& reader, const ParsedSchema& writer) const = 0;
};

// The format for a schema type, or nullptr when that type is not supported.
const Format* format_for(SchemaType type);

}  // namespace accord::formats
