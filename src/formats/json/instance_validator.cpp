#include "instance_validator.hpp"

#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include "accord/model/errors.hpp"

namespace accord::formats::json {

struct InstanceValidator::Impl {
  valijson::Schema schema;
};

InstanceValidator::InstanceValidator(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
InstanceValidator::~InstanceValidator() = default;

namespace {

std::string strip_dot_slash(std::string s) {
  while (s.rfind("./", 0) == 0) s = s.substr(2);
  return s;
}

// valijson's error context is "<root>", "[name]", "[0]", ...; a JSON pointer reads better.
std::string pointer_of(const std::vector<std::string>& context) {
  std::string out;
  for (const auto& part : context) {
    if (part == "<root>") continue;
    std::string token = part;
    if (token.size() >= 2 && token.front() == '[' && token.back() == ']') token = token.substr(1, token.size() - 2);
    if (token.size() >= 2 && token.front() == '"' && token.back() == '"') token = token.substr(1, token.size() - 2);
    out += "/" + token;
  }
  return out.empty() ? "/" : out;
}

}  // namespace

Result<std::shared_ptr<const InstanceValidator>> InstanceValidator::compile(
    const nlohmann::ordered_json& document, Draft draft, std::span<const ReferencedDocument> references) {
  auto impl = std::make_unique<Impl>();
  if (document.is_boolean()) {
    // valijson wants an object at the root; {} and {"not":{}} mean true and false.
    nlohmann::json root = document.get<bool>() ? nlohmann::json::object() : nlohmann::json{{"not", nlohmann::json::object()}};
    valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
    parser.populateSchema(valijson::adapters::NlohmannJsonAdapter(root), impl->schema);
    return std::shared_ptr<const InstanceValidator>(new InstanceValidator(std::move(impl)));
  }
  nlohmann::json root = nlohmann::json::parse(document.dump());
  auto fetch = [references](const std::string& uri) -> const nlohmann::json* {
    for (const auto& r : references) {
      const std::string name = strip_dot_slash(r.name);
      const std::string wanted = strip_dot_slash(uri);
      bool suffix = wanted.size() > name.size() && wanted.compare(wanted.size() - name.size(), name.size(), name) == 0 &&
                    wanted[wanted.size() - name.size() - 1] == '/';
      if (name == wanted || suffix) return new nlohmann::json(nlohmann::json::parse(r.document.dump()));
    }
    return nullptr;
  };
  auto free_doc = [](const nlohmann::json* doc) { delete doc; };
  try {
    valijson::SchemaParser parser(draft == Draft::V4 ? valijson::SchemaParser::kDraft4 : valijson::SchemaParser::kDraft7);
    parser.populateSchema(valijson::adapters::NlohmannJsonAdapter(root), impl->schema, fetch, free_doc);
  } catch (const std::exception& e) {
    return Error{ErrorCode::InvalidSchema, e.what()};
  }
  return std::shared_ptr<const InstanceValidator>(new InstanceValidator(std::move(impl)));
}

Status InstanceValidator::validate(std::string_view json_document) const {
  nlohmann::json instance = nlohmann::json::parse(json_document, nullptr, false);
  if (instance.is_discarded()) return errors::bad_request("The document is not valid JSON");
  valijson::Validator validator;
  valijson::ValidationResults results;
  if (validator.validate(impl_->schema, valijson::adapters::NlohmannJsonAdapter(instance), &results)) return Ok{};
  valijson::ValidationResults::Error first, deepest;
  size_t depth = 0;
  bool have = false;
  // Report the innermost failure: the outer ones only say "a child failed".
  while (results.popError(first)) {
    if (!have || first.context.size() > depth) {
      deepest = first;
      depth = first.context.size();
      have = true;
    }
  }
  return errors::unprocessable("JSON document does not match the schema at '" + pointer_of(deepest.context) +
                               "': " + deepest.description);
}

}  // namespace accord::formats::json
