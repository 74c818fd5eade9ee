#include "instance_validator.hpp"

#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include <map>

#include "accord/model/errors.hpp"
#include "accord/model/json_pointer.hpp"
#include "uri.hpp"

namespace accord::formats::json {

struct InstanceValidator::Impl {
  valijson::Schema schema;
  std::string unusable;  // why valijson could not compile the schema, if it could not
};

InstanceValidator::InstanceValidator(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
InstanceValidator::~InstanceValidator() = default;

namespace {

// Subschemas carrying an $id, by their resolved URI: valijson asks for them as documents.
void collect_resources(const nlohmann::json& value, const std::string& base, const char* id_keyword,
                       std::map<std::string, const nlohmann::json*>& out) {
  if (value.is_array()) {
    for (const auto& v : value) collect_resources(v, base, id_keyword, out);
    return;
  }
  if (!value.is_object()) return;
  std::string here = base;
  if (auto id = value.find(id_keyword); id != value.end() && id->is_string()) {
    here = resolve_uri(base, strip_fragment(id->get<std::string>()));
    out.emplace(here, &value);
  }
  for (const auto& [key, child] : value.items())
    if (key != "enum" && key != "const" && key != "default" && key != "examples")
      collect_resources(child, here, id_keyword, out);
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
  const char* id_keyword = draft == Draft::V4 ? "id" : "$id";
  std::string root_base;
  if (auto id = root.find(id_keyword); id != root.end() && id->is_string()) root_base = strip_fragment(id->get<std::string>());
  std::map<std::string, const nlohmann::json*> resources;
  collect_resources(root, "", id_keyword, resources);
  auto fetch = [references, resources, root_base](const std::string& uri) -> const nlohmann::json* {
    for (const std::string& candidate : {uri, resolve_uri(root_base, uri)})
      if (auto it = resources.find(candidate); it != resources.end()) return new nlohmann::json(*it->second);
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
    // Whether the schema is valid is the loader's call (Confluent's rules); valijson 1.0 lacks
    // some 2019-09+ resolution, so such a schema stays usable for compatibility.
    impl->unusable = e.what();
  }
  return std::shared_ptr<const InstanceValidator>(new InstanceValidator(std::move(impl)));
}

Status InstanceValidator::validate(std::string_view json_document) const {
  if (!impl_->unusable.empty())
    return errors::unprocessable("The schema cannot be used to validate documents: " + impl_->unusable);
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
  return errors::unprocessable("JSON document does not match the schema at '" + json_pointer_of(deepest.context) +
                               "': " + deepest.description);
}

}  // namespace accord::formats::json
