#include "accord/cli/request_limits.hpp"

#include <nlohmann/json.hpp>

#include "accord/http/limits.hpp"
#include "accord/model/errors.hpp"

namespace accord::cli {

std::optional<Error> RequestLimits::check(const api::Request& request, const api::RouteMatch& route) const {
  if (request.body.empty()) return std::nullopt;
  if (http::nesting_depth(request.body) > body_depth) return errors::body_too_deep(body_depth);
  if (!route.route || !route.route->schema_body) return std::nullopt;
  auto doc = nlohmann::json::parse(request.body, nullptr, false);
  if (!doc.is_object() || !doc.contains("schema") || !doc["schema"].is_string()) return std::nullopt;
  const auto& schema = doc["schema"].get_ref<const std::string&>();
  if (schema.size() > schema_bytes) return errors::schema_over_size_limit(schema_bytes);
  if (http::nesting_depth(schema) > schema_depth) return errors::schema_too_deep(schema_depth);
  return std::nullopt;
}

}  // namespace accord::cli
