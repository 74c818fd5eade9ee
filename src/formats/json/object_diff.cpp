// Objects: the content model decides whether adding or removing a property is safe.
// Open = extra properties accepted with any value; closed = refused; partially open =
// accepted when they match a schema (patternProperties, additionalProperties or
// unevaluatedProperties given as a schema).
#include <regex>

#include "schema_diff.hpp"

namespace accord::formats::json {
namespace {

bool additional_properties_absent(const Node& n) {
  return n.permits_additional_properties && !n.additional_properties;
}

bool is_open_content_model(const Node& n) {
  if (!additional_properties_absent(n) || !n.pattern_properties.empty()) return false;
  return !n.unevaluated_properties || n.unevaluated_properties->is_empty_schema();
}

// The schema that extra property `name` must match when the model is partially open.
const Node* partially_open_schema(const Node& n, const std::string& name) {
  for (const auto& [pattern, schema] : n.pattern_properties) {
    try {
      if (std::regex_search(name, std::regex(pattern, std::regex::ECMAScript))) return schema;
    } catch (const std::regex_error&) {
      // The loader already refused invalid patterns; nothing to match here.
    }
  }
  if (n.additional_properties) return n.additional_properties;
  if (additional_properties_absent(n) && n.unevaluated_properties &&
      n.unevaluated_properties->kind != NodeKind::False && !n.unevaluated_properties->is_empty_schema())
    return n.unevaluated_properties;
  return nullptr;
}

void compare_required(DiffContext& ctx, const Node& original, const Node& update) {
  DiffContext::PathScope scope(ctx, "required");
  for (const auto& [name, _] : original.properties) {
    const Node* updated = update.property(name);
    if (!updated) continue;
    DiffContext::PathScope property(ctx, name);
    bool was_required = original.required.count(name) > 0;
    bool is_required = update.required.count(name) > 0;
    if (was_required && !is_required) ctx.add("REQUIRED_ATTRIBUTE_REMOVED");
    else if (!was_required && is_required)
      ctx.add(updated->has_default() ? "REQUIRED_ATTRIBUTE_WITH_DEFAULT_ADDED" : "REQUIRED_ATTRIBUTE_ADDED");
  }
}

void property_removed(DiffContext& ctx, const Node& update, const std::string& name, const Node* was) {
  // Only the reader's model matters: it must accept the property old data still carries.
  if (is_open_content_model(update)) {
    ctx.add("PROPERTY_REMOVED_FROM_OPEN_CONTENT_MODEL");
    return;
  }
  if (const Node* partial = partially_open_schema(update, name)) {
    DiffContext sub = ctx.sub();
    compare(sub, was, partial);
    ctx.add_all(sub.differences());
    ctx.add(sub.compatible() ? "PROPERTY_REMOVED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL"
                             : "PROPERTY_REMOVED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL");
    return;
  }
  ctx.add(was->kind == NodeKind::False ? "PROPERTY_WITH_FALSE_REMOVED_FROM_CLOSED_CONTENT_MODEL"
                                       : "PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL");
}

void property_added(DiffContext& ctx, const Node& original, const Node& update, const std::string& name,
                    const Node* added) {
  // Only the writer's model matters: under an open one, old data may carry the property with
  // any value, which the reader's new schema for it may refuse.
  bool required = update.required.count(name) > 0;
  if (is_open_content_model(original)) {
    if (added->is_empty_schema()) ctx.add("PROPERTY_WITH_EMPTY_SCHEMA_ADDED_TO_OPEN_CONTENT_MODEL");
    else if (required)
      ctx.add(added->has_default() ? "REQUIRED_PROPERTY_WITH_DEFAULT_ADDED_TO_OPEN_CONTENT_MODEL"
                                   : "REQUIRED_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL");
    else ctx.add("OPTIONAL_PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL");
    return;
  }
  if (const Node* partial = partially_open_schema(original, name)) {
    DiffContext sub = ctx.sub();
    compare(sub, partial, added);
    ctx.add_all(sub.differences());
    ctx.add(sub.compatible() ? "PROPERTY_ADDED_IS_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL"
                             : "PROPERTY_ADDED_NOT_COVERED_BY_PARTIALLY_OPEN_CONTENT_MODEL");
  }
  if (required)
    ctx.add(added->has_default() ? "REQUIRED_PROPERTY_WITH_DEFAULT_ADDED_TO_UNOPEN_CONTENT_MODEL"
                                 : "REQUIRED_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL");
  else ctx.add("OPTIONAL_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL");
}

void compare_properties(DiffContext& ctx, const Node& original, const Node& update) {
  DiffContext::PathScope scope(ctx, "properties");
  for (const auto& [name, was] : original.properties) {
    DiffContext::PathScope property(ctx, name);
    if (const Node* now = update.property(name)) compare(ctx, was, now);
    else property_removed(ctx, update, name, was);
  }
  for (const auto& [name, added] : update.properties) {
    if (original.property(name)) continue;
    DiffContext::PathScope property(ctx, name);
    property_added(ctx, original, update, name, added);
  }
}

template <class T>
const T* find_named(const std::vector<std::pair<std::string, T>>& entries, const std::string& name) {
  for (const auto& [key, value] : entries)
    if (key == name) return &value;
  return nullptr;
}

template <class T>
std::vector<std::string> union_of_names(const std::vector<std::pair<std::string, T>>& a,
                                        const std::vector<std::pair<std::string, T>>& b) {
  std::vector<std::string> names;
  for (const auto& [k, _] : a) names.push_back(k);
  for (const auto& [k, _] : b)
    if (!find_named(a, k)) names.push_back(k);
  return names;
}

bool contains_all(const std::set<std::string>& set, const std::set<std::string>& of) {
  for (const auto& s : of)
    if (!set.count(s)) return false;
  return true;
}

void compare_dependencies(DiffContext& ctx, const Node& original, const Node& update) {
  DiffContext::PathScope scope(ctx, "dependencies");
  for (const auto& name : union_of_names(original.property_dependencies, update.property_dependencies)) {
    DiffContext::PathScope property(ctx, name);
    const auto* was = find_named(original.property_dependencies, name);
    const auto* now = find_named(update.property_dependencies, name);
    if (!now) ctx.add("DEPENDENCY_ARRAY_REMOVED");
    else if (!was) ctx.add("DEPENDENCY_ARRAY_ADDED");
    else if (*was != *now) {
      if (contains_all(*now, *was)) ctx.add("DEPENDENCY_ARRAY_EXTENDED");
      else if (contains_all(*was, *now)) ctx.add("DEPENDENCY_ARRAY_NARROWED");
      else ctx.add("DEPENDENCY_ARRAY_CHANGED");
    }
  }
  for (const auto& name : union_of_names(original.schema_dependencies, update.schema_dependencies)) {
    DiffContext::PathScope property(ctx, name);
    const auto* was = find_named(original.schema_dependencies, name);
    const auto* now = find_named(update.schema_dependencies, name);
    if (!now) ctx.add("DEPENDENCY_SCHEMA_REMOVED");
    else if (!was) ctx.add("DEPENDENCY_SCHEMA_ADDED");
    else compare(ctx, *was, *now);
  }
}

void compare_additional_properties(DiffContext& ctx, const Node& original, const Node& update) {
  DiffContext::PathScope scope(ctx, "additionalProperties");
  if (original.permits_additional_properties != update.permits_additional_properties)
    ctx.add(update.permits_additional_properties ? "ADDITIONAL_PROPERTIES_ADDED" : "ADDITIONAL_PROPERTIES_REMOVED");
  else if (!original.additional_properties && update.additional_properties) ctx.add("ADDITIONAL_PROPERTIES_NARROWED");
  else if (original.additional_properties && !update.additional_properties) ctx.add("ADDITIONAL_PROPERTIES_EXTENDED");
  else compare(ctx, original.additional_properties, update.additional_properties);
}

}  // namespace

// Shared with arrays (unevaluatedItems follows the same rules as unevaluatedProperties).
void compare_unevaluated(DiffContext& ctx, const char* keyword, const std::string& kind_prefix, const Node* original,
                         const Node* update) {
  if (!original && !update) return;
  DiffContext::PathScope scope(ctx, keyword);
  auto is_false = [](const Node* n) { return n && n->kind == NodeKind::False; };
  auto is_empty = [](const Node* n) { return n && n->is_empty_schema(); };
  if (!original) ctx.add(kind_prefix + (is_false(update) ? "_REMOVED" : "_NARROWED"));
  else if (!update) ctx.add(kind_prefix + (is_false(original) ? "_ADDED" : "_EXTENDED"));
  else if (is_false(original) && !is_false(update)) ctx.add(kind_prefix + "_ADDED");
  else if (!is_false(original) && is_false(update)) ctx.add(kind_prefix + "_REMOVED");
  else if (is_empty(original) && !is_empty(update)) ctx.add(kind_prefix + "_NARROWED");
  else if (!is_empty(original) && is_empty(update)) ctx.add(kind_prefix + "_EXTENDED");
  else compare(ctx, original, update);
}

void compare_objects(DiffContext& ctx, const Node& original, const Node& update) {
  compare_required(ctx, original, update);
  compare_properties(ctx, original, update);
  compare_dependencies(ctx, original, update);
  compare_additional_properties(ctx, original, update);
  compare_unevaluated(ctx, "unevaluatedProperties", "UNEVALUATED_PROPERTIES", original.unevaluated_properties,
                      update.unevaluated_properties);
  struct Bound {
    const char* keyword;
    const char* prefix;
    std::optional<int64_t> Node::*member;
  };
  for (const Bound& b : {Bound{"maxProperties", "MAX_PROPERTIES", &Node::max_properties},
                         Bound{"minProperties", "MIN_PROPERTIES", &Node::min_properties}}) {
    const auto& o = original.*(b.member);
    const auto& u = update.*(b.member);
    if (o == u) continue;
    std::string prefix = b.prefix;
    if (!o) ctx.add(b.keyword, prefix + "_ADDED");
    else if (!u) ctx.add(b.keyword, prefix + "_REMOVED");
    else ctx.add(b.keyword, prefix + (*o < *u ? "_INCREASED" : "_DECREASED"));
  }
}

}  // namespace accord::formats::json
