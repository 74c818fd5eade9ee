// valijson must throw (not abort) on a schema it cannot parse: the target compiles with
// VALIJSON_USE_EXCEPTIONS=1 (see CMakeLists.txt).
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include "accord/model/json_pointer.hpp"
#include "accord/serde/json.hpp"

namespace accord::serde {

struct JsonSchemaValidator::Compiled {
  valijson::Schema schema;
};

namespace {


}  // namespace

JsonSchemaValidator::JsonSchemaValidator() : compiled_(std::make_unique<Compiled>()) {}
JsonSchemaValidator::~JsonSchemaValidator() = default;

SerdeResult<JsonSchemaValidatorPtr> JsonSchemaValidator::compile(const std::string& text,
                                                                 const std::vector<FetchedReference>& references) {
  const auto document = nlohmann::json::parse(text, nullptr, false);
  if (document.is_discarded()) return serde_error(ErrorKind::InvalidSchema, "JSON Schema is not JSON");
  std::map<std::string, nlohmann::json> referenced;
  for (const auto& ref : references) {
    auto json = nlohmann::json::parse(ref.text, nullptr, false);
    if (json.is_discarded())
      return serde_error(ErrorKind::InvalidSchema, "referenced schema " + ref.name + " is not JSON");
    referenced[ref.name] = std::move(json);
  }
  std::shared_ptr<JsonSchemaValidator> validator(new JsonSchemaValidator());
  try {
    valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
    valijson::adapters::NlohmannJsonAdapter adapter(document);
    auto fetch = [&referenced](const std::string& uri) -> const nlohmann::json* {
      auto it = referenced.find(uri);
      return it == referenced.end() ? nullptr : new nlohmann::json(it->second);
    };
    auto release = [](const nlohmann::json* doc) { delete doc; };
    parser.populateSchema(adapter, validator->compiled_->schema, fetch, release);
  } catch (const std::exception& e) {
    return serde_error(ErrorKind::InvalidSchema, std::string("JSON Schema does not compile: ") + e.what());
  }
  if (document.is_object() && document.contains("title") && document["title"].is_string())
    validator->title_ = document["title"];
  return JsonSchemaValidatorPtr(validator);
}

std::vector<std::string> JsonSchemaValidator::violations(const nlohmann::json& instance) const {
  valijson::Validator validator;
  valijson::ValidationResults results;
  valijson::adapters::NlohmannJsonAdapter adapter(instance);
  std::vector<std::string> out;
  if (validator.validate(compiled_->schema, adapter, &results)) return out;
  valijson::ValidationResults::Error error;
  while (results.popError(error)) out.push_back(json_pointer_of(error.context) + ": " + error.description);
  return out;
}

SerdeStatus JsonSchemaValidator::validate(const nlohmann::json& instance) const {
  const auto found = violations(instance);
  if (found.empty()) return Done{};
  std::string message;
  for (const auto& violation : found) message += (message.empty() ? "" : "; ") + violation;
  return serde_error(ErrorKind::ValidationFailed, message);
}

}  // namespace accord::serde
