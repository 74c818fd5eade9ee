#include "catalog_query.hpp"

#include <charconv>

#include "accord/model/errors.hpp"
#include "accord/registry/effective_config.hpp"

namespace accord::api {

namespace {

constexpr std::size_t kMaxLimit = 1000;
constexpr std::size_t kMaxQueryBytes = 1000;

Result<std::size_t> count_param(const Request& request, const char* name, std::size_t fallback, std::size_t max) {
  auto text = request.param(name);
  if (!text) return fallback;
  std::size_t value = 0;
  auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (text->empty() || ec != std::errc{} || end != text->data() + text->size() || value > max)
    return errors::bad_request(std::string(name) + " must be an integer from 0 to " + std::to_string(max) + ", got '" +
                               *text + "'");
  return value;
}

// An empty value (a cleared form field) is no filter.
std::optional<std::string> filter_param(const Request& request, const char* name) {
  auto value = request.param(name);
  if (value && value->empty()) return std::nullopt;
  return value;
}

}  // namespace

ContextLevels::ContextLevels(const store::StateStore& store, CompatibilityLevel server_default)
    : elsewhere_(server_default) {
  if (auto global = store.config(context_prefix(kGlobalContext)); global && global->compatibility_level)
    elsewhere_ = *global->compatibility_level;
  // Reads the store here, not in the catalog's filter, which runs under the store's lock.
  by_context_.emplace(kDefaultContext, registry::effective_compatibility(store, std::nullopt, server_default));
  for (const auto& context : store.contexts())
    by_context_.emplace(context, registry::effective_compatibility(store, context_prefix(context), server_default));
}

CompatibilityLevel ContextLevels::of(const store::CatalogEntry& e) const {
  if (e.compatibility) return *e.compatibility;
  auto it = by_context_.find(context_of(e.subject));
  return it == by_context_.end() ? elsewhere_ : it->second;
}

Result<store::CatalogQuery> catalog_query(const Request& request, const ContextLevels& levels,
                                          std::size_t default_limit) {
  store::CatalogQuery query;
  query.text = request.param("q").value_or("");
  if (query.text.size() > kMaxQueryBytes)
    return errors::bad_request("q is longer than " + std::to_string(kMaxQueryBytes) + " bytes");
  auto offset = count_param(request, "offset", 0, std::numeric_limits<int32_t>::max());
  if (!offset) return offset.error();
  auto limit = count_param(request, "limit", default_limit, kMaxLimit);
  if (!limit) return limit.error();
  query.offset = *offset;
  query.limit = *limit;
  if (auto type = filter_param(request, "schemaType")) {
    query.type = parse_schema_type(*type);
    if (!query.type) return errors::bad_request("schemaType must be AVRO, JSON or PROTOBUF, got '" + *type + "'");
  }
  query.owner = filter_param(request, "owner");
  query.producer = filter_param(request, "producer");
  query.consumer = filter_param(request, "consumer");
  query.include_deleted = request.flag("deleted");
  std::optional<CompatibilityLevel> level;
  if (auto text = filter_param(request, "compatibility")) {
    level = parse_compatibility_level(*text);
    if (!level) return errors::invalid_compatibility_level();
  }
  const auto subject = filter_param(request, "subject");
  std::vector<std::pair<std::string, std::optional<std::string>>> properties;
  auto range = request.query.equal_range("property");
  for (auto it = range.first; it != range.second; ++it) {
    const auto colon = it->second.find(':');
    if (colon == std::string::npos) properties.emplace_back(it->second, std::nullopt);
    else properties.emplace_back(it->second.substr(0, colon), it->second.substr(colon + 1));
  }
  if (!level && !subject && properties.empty() && !request.may_read) return query;
  query.accept = [level, levels, subject, properties, may_read = request.may_read](const store::CatalogEntry& e) {
    if (subject && e.subject != *subject) return false;
    if (level && levels.of(e) != *level) return false;
    for (const auto& [key, value] : properties) {
      auto it = e.properties.find(key);
      if (it == e.properties.end() || (value && it->second != *value)) return false;
    }
    return !may_read || may_read(e.subject);
  };
  return query;
}

}  // namespace accord::api
