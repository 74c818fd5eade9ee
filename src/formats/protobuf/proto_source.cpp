#include "proto_source.hpp"

#include <google/protobuf/io/tokenizer.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>

#include "accord/model/errors.hpp"
#include "base64.hpp"

namespace accord::formats::protobuf {
namespace {

namespace pb = google::protobuf;

class CollectFirstError final : public pb::io::ErrorCollector {
 public:
  void AddError(int line, pb::io::ColumnNumber column, const std::string& message) override {
    if (first_.empty()) first_ = location_prefix(line, column) + message;
  }
  const std::string& first() const { return first_; }

 private:
  std::string first_;
};

// Editions ("edition = ...") postdate the libprotobuf we build on; say so plainly instead
// of the parser's generic "Expected top-level statement".
bool declares_edition(std::string_view text) {
  pb::io::ArrayInputStream input(text.data(), static_cast<int>(text.size()));
  CollectFirstError ignored;
  pb::io::Tokenizer tokenizer(&input, &ignored);
  return tokenizer.Next() && tokenizer.current().text == "edition";
}

Result<std::unique_ptr<ProtoSource>> parse_text(std::string_view text, const std::string& file_name) {
  auto source = std::make_unique<ProtoSource>();
  pb::io::ArrayInputStream input(text.data(), static_cast<int>(text.size()));
  CollectFirstError errors;
  pb::io::Tokenizer tokenizer(&input, &errors);
  pb::compiler::Parser parser;
  parser.RecordErrorsTo(&errors);
  parser.RecordSourceLocationsTo(&source->locations);
  if (!parser.Parse(&tokenizer, &source->file)) {
    return errors::invalid_schema("PROTOBUF", errors.first().empty() ? "cannot parse .proto text" : errors.first());
  }
  source->file.set_name(file_name);
  return source;
}

// A serialized descriptor is only tried when the text is not .proto: base64 text never
// parses as a .proto file, so the two readings cannot be confused.
std::unique_ptr<ProtoSource> parse_serialized(std::string_view text, const std::string& file_name) {
  std::string compact;
  for (char c : text) {
    if (c != '\n' && c != '\r' && c != ' ') compact.push_back(c);
  }
  auto bytes = base64_decode(compact);
  if (!bytes) return nullptr;
  auto source = std::make_unique<ProtoSource>();
  if (!source->file.ParseFromString(*bytes)) return nullptr;
  source->file.set_name(file_name);
  source->file.clear_source_code_info();
  return source;
}

}  // namespace

std::string location_prefix(int line, int column) {
  if (line < 0) return {};
  return "line " + std::to_string(line + 1) + ":" + std::to_string(column + 1) + ": ";
}

Result<std::unique_ptr<ProtoSource>> read_proto_source(std::string_view text, const std::string& file_name) {
  if (declares_edition(text)) {
    return errors::invalid_schema("PROTOBUF", "Protobuf editions are not supported; use syntax = \"proto2\" or \"proto3\"");
  }
  auto parsed = parse_text(text, file_name);
  if (parsed) return parsed;
  if (auto serialized = parse_serialized(text, file_name)) return serialized;
  return parsed.error();
}

}  // namespace accord::formats::protobuf
