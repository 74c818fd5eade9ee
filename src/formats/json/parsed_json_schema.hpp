#pragma once
// A parsed, checked JSON Schema: its stored texts, the form compatibility is judged on and
// the compiled validator for documents.
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "accord/formats/format.hpp"
#include "draft.hpp"
#include "instance_validator.hpp"
#include "schema_node.hpp"

namespace accord::formats::json {

class ParsedJsonSchema final : public ParsedSchema {
 public:
  ParsedJsonSchema(nlohmann::ordered_json document, Draft draft, std::shared_ptr<const SchemaGraph> graph,
                   std::shared_ptr<const InstanceValidator> validator);

  SchemaType type() const override { return SchemaType::Json; }
  const std::string& canonical() const override { return canonical_; }
  std::string normalized() const override;

  const nlohmann::ordered_json& document() const { return document_; }
  Draft draft() const { return draft_; }
  const Node* root() const { return graph_->root; }
  const InstanceValidator& validator() const { return *validator_; }

 private:
  nlohmann::ordered_json document_;
  Draft draft_;
  std::string canonical_;
  std::shared_ptr<const SchemaGraph> graph_;
  std::shared_ptr<const InstanceValidator> validator_;
};

}  // namespace accord::formats::json
