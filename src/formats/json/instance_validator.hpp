#pragma once
// Validation of JSON documents against a schema, by valijson.
#include <memory>
#include <nlohmann/json.hpp>
#include <span>
#include <string>
#include <string_view>

#include "accord/model/error.hpp"
#include "draft.hpp"
#include "schema_loader.hpp"

namespace accord::formats::json {

class InstanceValidator {
 public:
  // Fails (with valijson's reason) when valijson cannot compile the schema.
  static Result<std::shared_ptr<const InstanceValidator>> compile(const nlohmann::ordered_json& document, Draft draft,
                                                                  std::span<const ReferencedDocument> references);
  ~InstanceValidator();

  // Ok, or an error naming the JSON pointer of the first failing location in the document.
  Status validate(std::string_view json_document) const;

 private:
  struct Impl;
  explicit InstanceValidator(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace accord::formats::json
