#pragma once
// A parsed Avro schema: the graph (with its references' types), parsed once. The canonical
// text is written when first asked for: a registration stores it, but a replay parses each
// schema only for its identity, which the normalized text gives.
#include <memory>
#include <mutex>
#include <string>

#include "accord/formats/format.hpp"
#include "schema_model.hpp"
#include "schema_writer.hpp"

namespace accord::formats::avro {

class AvroSchema final : public ParsedSchema {
 public:
  explicit AvroSchema(std::unique_ptr<SchemaGraph> graph) : graph_(std::move(graph)) {}

  SchemaType type() const override { return SchemaType::Avro; }
  // A parsed schema is shared between threads (the registry's cache of parsed schemas).
  const std::string& canonical() const override {
    std::call_once(canonical_once_, [this] { canonical_ = canonical_text(*graph_); });
    return canonical_;
  }
  std::string normalized() const override { return normalized_text(*graph_); }
  // `resolved`: the named types of the references written inline, each defined once, so the
  // text is a standalone schema.
  std::optional<std::string> formatted(std::string_view format) const override {
    if (format == "resolved") return java_schema_text(*graph_->root);
    return std::nullopt;
  }

  const Node& root() const { return *graph_->root; }
  const SchemaGraph& graph() const { return *graph_; }

 private:
  std::unique_ptr<SchemaGraph> graph_;
  mutable std::once_flag canonical_once_;
  mutable std::string canonical_;
};

}  // namespace accord::formats::avro
