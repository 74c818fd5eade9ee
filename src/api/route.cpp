#include "accord/api/route.hpp"

namespace accord::api {

namespace {

constexpr std::size_t kMaxLabelSegments = 8;  // keeps labels of unknown deep paths bounded

bool is_parameter(std::string_view segment) {
  return segment.size() >= 2 && segment.front() == '{' && segment.back() == '}';
}

std::vector<std::string_view> split(std::string_view pattern) {
  std::vector<std::string_view> out;
  if (!pattern.empty() && pattern.front() == '/') pattern.remove_prefix(1);
  while (!pattern.empty()) {
    const auto slash = pattern.find('/');
    out.push_back(pattern.substr(0, slash));
    if (slash == std::string_view::npos) break;
    pattern.remove_prefix(slash + 1);
  }
  return out;
}

}  // namespace

RouteTable::Compiled RouteTable::compile(std::string_view pattern) {
  Compiled compiled;
  for (auto segment : split(pattern)) {
    if (!is_parameter(segment)) {
      compiled.segments.push_back(segment);
      continue;
    }
    if (segment == "{subject}") compiled.subject = compiled.segments.size();
    if (segment == "{id}") compiled.id = compiled.segments.size();
    if (segment.ends_with("...}")) compiled.rest = true;
    else compiled.segments.push_back("*");
  }
  return compiled;
}

RouteTable::RouteTable(std::vector<RouteDescriptor> routes) : routes_(std::move(routes)) {
  compiled_.reserve(routes_.size());
  for (const auto& route : routes_) compiled_.push_back(compile(route.pattern));
}

std::size_t RouteTable::shared_prefix(const Compiled& c, const std::vector<std::string>& segments, std::size_t count) {
  std::size_t shared = 0;
  while (shared < c.segments.size() && shared < count && (c.segments[shared] == "*" || c.segments[shared] == segments[shared]))
    ++shared;
  return shared;
}

RouteMatch RouteTable::match(const Request& request) const {
  RouteMatch match;
  const auto& segments = request.segments;
  std::size_t count = segments.size();
  while (count > 0 && segments[count - 1].empty()) --count;  // a trailing slash names nothing
  match.segments = count;

  // The route with this path (first one wins); for an unknown path the one sharing the
  // longest prefix with it, which decides who may ask (the subject it names, if any).
  std::optional<std::size_t> same_path, nearest;
  std::size_t longest = 0;
  for (std::size_t i = 0; i < compiled_.size(); ++i) {
    const auto& c = compiled_[i];
    const std::size_t shared = shared_prefix(c, segments, count);
    if (shared == c.segments.size() && (c.rest || count == shared)) {
      if (!same_path) same_path = i;
      if (routes_[i].method == request.method) {
        same_path = i;
        match.route = &routes_[i];
        break;
      }
    } else if (shared > longest) {
      longest = shared;
      nearest = i;
    }
  }

  const auto decided_by = same_path ? same_path : nearest;
  const std::size_t known = same_path ? count : longest;
  if (decided_by) {
    const auto& c = compiled_[*decided_by];
    if (c.subject && *c.subject < known) {
      match.subject = segments[*c.subject];
      match.subject_segment = c.subject;
    }
    if (c.id && *c.id < known) match.schema_id = segments[*c.id];
  }
  if (same_path) match.label = label(*same_path, compiled_[*same_path].segments.size(), count);
  else match.label = nearest ? label(*nearest, longest, count) : std::string(count == 0 ? "/" : "/{other}");
  if (match.route) {
    match.permission = match.route->permission;
    if (match.permission != Permission::ReadSchema) match.schema_id.reset();
    return match;
  }
  // No route for this method and path: its endpoint answers 405 or 404, after the same
  // permission rule as every other request of its kind.
  match.path_known = same_path.has_value();
  const bool get = request.method == "GET";
  if (match.subject) match.permission = get ? Permission::ReadSubject : Permission::WriteSubject;
  else match.permission = get ? Permission::Authenticated : Permission::Admin;
  match.schema_id.reset();
  return match;
}

// A route's label is its pattern. A path it covers only in part (an unknown path, or the
// tail a "{path...}" takes) keeps the `shared` first segments of the pattern and then one
// {param} per further segment, so that labels stay bounded whatever the path.
std::string RouteTable::label(std::size_t route, std::size_t shared, std::size_t count) const {
  const auto& c = compiled_[route];
  if (!c.rest && shared == c.segments.size() && count == shared) return std::string(routes_[route].pattern);
  const auto pattern = split(routes_[route].pattern);
  std::string label;
  for (std::size_t i = 0; i < count && i < kMaxLabelSegments; ++i) {
    label.push_back('/');
    label += i < shared ? pattern[i] : std::string_view("{param}");
  }
  return label;
}

}  // namespace accord::api
